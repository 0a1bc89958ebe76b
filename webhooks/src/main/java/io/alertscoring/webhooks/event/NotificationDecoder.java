package io.alertscoring.webhooks.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.alertscoring.schemas.PriorityLabel;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Decodes one notification message (JSON, snake_case, as {@code OutputJson} writes it) and checks
 * what delivery depends on: the fields of the dedup key and the link, the priority, a real date, a
 * finite score. Anything else is a {@link IllegalArgumentException} whose message is one line
 * naming the field: the dispatcher dead-letters the message with it.
 *
 * <p>Unknown fields are accepted (and not forwarded): the job may add a field before every
 * dispatcher is upgraded, and a strict reader would then dead-letter every notification. Missing
 * fields are not: a record without its key fields would be deduplicated under a wrong key.
 */
public final class NotificationDecoder {

  /** Fields without which an event cannot be keyed, linked or filtered. */
  static final List<String> REQUIRED =
      List.of(
          "entity_type",
          "source",
          "network",
          "processing_date",
          "run_id",
          "entity_id",
          "score",
          "priority",
          "scored_at");

  private static final Set<String> SOURCES =
      Set.of(NotificationEvent.LIVE, NotificationEvent.FINAL);

  private static final ObjectReader READER =
      OutputJson.mapper()
          .readerFor(NotificationEvent.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private NotificationDecoder() {}

  public static NotificationEvent decode(byte[] value) {
    if (value == null || value.length == 0) {
      throw new IllegalArgumentException("empty message");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(value))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("message is not UTF-8");
    }
    JsonNode node;
    try {
      node = OutputJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + oneLine(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    for (String field : REQUIRED) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        throw new IllegalArgumentException(field + ": missing");
      }
    }
    NotificationEvent event;
    try {
      event = READER.treeToValue(node, NotificationEvent.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String message =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException("not a notification event: " + oneLine(message));
    }
    return validate(event);
  }

  /** Checks the decoded fields; returns the event. */
  public static NotificationEvent validate(NotificationEvent e) {
    if (!NotificationEvent.ALERT.equals(e.entityType())
        && !NotificationEvent.CLUSTER.equals(e.entityType())) {
      throw new IllegalArgumentException(
          "entity_type: expected alert or cluster, got '" + e.entityType() + "'");
    }
    if (!SOURCES.contains(e.source())) {
      throw new IllegalArgumentException(
          "source: expected live or final, got '" + e.source() + "'");
    }
    nonBlank("network", e.network());
    nonBlank("entity_id", e.entityId());
    if (e.runId() == null) {
      throw new IllegalArgumentException("run_id: missing");
    }
    try {
      PriorityLabel.fromWire(e.priority());
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException(
          "priority: expected low, medium or high, got '" + e.priority() + "'");
    }
    try {
      LocalDate.parse(e.processingDate());
    } catch (DateTimeParseException | NullPointerException ex) {
      throw new IllegalArgumentException(
          "processing_date: expected YYYY-MM-DD, got '" + e.processingDate() + "'");
    }
    if (!(e.score() >= 0 && e.score() <= 1)) {
      throw new IllegalArgumentException("score: expected a number in [0, 1], got " + e.score());
    }
    if (e.scoredAt() < 0) {
      throw new IllegalArgumentException("scored_at: negative");
    }
    return e;
  }

  private static void nonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be empty");
    }
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.replaceAll("\\s+", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
