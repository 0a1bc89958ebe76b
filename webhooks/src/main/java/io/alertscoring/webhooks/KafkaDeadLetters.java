package io.alertscoring.webhooks;

import io.alertscoring.webhooks.delivery.DeadLetterSink;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The webhook dead-letter topic's producer: {@code acks=all} and idempotent, so an acknowledged
 * dead letter is on every in-sync replica and a producer retry does not write it twice.
 */
final class KafkaDeadLetters implements DeadLetterSink, AutoCloseable {
  private static final long DELIVERY_TIMEOUT_MS = 60_000;

  private final KafkaProducer<String, String> producer;
  private final String topic;

  KafkaDeadLetters(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-scoring-webhooks-dead-letters");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT_MS);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
    this.topic = topic;
  }

  /** Blocks until acknowledged (a worker thread; the endpoint is failing anyway). */
  @Override
  public void publish(String key, String json) throws Exception {
    try {
      producer
          .send(new ProducerRecord<>(topic, key, json))
          .get(DELIVERY_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Sends without waiting (the poll thread); {@code callback} runs on the producer's thread. */
  void send(String key, String json, Callback callback) {
    producer.send(new ProducerRecord<>(topic, key, json), callback);
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
