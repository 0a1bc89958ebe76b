package io.alertscoring.webhooks.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.webhooks.TestEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotificationDecoderTest {
  private final NotificationEvent event = TestEvents.alert("ethereum", "a1", "high");

  @Test
  void decodesWhatTheJobWrites() {
    assertThat(NotificationDecoder.decode(bytes(OutputJson.encode(event)))).isEqualTo(event);
    NotificationEvent cluster = TestEvents.cluster("bitcoin", "c1", "medium");
    assertThat(NotificationDecoder.decode(bytes(OutputJson.encode(cluster)))).isEqualTo(cluster);
  }

  @Test
  void unknownFieldsAreTolerated() {
    ObjectNode node = OutputJson.mapper().valueToTree(event);
    node.put("added_later", 1);
    assertThat(NotificationDecoder.decode(bytes(node.toString()))).isEqualTo(event);
  }

  @Test
  void rejectsWithOneLineNamingTheProblem() {
    assertRejected(new byte[0], "empty message");
    assertRejected(null, "empty message");
    assertRejected(bytes("not json"), "malformed JSON");
    assertRejected(bytes("[1,2]"), "expected a JSON object");
    assertRejected(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'}, "not UTF-8");
    assertRejected(bytes("{\"entity_type\":\"alert\"}"), "source: missing");
    for (String field : NotificationDecoder.REQUIRED) {
      ObjectNode node = OutputJson.mapper().valueToTree(event);
      node.remove(field);
      assertRejected(bytes(node.toString()), field + ": missing");
    }
    assertRejected(with("priority", "critical"), "priority: expected low, medium or high");
    assertRejected(with("priority", "HIGH"), "priority:");
    assertRejected(with("entity_type", "address"), "entity_type: expected alert or cluster");
    assertRejected(with("source", "batch"), "source: expected live or final");
    assertRejected(with("network", " "), "network: must not be empty");
    assertRejected(with("entity_id", ""), "entity_id: must not be empty");
    assertRejected(with("processing_date", "2026-13-01"), "processing_date: expected YYYY-MM-DD");
    ObjectNode score = OutputJson.mapper().valueToTree(event);
    score.put("score", 1.5);
    assertRejected(bytes(score.toString()), "score: expected a number in [0, 1]");
    assertRejected(
        bytes(OutputJson.encode(event).replaceFirst("\"score\":[0-9.]+", "\"score\":NaN")),
        "malformed JSON");
    ObjectNode typed = OutputJson.mapper().valueToTree(event);
    typed.put("window_days", "seven");
    assertRejected(bytes(typed.toString()), "not a notification event");
  }

  private byte[] with(String field, String value) {
    ObjectNode node = OutputJson.mapper().valueToTree(event);
    node.put(field, value);
    return bytes(node.toString());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRejected(byte[] value, String reason) {
    assertThatThrownBy(() -> NotificationDecoder.decode(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
