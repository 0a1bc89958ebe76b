package io.alertscoring.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.webhooks.TestEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {
  private final WebhookPayload payload = new WebhookPayload("https://aml.example.com/");

  @Test
  void bodyIsTheEventsFieldsPlusEventIdEndpointIdAndLink() throws Exception {
    NotificationEvent e = TestEvents.alert("ethereum", "a-17", "high");
    JsonNode body = OutputJson.mapper().readTree(payload.body(e, "ops", "eid"));
    JsonNode event = OutputJson.mapper().readTree(OutputJson.encode(e));
    List<String> eventFields = new ArrayList<>();
    event.fieldNames().forEachRemaining(eventFields::add);
    assertThat(eventFields)
        .contains("entity_type", "processing_date", "entity_id", "typology_type", "scored_at")
        .doesNotContain("dedup_key", "message_key");
    for (String f : eventFields) {
      assertThat(body.get(f)).as(f).isEqualTo(event.get(f));
    }
    assertThat(body.get("event_id").asText()).isEqualTo("eid");
    assertThat(body.get("endpoint_id").asText()).isEqualTo("ops");
    assertThat(body.get("link").asText())
        .isEqualTo("https://aml.example.com/alerts/a-17?network=ethereum");
    assertThat(body.size()).isEqualTo(eventFields.size() + 3);
  }

  @Test
  void clusterLinksToTheClusterScoresOfItsDate() {
    assertThat(payload.link(TestEvents.cluster("bitcoin", "c9", "high")))
        .isEqualTo("https://aml.example.com/scores/clusters/2026-03-01?network=bitcoin");
  }

  @Test
  void linkPartsAreEncoded() {
    NotificationEvent e = TestEvents.alert("my net", "a/1 b", "high");
    assertThat(new WebhookPayload("http://h:8000").link(e))
        .isEqualTo("http://h:8000/alerts/a%2F1%20b?network=my+net");
  }

  @Test
  void sameEventGivesTheSameBytes() {
    NotificationEvent e = TestEvents.alert("ethereum", "a1", "high");
    assertThat(payload.body(e, "ops", "x")).isEqualTo(payload.body(e, "ops", "x"));
  }
}
