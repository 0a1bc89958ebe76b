package io.alertscoring.launcher.data;

import io.alertscoring.infra.SotKafkaPublisher;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import java.util.function.Consumer;

/** Where a replay sends records: Kafka in production, a list in unit tests. */
interface RecordPublisher extends AutoCloseable {
  /** Sends asynchronously; {@code onFailure} runs if the record is finally refused. */
  void publish(SotRecord record, Consumer<Exception> onFailure);

  /**
   * Sends a message that already is canonical SOT JSON of {@code kind}, as it is (the file replay's
   * fast path); {@code key} is the batch id in UTF-8. The default decodes and calls {@link
   * #publish(SotRecord, Consumer)}, which suits in-memory publishers of tests; Kafka sends the
   * bytes untouched.
   */
  default void publishBytes(
      RecordKind kind, byte[] key, byte[] value, Consumer<Exception> onFailure) {
    SotRecord record;
    try {
      record = SotJson.decode(kind, value);
    } catch (RecordValidationException e) {
      onFailure.accept(new IllegalArgumentException("not a valid " + kind + " record", e));
      return;
    }
    publish(record, onFailure);
  }

  /**
   * Tags what is published from now on as one run ({@code Runs.HEADER}); each batch a replay
   * publishes is its own run, so the job scores it apart and publishes it whole.
   */
  default void startRun(String runId) {}

  /** Waits until everything sent so far is acknowledged or failed. */
  void flush();

  /** Sends and waits for the acknowledgement; throws if refused. */
  void publishAndWait(SotRecord record);

  @Override
  void close();

  /**
   * Through {@link SotKafkaPublisher#bulk}: one JSON message per record, keyed by batch id, in
   * large LZ4 batches (a replay wants throughput; the batch-control record is still sent only after
   * a flush of its batch's data).
   */
  static RecordPublisher kafka(String bootstrapServers) {
    SotKafkaPublisher publisher = SotKafkaPublisher.bulk(bootstrapServers);
    return new RecordPublisher() {
      @Override
      public void publish(SotRecord record, Consumer<Exception> onFailure) {
        publisher.publish(record, onFailure);
      }

      @Override
      public void publishBytes(
          RecordKind kind, byte[] key, byte[] value, Consumer<Exception> onFailure) {
        publisher.publishBytes(kind, key, value, onFailure);
      }

      @Override
      public void startRun(String runId) {
        publisher.startRun(runId);
      }

      @Override
      public void flush() {
        publisher.flush();
      }

      @Override
      public void publishAndWait(SotRecord record) {
        publisher.publishAndWait(record);
      }

      @Override
      public void close() {
        publisher.close();
      }
    };
  }
}
