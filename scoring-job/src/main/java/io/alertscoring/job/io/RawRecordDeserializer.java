package io.alertscoring.job.io;

import io.alertscoring.job.model.RawRecord;
import io.alertscoring.schemas.RecordKind;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
    out.collect(
        new RawRecord(kind, record.topic(), record.partition(), record.offset(), record.value()));
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }
}
