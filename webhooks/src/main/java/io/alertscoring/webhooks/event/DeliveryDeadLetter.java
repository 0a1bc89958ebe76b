package io.alertscoring.webhooks.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;

/**
 * A notification that exhausted its attempts at one endpoint, as written (snake_case JSON, keyed by
 * event id) to {@link io.alertscoring.schemas.RecordKind#WEBHOOK_DEAD_LETTER_TOPIC}. The same topic
 * carries undecodable notification messages as the product's {@link
 * io.alertscoring.schemas.output.DeadLetter} (with {@code kind} {@value #MALFORMED_KIND}); {@code
 * kind} tells the two apart.
 *
 * @param reason one line: attempts and the last failure
 * @param kind {@value #KIND}
 * @param event the event as it was on the notification topic
 * @param lastStatus the last HTTP status; 0 when the last attempt got no response
 * @param lastError the last failure (HTTP status or I/O error)
 * @param detectedAt when the delivery was given up (epoch ms)
 */
public record DeliveryDeadLetter(
    String reason,
    String kind,
    String endpointId,
    String eventId,
    String dedupKey,
    JsonNode event,
    int attempts,
    int lastStatus,
    String lastError,
    long detectedAt) {

  public static final String KIND = "webhook_delivery";
  public static final String MALFORMED_KIND = "notification";

  public static DeliveryDeadLetter of(
      NotificationEvent event,
      String endpointId,
      String eventId,
      int attempts,
      int lastStatus,
      String lastError,
      long detectedAt) {
    return new DeliveryDeadLetter(
        "delivery to " + endpointId + " failed after " + attempts + " attempts: " + lastError,
        KIND,
        endpointId,
        eventId,
        event.dedupKey(),
        OutputJson.mapper().valueToTree(event),
        attempts,
        lastStatus,
        lastError,
        detectedAt);
  }

  public String toJson() {
    return OutputJson.encode(this);
  }
}
