package io.alertscoring.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.schemas.output.WebhookDelivery;
import io.alertscoring.webhooks.config.Subscriptions;
import io.alertscoring.webhooks.http.HttpClientTransport;
import io.alertscoring.webhooks.http.WebhookSigner;
import io.alertscoring.webhooks.ledger.ClickHouseDeliveryLedger;
import io.alertscoring.webhooks.ledger.DeliveryLedger;
import io.alertscoring.webhooks.metrics.DeliveryStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link WebhookDispatcher} against a real Kafka broker (in-process KRaft), a real {@code
 * clickhouse-server} (the ledger) and a real HTTP receiver that verifies every signature with
 * {@link WebhookSigner#verify}. A server that cannot start fails the test; nothing is skipped.
 *
 * <p>Each test has its own topic (3 partitions), consumer group and endpoint ids, so they share the
 * servers and the ledger table without seeing each other's events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDispatcherITCase {
  private static final String SECRET = "whsec-it-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> TOPICS =
      List.of(
          "notif-restart",
          "notif-flaky",
          "notif-rate",
          "notif-down",
          "notif-malformed",
          "notif-backpressure",
          "notif-commit");

  private EmbeddedKafkaBroker kafka;
  private ClickHouseServer clickhouse;
  private Receiver receiver;
  private KafkaProducer<String, String> producer;
  private Admin admin;
  private final List<WebhookDispatcher> dispatchers = new ArrayList<>();

  @BeforeAll
  void startServers() throws Exception {
    kafka = EmbeddedKafkaBroker.start();
    kafka.createProductTopics(3);
    // every topic up front: a producer's first send to a topic created a moment earlier can hit a
    // not-yet-known leader, and the idempotent producer then stalls on its sequence numbers
    kafka.createTopics(3, TOPICS.toArray(String[]::new));
    clickhouse = ClickHouseServer.start();
    receiver = new Receiver();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(p);
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  void stopServers() {
    dispatchers.forEach(WebhookDispatcher::close);
    ledgers.forEach(ClickHouseDeliveryLedger::close);
    if (admin != null) {
      admin.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (clickhouse != null) {
      clickhouse.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  // ------------------------------------------------------------------ (a) and (b)

  @Test
  void eachMatchingEventIsDeliveredOnceAcrossDuplicatesReplaysAndRestarts() throws Exception {
    String topic = RecordKind.NOTIFICATION_TOPIC;
    receiver.endpoint("eth-high", SECRET);
    receiver.endpoint("all-high", SECRET);
    Subscriptions subs =
        subscriptions(
            endpoint(
                "eth-high", "\"networks\":[\"ethereum\"],\"rate_per_second\":200,\"burst\":50"),
            endpoint("all-high", "\"rate_per_second\":200,\"burst\":50"));
    List<NotificationEvent> matching = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      matching.add(TestEvents.alert("ethereum", "a-" + i, "high"));
    }
    for (int i = 0; i < 5; i++) {
      matching.add(TestEvents.cluster("ethereum", "c-" + i, "high"));
    }
    List<NotificationEvent> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(TestEvents.alert("bitcoin", "b-" + i, "high")); // other network: all-high only
      others.add(TestEvents.alert("ethereum", "low-" + i, "low")); // low priority: nobody
      others.add(TestEvents.alert("ethereum", "m-" + i, "medium"));
    }
    int n = matching.size();
    publish(topic, matching);
    publish(topic, others);

    WebhookDispatcher first = start(topic, "it-ab", subs);
    await(
        () ->
            receiver.delivered("eth-high").size() >= n
                && receiver.delivered("all-high").size() >= n + 5);
    awaitCommittedToEnd("it-ab", topic);

    List<Receiver.Request> got = receiver.requests("eth-high");
    assertThat(got)
        .hasSize(n)
        .allMatch(Receiver.Request::signatureValid)
        .allMatch(Receiver.Request::contentTypeJson);
    Map<String, NotificationEvent> byEventId = new HashMap<>();
    for (NotificationEvent e : matching) {
      byEventId.put(WebhookSigner.eventId("eth-high", e.dedupKey()), e);
    }
    assertThat(got.stream().map(Receiver.Request::eventId).collect(Collectors.toSet()))
        .isEqualTo(byEventId.keySet());
    for (Receiver.Request r : got) {
      NotificationEvent e = byEventId.get(r.eventId());
      JsonNode body = r.body();
      assertThat(body.get("event_id").asText()).isEqualTo(r.eventId());
      assertThat(body.get("endpoint_id").asText()).isEqualTo("eth-high");
      assertThat(body.get("entity_id").asText()).isEqualTo(e.entityId());
      assertThat(body.get("priority").asText()).isEqualTo("high");
      assertThat(body.get("link").asText())
          .isEqualTo(
              e.entityType().equals("alert")
                  ? "https://aml.example/alerts/" + e.entityId() + "?network=ethereum"
                  : "https://aml.example/scores/clusters/2026-03-01?network=ethereum");
    }
    assertThat(receiver.requests("all-high")).hasSize(n + 5);

    // (b) a replay (new run id, final scores of the same priority) and duplicate messages
    List<NotificationEvent> replay = new ArrayList<>();
    for (NotificationEvent e : matching) {
      replay.add(
          e.entityType().equals("alert")
              ? TestEvents.alert("ethereum", e.entityId(), "high", "run-2", NotificationEvent.FINAL)
              : e);
    }
    publish(topic, replay);
    publish(topic, matching); // duplicates of the first messages
    publish(topic, matching);
    awaitCommittedToEnd("it-ab", topic);
    assertThat(receiver.requests("eth-high")).hasSize(n);
    assertThat(receiver.requests("all-high")).hasSize(n + 5);
    assertThat(first.stats().endpoint("eth-high").deduplicated()).isEqualTo(3L * n);
    assertThat(first.stats().endpoint("eth-high").delivered()).isEqualTo(n);
    first.close();

    // a new dispatcher in a new group reads the whole topic again: the ledger says it is all done
    WebhookDispatcher second = start(topic, "it-ab-new-group", subs);
    awaitCommittedToEnd("it-ab-new-group", topic);
    assertThat(receiver.requests("eth-high")).hasSize(n);
    assertThat(receiver.requests("all-high")).hasSize(n + 5);
    assertThat(second.stats().endpoint("eth-high").deduplicated()).isEqualTo(4L * n);
    assertThat(second.stats().endpoint("eth-high").delivered()).isZero();
    second.close();

    List<WebhookDelivery> rows = ledger("eth-high");
    assertThat(rows).hasSize(n);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(WebhookDelivery.DELIVERED);
              assertThat(r.attempts()).isEqualTo(1);
              assertThat(r.httpStatus()).isEqualTo(200);
              assertThat(r.runId()).isEqualTo("run-1");
              assertThat(r.eventId()).isEqualTo(WebhookSigner.eventId("eth-high", r.dedupKey()));
              assertThat(r.latencyMs()).isGreaterThanOrEqualTo(0);
              assertThat(r.settledAt()).isGreaterThanOrEqualTo(r.firstAttemptAt());
            });
  }

  // ------------------------------------------------------------------ (c)

  @Test
  void aDispatcherClosedMidwayAndItsReplacementDeliverEveryEventExactlyOnce() throws Exception {
    String topic = topic("notif-restart");
    receiver.endpoint("restart", SECRET, (e, n) -> 200, 60);
    Subscriptions subs = subscriptions(endpoint("restart", "\"rate_per_second\":100,\"burst\":5"));
    List<NotificationEvent> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(TestEvents.alert("ethereum", "r-" + i, "high"));
    }
    publish(topic, events);

    WebhookDispatcher first = start(topic, "it-restart", subs);
    await(() -> receiver.requests("restart").size() >= 8);
    first.close();
    int beforeRestart = receiver.requests("restart").size();
    assertThat(beforeRestart).as("closed mid-way").isBetween(8, 29);
    // a graceful close stores every outcome it got before it stops
    assertThat(ledger("restart")).hasSize(beforeRestart);
    Thread.sleep(300);
    assertThat(receiver.requests("restart")).hasSize(beforeRestart); // nothing after close

    WebhookDispatcher second = start(topic, "it-restart", subs);
    await(() -> receiver.requests("restart").size() >= 30);
    awaitCommittedToEnd("it-restart", topic);
    second.close();
    List<Receiver.Request> got = receiver.requests("restart");
    assertThat(got).hasSize(30).allMatch(Receiver.Request::signatureValid);
    assertThat(got.stream().map(Receiver.Request::eventId).distinct().count()).isEqualTo(30);
    assertThat(ledger("restart")).hasSize(30);
  }

  // ------------------------------------------------------------------ (d)

  @Test
  void aReceiverFailingThreeTimesGetsEachEventOnceAfterFourAttempts() throws Exception {
    String topic = topic("notif-flaky");
    receiver.endpoint("flaky", SECRET, (e, attempt) -> attempt <= 3 ? 500 : 200, 0);
    Subscriptions subs =
        subscriptions(
            endpoint(
                "flaky", "\"max_attempts\":6,\"initial_backoff_ms\":20,\"max_backoff_ms\":100"));
    List<NotificationEvent> events =
        List.of(
            TestEvents.alert("ethereum", "f-1", "high"),
            TestEvents.alert("ethereum", "f-2", "high"),
            TestEvents.cluster("ethereum", "f-c", "high"));
    publish(topic, events);
    WebhookDispatcher d = start(topic, "it-flaky", subs);
    awaitCommittedToEnd("it-flaky", topic);
    d.close();

    List<Receiver.Request> got = receiver.requests("flaky");
    assertThat(got).hasSize(12).allMatch(Receiver.Request::signatureValid);
    Map<String, List<Receiver.Request>> byEvent =
        got.stream().collect(Collectors.groupingBy(Receiver.Request::eventId));
    assertThat(byEvent).hasSize(3);
    byEvent
        .values()
        .forEach(
            attempts -> {
              assertThat(attempts).hasSize(4);
              assertThat(attempts.stream().filter(Receiver.Request::succeeded).count())
                  .isEqualTo(1);
            });
    List<WebhookDelivery> rows = ledger("flaky");
    assertThat(rows).hasSize(3);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(WebhookDelivery.DELIVERED);
              assertThat(r.attempts()).isEqualTo(4);
              assertThat(r.httpStatus()).isEqualTo(200);
              assertThat(r.error()).isEqualTo("HTTP 500");
            });
    assertThat(d.stats().endpoint("flaky").retries()).isEqualTo(9);
  }

  // ------------------------------------------------------------------ (e)

  @Test
  void anEndpointRateOfTwoPerSecondWithBurstTwoIsHeldAtTheReceiver() throws Exception {
    String topic = topic("notif-rate");
    receiver.endpoint("rate", SECRET);
    Subscriptions subs = subscriptions(endpoint("rate", "\"rate_per_second\":2,\"burst\":2"));
    List<NotificationEvent> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(TestEvents.alert("ethereum", "rl-" + i, "high"));
    }
    publish(topic, events);
    WebhookDispatcher d = start(topic, "it-rate", subs);
    await(() -> receiver.requests("rate").size() >= 10);
    awaitCommittedToEnd("it-rate", topic);
    d.close();

    List<Long> times =
        receiver.requests("rate").stream().map(Receiver.Request::receivedNanos).sorted().toList();
    assertThat(times).hasSize(10);
    long second = TimeUnit.SECONDS.toNanos(1);
    for (long from : times) {
      long inWindow = times.stream().filter(t -> t >= from && t < from + second).count();
      assertThat(inWindow).as("deliveries in the second after %d", from).isLessThanOrEqualTo(2 + 2);
    }
    // 2 at once, then 8 more at 500 ms each
    assertThat(Duration.ofNanos(times.get(9) - times.get(0)))
        .isGreaterThan(Duration.ofMillis(3_800));
    assertThat(d.stats().endpoint("rate").rateLimitedWaits()).isGreaterThanOrEqualTo(7);
  }

  // ------------------------------------------------------------------ (f)

  @Test
  void aReceiverThatAlwaysFailsLeavesFailedRowsAndDeadLetters() throws Exception {
    String topic = topic("notif-down");
    receiver.endpoint("down", SECRET, (e, attempt) -> 500, 0);
    Subscriptions subs =
        subscriptions(
            endpoint("down", "\"max_attempts\":3,\"initial_backoff_ms\":10,\"max_backoff_ms\":50"));
    List<NotificationEvent> events =
        List.of(
            TestEvents.alert("ethereum", "d-1", "high"),
            TestEvents.alert("ethereum", "d-2", "high"));
    publish(topic, events);
    WebhookDispatcher d = start(topic, "it-down", subs);
    awaitCommittedToEnd("it-down", topic);
    d.close();

    assertThat(receiver.requests("down")).hasSize(6);
    List<WebhookDelivery> rows = ledger("down");
    assertThat(rows).hasSize(2);
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(WebhookDelivery.FAILED);
              assertThat(r.attempts()).isEqualTo(3);
              assertThat(r.httpStatus()).isEqualTo(500);
              assertThat(r.error()).isEqualTo("HTTP 500");
            });
    List<JsonNode> letters = deadLetters(l -> "down".equals(l.path("endpoint_id").asText()), 2);
    assertThat(letters).hasSize(2);
    Set<String> entities = new HashSet<>();
    for (JsonNode l : letters) {
      assertThat(l.get("kind").asText()).isEqualTo("webhook_delivery");
      assertThat(l.get("reason").asText()).contains("failed after 3 attempts").contains("HTTP 500");
      assertThat(l.get("attempts").asInt()).isEqualTo(3);
      assertThat(l.get("last_status").asInt()).isEqualTo(500);
      assertThat(l.get("detected_at").asLong()).isPositive();
      assertThat(l.get("event_id").asText())
          .isEqualTo(WebhookSigner.eventId("down", l.get("dedup_key").asText()));
      entities.add(l.get("event").get("entity_id").asText());
    }
    assertThat(entities).containsExactlyInAnyOrder("d-1", "d-2");
    assertThat(d.stats().endpoint("down").failed()).isEqualTo(2);

    // FAILED is settled: a replay does not try again
    WebhookDispatcher again = start(topic, "it-down-replay", subs);
    awaitCommittedToEnd("it-down-replay", topic);
    again.close();
    assertThat(receiver.requests("down")).hasSize(6);
  }

  // ------------------------------------------------------------------ (g)

  @Test
  void aMalformedMessageIsDeadLetteredAndTheConsumerContinues() throws Exception {
    String topic = topic("notif-malformed");
    receiver.endpoint("after-bad", SECRET);
    Subscriptions subs = subscriptions(endpoint("after-bad", ""));
    String bad = OutputJson.encode(TestEvents.alert("ethereum", "bad-p", "urgent"));
    producer.send(new ProducerRecord<>(topic, 0, "k1", "not json")).get();
    producer.send(new ProducerRecord<>(topic, 0, "k2", "{\"entity_type\":\"alert\"}")).get();
    producer.send(new ProducerRecord<>(topic, 0, "k3", bad)).get();
    NotificationEvent good = TestEvents.alert("ethereum", "good-1", "high");
    producer.send(new ProducerRecord<>(topic, 0, good.messageKey(), OutputJson.encode(good))).get();

    WebhookDispatcher d = start(topic, "it-malformed", subs);
    await(() -> receiver.delivered("after-bad").size() >= 1);
    awaitCommittedToEnd("it-malformed", topic);
    d.close();

    assertThat(receiver.requests("after-bad"))
        .singleElement()
        .satisfies(r -> assertThat(r.body().get("entity_id").asText()).isEqualTo("good-1"));
    List<JsonNode> letters = deadLetters(l -> topic.equals(l.path("topic").asText()), 3);
    assertThat(letters).hasSize(3);
    assertThat(letters.stream().map(l -> l.get("offset").asLong()).toList())
        .containsExactlyInAnyOrder(0L, 1L, 2L);
    assertThat(letters)
        .allSatisfy(
            l -> {
              assertThat(l.get("kind").asText()).isEqualTo("notification");
              assertThat(l.get("partition").asInt()).isZero();
              assertThat(l.get("reason").asText()).isNotBlank();
              assertThat(l.get("detected_at").asLong()).isPositive();
            });
    Map<Long, String> reasons =
        letters.stream()
            .collect(
                Collectors.toMap(l -> l.get("offset").asLong(), l -> l.get("reason").asText()));
    assertThat(reasons.get(0L)).contains("malformed JSON");
    assertThat(reasons.get(1L)).contains("missing");
    assertThat(reasons.get(2L)).contains("priority");
    assertThat(
            letters.stream()
                .filter(l -> l.get("offset").asLong() == 0)
                .findFirst()
                .orElseThrow()
                .get("payload")
                .asText())
        .isEqualTo("not json");
    assertThat(d.stats().malformedMessages()).isEqualTo(3);
  }

  // ------------------------------------------------------------------ back-pressure

  @Test
  void aFullEndpointQueuePausesReadingAndEverythingStillArrivesOnce() throws Exception {
    String topic = topic("notif-backpressure");
    receiver.endpoint("bp", SECRET, (e, n) -> 200, 20);
    Subscriptions subs = subscriptions(endpoint("bp", "\"rate_per_second\":1000,\"burst\":1000"));
    List<NotificationEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(TestEvents.alert("ethereum", "bp-" + i, "high"));
    }
    publish(topic, events);
    WebhookDispatcher d =
        track(
            new WebhookDispatcher(
                    config(topic, "it-bp").withQueueCapacity(2),
                    subs,
                    ledgerFor(),
                    new HttpClientTransport(Duration.ofSeconds(10)),
                    new DeliveryStats())
                .start());
    await(() -> receiver.requests("bp").size() >= 40);
    awaitCommittedToEnd("it-bp", topic);
    d.close();
    assertThat(receiver.requests("bp")).hasSize(40);
    assertThat(receiver.requests("bp").stream().map(Receiver.Request::eventId).distinct().count())
        .isEqualTo(40);
    assertThat(d.stats().backPressurePauses()).isPositive();
  }

  // ------------------------------------------------------------------ the commit rule

  @Test
  void noOffsetIsCommittedPastARecordWhoseDeliveryIsNotSettled() throws Exception {
    String topic = topic("notif-commit");
    AtomicBoolean released = new AtomicBoolean();
    receiver.endpoint("held", SECRET, (e, n) -> released.get() ? 200 : 503, 0);
    receiver.endpoint("quick", SECRET);
    Subscriptions subs =
        subscriptions(
            endpoint(
                "held",
                "\"networks\":[\"held-net\"],\"max_attempts\":100,"
                    + "\"initial_backoff_ms\":20,\"max_backoff_ms\":40"),
            endpoint("quick", "\"networks\":[\"quick-net\"]"));
    NotificationEvent first = TestEvents.alert("held-net", "h-0", "high");
    producer
        .send(new ProducerRecord<>(topic, 0, first.messageKey(), OutputJson.encode(first)))
        .get();
    for (int i = 1; i <= 4; i++) {
      NotificationEvent e = TestEvents.alert("quick-net", "q-" + i, "high");
      producer.send(new ProducerRecord<>(topic, 0, e.messageKey(), OutputJson.encode(e))).get();
    }
    WebhookDispatcher d = start(topic, "it-commit", subs);
    await(() -> receiver.delivered("quick").size() >= 4 && receiver.requests("held").size() >= 3);
    Thread.sleep(500); // several commit intervals
    TopicPartition p0 = new TopicPartition(topic, 0);
    OffsetAndMetadata committed =
        admin.listConsumerGroupOffsets("it-commit").partitionsToOffsetAndMetadata().get().get(p0);
    // offsets 1..4 are settled, 0 is still being retried: nothing past 0 may be committed
    assertThat(committed == null ? 0 : committed.offset()).isZero();

    released.set(true);
    awaitCommittedToEnd("it-commit", topic);
    d.close();
    assertThat(receiver.delivered("held")).hasSize(1);
    assertThat(receiver.delivered("quick")).hasSize(4);
    assertThat(ledger("held"))
        .singleElement()
        .satisfies(r -> assertThat(r.attempts()).isGreaterThan(3));
  }

  // ------------------------------------------------------------------ the ledger itself

  @Test
  void theLedgerCreatesItsTableKeepsOneRowPerKeyAndRefusesAnotherLayout() throws Exception {
    clickhouse.execute("CREATE DATABASE IF NOT EXISTS ledger_it");
    String url = clickhouse.jdbcUrl("ledger_it");
    AtomicInteger durable = new AtomicInteger();
    try (ClickHouseDeliveryLedger ledger = ClickHouseDeliveryLedger.open(url)) {
      assertThat(ledger.loadSettled()).isEmpty();
      ledger.record(
          row("x", "alert/ethereum/a/high", WebhookDelivery.FAILED, 1), durable::incrementAndGet);
      ledger.record(
          row("x", "alert/ethereum/a/high", WebhookDelivery.DELIVERED, 2),
          durable::incrementAndGet);
      ledger.record(
          row("x", "cluster/ethereum/c/high", WebhookDelivery.DELIVERED, 3),
          durable::incrementAndGet);
      ledger.flush();
      assertThat(durable).hasValue(3);
      assertThat(ledger.pending()).isZero();
    }
    try (ClickHouseDeliveryLedger reopened = ClickHouseDeliveryLedger.open(url)) {
      assertThat(reopened.loadSettled())
          .containsExactlyInAnyOrder(
              new DeliveryLedger.Settled("x", "alert/ethereum/a/high", WebhookDelivery.DELIVERED),
              new DeliveryLedger.Settled(
                  "x", "cluster/ethereum/c/high", WebhookDelivery.DELIVERED));
    }
    clickhouse.execute("CREATE DATABASE IF NOT EXISTS ledger_old");
    clickhouse.execute(
        "CREATE TABLE ledger_old.webhook_deliveries (endpoint_id String, dedup_key String,"
            + " version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY (endpoint_id, dedup_key)");
    assertThatThrownBy(() -> ClickHouseDeliveryLedger.open(clickhouse.jdbcUrl("ledger_old")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("another layout")
        .hasMessageContaining("event_id");
  }

  // ------------------------------------------------------------------ helpers

  private static WebhookDelivery row(String endpoint, String key, String status, long version) {
    return new WebhookDelivery(
        endpoint,
        key,
        WebhookSigner.eventId(endpoint, key),
        "alert",
        "ethereum",
        "2026-03-01",
        "a",
        "high",
        "live",
        "run-1",
        status,
        1,
        200,
        5.0,
        version,
        version,
        "",
        version);
  }

  private static String topic(String name) {
    assertThat(TOPICS).contains(name);
    return name;
  }

  private String endpoint(String id, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"url\":\""
        + receiver.url(id)
        + "\",\"secret\":\""
        + SECRET
        + "\""
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  private static Subscriptions subscriptions(String... endpoints) {
    return Subscriptions.parse("{\"endpoints\":[" + String.join(",", endpoints) + "]}", "it");
  }

  private DispatcherConfig config(String topic, String group) {
    return DispatcherConfig.defaults(kafka.bootstrapServers())
        .withTopic(topic)
        .withGroupId(group)
        .withLinkBase("https://aml.example/")
        .withCommitInterval(Duration.ofMillis(100));
  }

  private WebhookDispatcher start(String topic, String group, Subscriptions subs) throws Exception {
    return track(
        WebhookDispatcher.create(config(topic, group), subs, clickhouse.jdbcUrl()).start());
  }

  private WebhookDispatcher track(WebhookDispatcher d) {
    dispatchers.add(d);
    return d;
  }

  private final List<ClickHouseDeliveryLedger> ledgers = new ArrayList<>();

  private ClickHouseDeliveryLedger ledgerFor() throws SQLException {
    ClickHouseDeliveryLedger l = ClickHouseDeliveryLedger.open(clickhouse.jdbcUrl());
    ledgers.add(l);
    return l;
  }

  private void publish(String topic, List<NotificationEvent> events) throws Exception {
    for (NotificationEvent e : events) {
      producer.send(new ProducerRecord<>(topic, e.messageKey(), OutputJson.encode(e)));
    }
    producer.flush();
  }

  private List<WebhookDelivery> ledger(String endpointId) throws SQLException {
    List<WebhookDelivery> rows = new ArrayList<>();
    try (Connection c = clickhouse.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + Tables.WEBHOOK_DELIVERIES.columnList()
                    + " FROM "
                    + Tables.WEBHOOK_DELIVERIES.name()
                    + " FINAL WHERE endpoint_id = ?")) {
      ps.setString(1, endpointId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(Tables.WEBHOOK_DELIVERIES.read(rs));
        }
      }
    }
    return rows;
  }

  /** Waits until the group's committed offsets reach the end of every partition of the topic. */
  private void awaitCommittedToEnd(String group, String topic) throws Exception {
    List<TopicPartition> parts = new ArrayList<>();
    for (var p :
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
      parts.add(new TopicPartition(topic, p.partition()));
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    parts.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    var ends = admin.listOffsets(latest).all().get();
    await(
        () -> {
          try {
            Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            for (TopicPartition tp : parts) {
              long end = ends.get(tp).offset();
              OffsetAndMetadata c = committed.get(tp);
              if (end > 0 && (c == null || c.offset() < end)) {
                return false;
              }
            }
            return true;
          } catch (Exception e) {
            return false;
          }
        });
  }

  /** Reads the webhook dead-letter topic from the start until {@code expected} letters match. */
  private List<JsonNode> deadLetters(Predicate<JsonNode> filter, int expected) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<JsonNode> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(RecordKind.WEBHOOK_DEAD_LETTER_TOPIC)
          .forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.nanoTime() + WAIT.toNanos();
      Map<TopicPartition, Long> ends = c.endOffsets(parts);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          JsonNode node = OutputJson.mapper().readTree(r.value());
          if (filter.test(node)) {
            out.add(node);
          }
        }
        boolean atEnd = true;
        for (TopicPartition tp : parts) {
          atEnd &= c.position(tp) >= ends.get(tp);
        }
        if (atEnd && out.size() >= expected) {
          break;
        }
        if (atEnd) {
          ends = c.endOffsets(parts);
        }
      }
    }
    return out;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + WAIT);
      }
      Thread.sleep(50);
    }
  }
}
