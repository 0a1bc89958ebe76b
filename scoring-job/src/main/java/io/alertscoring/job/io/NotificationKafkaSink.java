package io.alertscoring.job.io;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes notification events as JSON on the notification topic, keyed by entity so one alert's
 * live and final events stay in order. At least once: a restore re-sends the events since the last
 * checkpoint, which the webhook dispatcher deduplicates (a transactional sink would hold every
 * event until the next checkpoint, seconds of webhook latency for nothing).
 */
public final class NotificationKafkaSink {
  private NotificationKafkaSink() {}

  public static KafkaSink<NotificationEvent> create(String bootstrapServers) {
    KafkaRecordSerializationSchema<NotificationEvent> schema =
        (event, context, timestamp) ->
            new ProducerRecord<>(
                RecordKind.NOTIFICATION_TOPIC,
                event.messageKey().getBytes(StandardCharsets.UTF_8),
                OutputJson.encode(event).getBytes(StandardCharsets.UTF_8));
    return KafkaSink.<NotificationEvent>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(schema)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setProperty("linger.ms", "5")
        .build();
  }
}
