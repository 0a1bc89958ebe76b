package io.alertscoring.infra;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes SOT records to their topics the way upstream does: one JSON message per record, keyed
 * by the batch id so one batch's records of a kind stay in order on one partition. Idempotent
 * producer with acks=all; {@link #flush()} before publishing a batch-control record guarantees the
 * control record is not visible before the data it announces.
 */
public final class SotKafkaPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  public SotKafkaPublisher(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
  }

  /** Publishes a record to its kind's topic. */
  public void publish(SotRecord record) {
    publishRaw(record.kind(), record.batchKey().id(), SotJson.encode(record));
  }

  /**
   * Publishes a record to its kind's topic; {@code onFailure} runs (on the producer's I/O thread)
   * if the broker finally refuses it, so a caller can count what was really published.
   */
  public void publish(SotRecord record, java.util.function.Consumer<Exception> onFailure) {
    producer.send(
        new ProducerRecord<>(
            record.kind().defaultTopic(),
            record.batchKey().id().getBytes(StandardCharsets.UTF_8),
            SotJson.encode(record).getBytes(StandardCharsets.UTF_8)),
        (metadata, exception) -> {
          if (exception != null) {
            onFailure.accept(exception);
          }
        });
  }

  /** Publishes an arbitrary message (e.g. a malformed one in a test) to a kind's topic. */
  public void publishRaw(RecordKind kind, String key, String message) {
    producer.send(
        new ProducerRecord<>(
            kind.defaultTopic(),
            key.getBytes(StandardCharsets.UTF_8),
            message == null ? null : message.getBytes(StandardCharsets.UTF_8)));
  }

  /** Waits until everything sent so far is acknowledged. */
  public void flush() {
    producer.flush();
  }

  /** Publishes, waits for the acknowledgement and fails if the broker refused. */
  public void publishAndWait(SotRecord record) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  record.kind().defaultTopic(),
                  record.batchKey().id().getBytes(StandardCharsets.UTF_8),
                  SotJson.encode(record).getBytes(StandardCharsets.UTF_8)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("broker refused " + record.kind() + ": " + e.getCause(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
