/**
 * A reference webhook receiver: verifies each request's signature as an integrator's receiver must,
 * and records what arrived. The local run, the live benchmark and the end-to-end tests use it; its
 * source is the example for integrators.
 */
package io.alertscoring.webhooks.receiver;
