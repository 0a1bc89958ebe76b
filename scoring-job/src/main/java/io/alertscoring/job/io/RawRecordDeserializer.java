package io.alertscoring.job.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.alertscoring.job.model.RawRecord;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Runs;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Wraps each Kafka message with its origin without interpreting it: decoding happens in the graph,
 * where a failure can become a dead letter instead of failing the source.
 */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
  private final RecordKind kind;

  public RawRecordDeserializer(RecordKind kind) {
    this.kind = kind;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
    Header run = record.headers().lastHeader(Runs.HEADER);
    // An undecodable header is kept as text and rejected by the decoder with its origin.
    String runId = run == null || run.value() == null ? "" : new String(run.value(), UTF_8);
    out.collect(
        new RawRecord(
            kind, record.topic(), record.partition(), record.offset(), record.value(), runId));
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }
}
