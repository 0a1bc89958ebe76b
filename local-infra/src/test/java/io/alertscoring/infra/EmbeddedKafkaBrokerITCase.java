package io.alertscoring.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerITCase {

  @Test
  void producesAndConsumesRecordsOnARealBroker() throws Exception {
    Path dataDir;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      dataDir = broker.dataDir();
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");

      broker.createTopics(2, "alerts");
      broker.createTopics(2, "alerts"); // idempotent

      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        assertThat(
                admin
                    .describeTopics(List.of("alerts"))
                    .allTopicNames()
                    .get()
                    .get("alerts")
                    .partitions())
            .hasSize(2);
      }

      Properties producerProps = new Properties();
      producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
      producerProps.put(
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producerProps.put(
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
        for (int i = 1; i <= 3; i++) {
          producer.send(new ProducerRecord<>("alerts", "key-" + i, "value-" + i)).get();
        }
      }

      Properties consumerProps = new Properties();
      consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "it-case");
      consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      consumerProps.put(
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      consumerProps.put(
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
        consumer.subscribe(List.of("alerts"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.size() < 3 && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        }
      }
      assertThat(received)
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("key-1", "value-1"),
              org.assertj.core.groups.Tuple.tuple("key-2", "value-2"),
              org.assertj.core.groups.Tuple.tuple("key-3", "value-3"));
      assertThat(Files.isDirectory(dataDir)).isTrue();
    }
    assertThat(Files.exists(dataDir)).as("temporary log dir deleted on close").isFalse();
  }

  @Test
  void fixedDataDirectorySurvivesARestart(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("kafka");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
      broker.createTopics(1, "kept");
    }
    assertThat(dataDir.resolve("meta.properties")).exists();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).contains("kept");
      broker.createTopics(1, "kept"); // existing topic is fine
    }
  }
}
