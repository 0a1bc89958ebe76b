/**
 * The messages the dispatcher reads and writes on Kafka: the strict decoding of a {@link
 * io.alertscoring.schemas.output.NotificationEvent} from the notification topic, and the dead
 * letters it writes to the webhook dead-letter topic (an undecodable message with its origin, or a
 * delivery that exhausted its attempts).
 */
package io.alertscoring.webhooks.event;
