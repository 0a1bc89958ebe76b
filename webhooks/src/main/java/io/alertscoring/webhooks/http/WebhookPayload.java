package io.alertscoring.webhooks.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The JSON body of a webhook: every field of the {@link NotificationEvent} (snake_case, as on the
 * notification topic) plus {@code event_id}, {@code endpoint_id} and {@code link}, a URL an analyst
 * opens in the query API: {@code <linkBase>/alerts/<entity_id>?network=<network>} for an alert,
 * {@code <linkBase>/scores/clusters/<processing_date>?network=<network>} for a cluster (the API
 * serves cluster scores by date; the receiver finds the cluster by {@code entity_id} in it).
 *
 * <p>Built once per delivery: every attempt sends the same bytes, only the timestamp and signature
 * headers change.
 */
public final class WebhookPayload {
  private final String linkBase;

  /**
   * @param linkBase the query API's public base URL, e.g. {@code https://aml.example.com}; a
   *     trailing slash is ignored
   */
  public WebhookPayload(String linkBase) {
    String base = linkBase == null ? "" : linkBase.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.linkBase = base;
  }

  public String body(NotificationEvent event, String endpointId, String eventId) {
    ObjectNode node = OutputJson.mapper().valueToTree(event);
    node.put("event_id", eventId);
    node.put("endpoint_id", endpointId);
    node.put("link", link(event));
    return node.toString();
  }

  /** The analyst link of {@code event}. */
  public String link(NotificationEvent event) {
    String network = "?network=" + query(event.network());
    if (NotificationEvent.CLUSTER.equals(event.entityType())) {
      return linkBase + "/scores/clusters/" + segment(event.processingDate()) + network;
    }
    return linkBase + "/alerts/" + segment(event.entityId()) + network;
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Percent-encodes a path segment ({@code URLEncoder} is form encoding: '+' for a space). */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
