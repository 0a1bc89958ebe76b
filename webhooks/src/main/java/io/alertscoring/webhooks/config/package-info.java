/**
 * Who gets which notification: the subscriptions file ({@code --webhooks FILE}), validated as a
 * whole at start so a typo stops the service with one line naming the endpoint and the field,
 * rather than silently never matching.
 */
package io.alertscoring.webhooks.config;
