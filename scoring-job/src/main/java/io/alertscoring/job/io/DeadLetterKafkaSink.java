package io.alertscoring.job.io;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes dead letters as JSON on the dead-letter topic, keyed by their source topic. */
public final class DeadLetterKafkaSink {
  private DeadLetterKafkaSink() {}

  public static KafkaSink<DeadLetter> create(String bootstrapServers) {
    KafkaRecordSerializationSchema<DeadLetter> schema =
        (deadLetter, context, timestamp) ->
            new ProducerRecord<>(
                RecordKind.DEAD_LETTER_TOPIC,
                deadLetter.topic().getBytes(StandardCharsets.UTF_8),
                OutputJson.encode(deadLetter).getBytes(StandardCharsets.UTF_8));
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(schema)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
