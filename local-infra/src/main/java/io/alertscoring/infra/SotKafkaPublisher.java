package io.alertscoring.infra;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes SOT records to their topics the way upstream does: one JSON message per record, keyed
 * by the batch id so one batch's records of a kind stay in order on one partition. Idempotent
 * producer with acks=all (retries never duplicate or reorder a partition's records); {@link
 * #flush()} before publishing a batch-control record guarantees the control record is not visible
 * before the data it announces.
 *
 * <p>Two profiles. {@link #SotKafkaPublisher(String)} is the low-latency one for tests and the
 * local run (linger 5 ms, default batches, no compression). {@link #bulk(String)} is for replays of
 * whole dates: large batches (512 KiB), 20 ms linger, LZ4 and a 256 MiB buffer. With the batch-id
 * key every record of one kind of one batch goes to one partition, so per-partition batch size is
 * what bounds throughput; 512 KiB (compressed estimate) keeps a batch well under the broker's
 * default 1 MiB {@code message.max.bytes} even when the producer's compression-ratio estimate is
 * off by 2x. LZ4 costs little CPU on the sending thread (SOT JSON compresses ~4-6x) and cuts the
 * bytes the broker has to write and copy by as much.
 */
public final class SotKafkaPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  /** The run every message is tagged with (Kafka header {@code run_id}), or null for none. */
  private volatile byte[] runHeader;

  /** The low-latency profile (tests, local run). */
  public SotKafkaPublisher(String bootstrapServers) {
    this(bootstrapServers, Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"));
  }

  /**
   * A publisher with extra producer settings over the idempotent acks=all base (e.g. {@link
   * #BULK}); settings that would weaken idempotence are refused.
   */
  public SotKafkaPublisher(String bootstrapServers, Map<String, String> overrides) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.putAll(overrides);
    if (!"all".equals(props.get(ProducerConfig.ACKS_CONFIG))
        || !"true".equals(props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))) {
      throw new IllegalArgumentException("SOT publication must stay idempotent with acks=all");
    }
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
  }

  /** The throughput profile of {@link #bulk(String)}. */
  public static final Map<String, String> BULK =
      Map.of(
          ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024),
          ProducerConfig.LINGER_MS_CONFIG, "20",
          ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(256L * 1024 * 1024),
          ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
          // at most 5 with idempotence; 5 keeps the pipe full while one request is on the broker
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");

  /** A publisher for whole-date replays: big LZ4 batches (see the class comment). */
  public static SotKafkaPublisher bulk(String bootstrapServers) {
    return new SotKafkaPublisher(bootstrapServers, BULK);
  }

  /**
   * Tags every message published from now on with {@code runId} (the {@value Runs#HEADER} header):
   * one publication of a date is one run, which the job scores apart from any other and publishes
   * whole (ADR 0006). {@code null} publishes untagged messages.
   */
  public SotKafkaPublisher startRun(String runId) {
    String problem = Runs.problem(runId);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    runHeader = runId == null || runId.isEmpty() ? null : runId.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  private ProducerRecord<byte[], byte[]> message(String topic, byte[] key, byte[] value) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
    byte[] run = runHeader;
    if (run != null) {
      record.headers().add(Runs.HEADER, run);
    }
    return record;
  }

  /** Publishes a record to its kind's topic. */
  public void publish(SotRecord record) {
    publishRaw(record.kind(), record.batchKey().id(), SotJson.encode(record));
  }

  /**
   * Publishes a record to its kind's topic; {@code onFailure} runs (on the producer's I/O thread)
   * if the broker finally refuses it, so a caller can count what was really published.
   */
  public void publish(SotRecord record, Consumer<Exception> onFailure) {
    publishBytes(
        record.kind(),
        record.batchKey().id().getBytes(StandardCharsets.UTF_8),
        SotJson.encode(record).getBytes(StandardCharsets.UTF_8),
        onFailure);
  }

  /**
   * Publishes a message as it is, without decoding or re-encoding it: the fast path of file
   * replays, whose lines already are canonical SOT JSON. {@code key} is the batch id's UTF-8 bytes
   * (shared between calls: the producer only reads it); {@code value} must not be changed after the
   * call. {@code onFailure} runs on the producer's I/O thread if the broker finally refuses it.
   */
  public void publishBytes(
      RecordKind kind, byte[] key, byte[] value, Consumer<Exception> onFailure) {
    producer.send(
        message(kind.defaultTopic(), key, value),
        (metadata, exception) -> {
          if (exception != null) {
            onFailure.accept(exception);
          }
        });
  }

  /** Publishes an arbitrary message (e.g. a malformed one in a test) to a kind's topic. */
  public void publishRaw(RecordKind kind, String key, String message) {
    producer.send(
        message(
            kind.defaultTopic(),
            key.getBytes(StandardCharsets.UTF_8),
            message == null ? null : message.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The producer's own figures for a throughput report, by metric name (e.g. {@code
   * batch-size-avg}, {@code compression-rate-avg}, {@code records-per-request-avg}, {@code
   * request-latency-avg}, {@code bufferpool-wait-ratio}); producer-level metrics only.
   */
  public Map<String, Double> producerMetrics() {
    Map<String, Double> figures = new java.util.TreeMap<>();
    producer
        .metrics()
        .forEach(
            (name, metric) -> {
              if (name.group().equals("producer-metrics")
                  && metric.metricValue() instanceof Double d
                  && !d.isNaN()) {
                figures.put(name.name(), d);
              }
            });
    return figures;
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
              message(
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
