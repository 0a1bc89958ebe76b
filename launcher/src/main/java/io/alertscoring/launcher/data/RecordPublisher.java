package io.alertscoring.launcher.data;

import io.alertscoring.infra.SotKafkaPublisher;
import io.alertscoring.schemas.input.SotRecord;
import java.util.function.Consumer;

/** Where a replay sends records: Kafka in production, a list in unit tests. */
interface RecordPublisher extends AutoCloseable {
  /** Sends asynchronously; {@code onFailure} runs if the record is finally refused. */
  void publish(SotRecord record, Consumer<Exception> onFailure);

  /** Waits until everything sent so far is acknowledged or failed. */
  void flush();

  /** Sends and waits for the acknowledgement; throws if refused. */
  void publishAndWait(SotRecord record);

  @Override
  void close();

  /** Through {@link SotKafkaPublisher}: one JSON message per record, keyed by batch id. */
  static RecordPublisher kafka(String bootstrapServers) {
    SotKafkaPublisher publisher = new SotKafkaPublisher(bootstrapServers);
    return new RecordPublisher() {
      @Override
      public void publish(SotRecord record, Consumer<Exception> onFailure) {
        publisher.publish(record, onFailure);
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
