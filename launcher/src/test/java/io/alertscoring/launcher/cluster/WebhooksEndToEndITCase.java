package io.alertscoring.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.infra.FlinkCluster;
import io.alertscoring.launcher.webhook.LocalWebhooks;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.webhooks.DispatcherConfig;
import io.alertscoring.webhooks.WebhookDispatcher;
import io.alertscoring.webhooks.config.Subscription;
import io.alertscoring.webhooks.config.Subscriptions;
import io.alertscoring.webhooks.receiver.RecordingReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * High-risk alerts reach a webhook exactly once, end to end: the job on a real standalone cluster
 * writes notification events, the dispatcher delivers them to a real HTTP receiver that verifies
 * every signature. A TaskManager is killed in the middle of the first replay (the job re-emits the
 * events since its last checkpoint) and the dates are replayed again as new runs (every event
 * again): each notified (alert or cluster, priority) still arrives exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksEndToEndITCase {
  static final String ENDPOINT = "siem";
  static final String SECRET = "e2e-secret";

  FaultBed bed;
  RecordingReceiver receiver;
  WebhookDispatcher dispatcher;
  Subscriptions subscriptions;

  @BeforeAll
  void start() throws Exception {
    bed =
        FaultBed.start(
            new FaultBed.Shape(
                List.of("ethereum", "bitcoin"),
                1,
                1500,
                21,
                FlinkCluster.Settings.defaults(),
                Duration.ofSeconds(2),
                Path.of("..", "trained_models").toAbsolutePath().normalize(),
                // generated batches have few high scores: notify medium too, to have many events
                List.of("--notify-priorities", "medium,high")),
            line -> System.out.println("[webhooks] " + line));
    receiver = RecordingReceiver.start(Map.of(ENDPOINT, SECRET));
    Subscription demo = LocalWebhooks.demoEndpoint(receiver.url(ENDPOINT), SECRET);
    subscriptions =
        new Subscriptions(
            List.of(
                new Subscription(
                    ENDPOINT,
                    demo.url(),
                    SECRET,
                    Set.of(),
                    Set.of("medium", "high"),
                    Set.of("alert", "cluster"),
                    Set.of(),
                    1_000,
                    1_000,
                    6,
                    200,
                    5_000)));
    dispatcher =
        WebhookDispatcher.create(
                DispatcherConfig.defaults(bed.servers().bootstrapServers()),
                subscriptions,
                bed.clickhouseUrl())
            .start();
  }

  @AfterAll
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void aReplayKilledMidWayAndReplayedAgainNotifiesEachHighRiskEntityExactlyOnce() throws Exception {
    long records = PacedPublisher.records(bed.batches());
    PacedPublisher first = new PacedPublisher(bed.servers().bootstrapServers(), records / 16.0);
    var firstRuns = first.start(bed.batches());
    while (first.published() < records / 2) {
      Thread.sleep(20);
    }
    Duration recovery = bed.killTaskManagerAndRecover(Duration.ofMinutes(2));
    System.out.println(
        "[webhooks] TaskManager killed mid-replay, job running again after " + recovery);
    bed.awaitPublished(firstRuns.get(3, TimeUnit.MINUTES), Duration.ofMinutes(5));
    awaitAllNotificationsSettled();
    int afterFirst = receiver.received().size();

    List<String> secondRuns =
        new PacedPublisher(bed.servers().bootstrapServers(), 1e9)
            .start(bed.batches())
            .get(3, TimeUnit.MINUTES);
    bed.awaitPublished(secondRuns, Duration.ofMinutes(5));
    awaitAllNotificationsSettled();

    Set<String> expected = notifiedKeysInTheTopic();
    List<RecordingReceiver.Received> got = receiver.received();
    Map<String, Long> perEvent =
        got.stream().collect(Collectors.groupingBy(r -> r.eventId(), Collectors.counting()));
    System.out.printf(
        "[webhooks] %d distinct notified keys in the topic, %d requests received (%d after the"
            + " first replay), deduplicated by the dispatcher: %s%n",
        expected.size(), got.size(), afterFirst, dispatcher.stats());

    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(got).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    assertThat(perEvent.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
    assertThat(got).hasSize(expected.size());
    Set<String> receivedKeys = new HashSet<>();
    for (RecordingReceiver.Received r : got) {
      receivedKeys.add(
          r.payload().get("entity_type").asText()
              + "/"
              + r.payload().get("network").asText()
              + "/"
              + r.payload().get("entity_id").asText()
              + "/"
              + r.payload().get("priority").asText());
    }
    assertThat(receivedKeys).isEqualTo(expected);
    assertThat(afterFirst).as("the second replay notified nothing new").isEqualTo(got.size());
    // every final medium/high alert score of the published runs was notified
    assertThat(receivedKeys).containsAll(finalNotifiedKeys());
  }

  /** The dedup keys of every event on the topic the subscription wants. */
  private Set<String> notifiedKeysInTheTopic() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.servers().bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Set<String> keys = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(RecordKind.NOTIFICATION_TOPIC).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          NotificationEvent e =
              OutputJson.decode(
                  new String(r.value(), StandardCharsets.UTF_8), NotificationEvent.class);
          if (!subscriptions.matching(e).isEmpty()) {
            keys.add(e.dedupKey());
          }
        }
      }
    }
    return keys;
  }

  private Set<String> finalNotifiedKeys() throws Exception {
    Set<String> keys = new HashSet<>();
    try (Connection c =
            new ru.yandex.clickhouse.ClickHouseDriver()
                .connect(bed.clickhouseUrl(), new Properties());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DISTINCT network, alert_id, priority FROM alert_scores"
                    + " WHERE priority IN ('medium', 'high')")) {
      while (rs.next()) {
        keys.add("alert/" + rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
      }
    }
    assertThat(keys).isNotEmpty();
    return keys;
  }

  /** Until the dispatcher's group has committed the end of the notification topic. */
  private void awaitAllNotificationsSettled() throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bed.servers().bootstrapServers());
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    try (Admin admin = Admin.create(p)) {
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(DispatcherConfig.DEFAULT_GROUP_ID)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var d :
            admin
                .describeTopics(List.of(RecordKind.NOTIFICATION_TOPIC))
                .allTopicNames()
                .get()
                .get(RecordKind.NOTIFICATION_TOPIC)
                .partitions()) {
          latest.put(
              new TopicPartition(RecordKind.NOTIFICATION_TOPIC, d.partition()),
              OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get();
        boolean done =
            ends.entrySet().stream()
                .allMatch(
                    e -> {
                      OffsetAndMetadata c = committed.get(e.getKey());
                      return e.getValue().offset() == 0
                          || (c != null && c.offset() >= e.getValue().offset());
                    });
        if (done) {
          return;
        }
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException("the dispatcher did not settle every notification in 2 min");
  }
}
