package io.alertscoring.job.functions;

import io.alertscoring.schemas.output.DeadLetter;
import java.nio.charset.StandardCharsets;

/**
 * Builds dead-letter records; keeps payloads bounded so one huge message cannot flood the topic.
 */
public final class DeadLetters {
  public static final int MAX_PAYLOAD_CHARS = 64 * 1024;

  private DeadLetters() {}

  public static DeadLetter of(
      String reason,
      String kind,
      String topic,
      int partition,
      long offset,
      String batchId,
      byte[] payload,
      long now) {
    String text = payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
    return of(reason, kind, topic, partition, offset, batchId, text, now);
  }

  public static DeadLetter of(
      String reason,
      String kind,
      String topic,
      int partition,
      long offset,
      String batchId,
      String payload,
      long now) {
    boolean truncated = payload.length() > MAX_PAYLOAD_CHARS;
    return new DeadLetter(
        reason,
        kind,
        topic == null ? "" : topic,
        partition,
        offset,
        batchId == null ? "" : batchId,
        truncated ? payload.substring(0, MAX_PAYLOAD_CHARS) : payload,
        truncated,
        now);
  }
}
