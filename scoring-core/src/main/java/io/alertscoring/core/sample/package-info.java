/**
 * A small deterministic generator of consistent SOT batches for tests and the local run. The
 * realistic synthetic economy with laundering typologies is a separate, later generator.
 */
package io.alertscoring.core.sample;
