package io.alertscoring.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.schemas.output.WebhookDelivery;
import io.alertscoring.webhooks.TestEvents;
import io.alertscoring.webhooks.config.Subscription;
import io.alertscoring.webhooks.config.Subscriptions;
import io.alertscoring.webhooks.http.WebhookPayload;
import io.alertscoring.webhooks.http.WebhookSigner;
import io.alertscoring.webhooks.http.WebhookTransport;
import io.alertscoring.webhooks.ledger.InMemoryLedger;
import io.alertscoring.webhooks.metrics.DeliveryStats;
import io.alertscoring.webhooks.policy.DeliveryRegistry;
import io.alertscoring.webhooks.policy.OffsetTracker;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The worker's policy with a scripted transport, a fake clock and an in-memory ledger. */
class EndpointWorkerTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicLong millis = new AtomicLong(1_772_000_000_000L);
  private final DeliveryStats stats = new DeliveryStats();
  private final DeliveryRegistry<Delivery> registry = new DeliveryRegistry<>();
  private final List<String> deadLetters = new ArrayList<>();
  private final List<Map<String, String>> requests = new ArrayList<>();
  private final List<Object> script = new ArrayList<>(); // Integer status or IOException

  private Subscription endpoint(int maxAttempts) {
    return Subscriptions.parse(
            "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"http://h/x\",\"secret\":\"k\","
                + "\"max_attempts\":"
                + maxAttempts
                + ",\"initial_backoff_ms\":100,\"max_backoff_ms\":1000}]}",
            "t")
        .endpoints()
        .get(0);
  }

  private final WebhookTransport transport =
      (URI url, Map<String, String> headers, String body) -> {
        requests.add(headers);
        Object next = script.isEmpty() ? 200 : script.remove(0);
        if (next instanceof IOException e) {
          throw e;
        }
        return new WebhookTransport.Response((Integer) next, 0);
      };

  private EndpointWorker worker(Subscription s, InMemoryLedger ledger) {
    // the clock moves only when the worker sleeps (backoff, rate limit)
    return new EndpointWorker(
        s,
        10,
        transport,
        ledger,
        (key, json) -> deadLetters.add(json),
        registry,
        stats,
        millis::get,
        nanos::get,
        new Random(5));
  }

  private Delivery delivery(Subscription s, NotificationEvent e, OffsetTracker.Ticket ticket) {
    String key = DeliveryRegistry.key(s.id(), e.dedupKey());
    String eventId = WebhookSigner.eventId(s.id(), e.dedupKey());
    Delivery d =
        new Delivery(s, e, key, eventId, new WebhookPayload("http://api").body(e, s.id(), eventId));
    registry.start(key, d);
    d.join(ticket);
    return d;
  }

  @Test
  void retriesUntilTwoHundredThenRecordsDeliveredWithTheAttempts() throws Exception {
    Subscription s = endpoint(6);
    InMemoryLedger ledger = new InMemoryLedger(false);
    EndpointWorker w = worker(s, ledger);
    script.addAll(List.of(500, new IOException("connection reset"), 503, 200));
    OffsetTracker tracker = new OffsetTracker();
    OffsetTracker.Ticket ticket = tracker.track(0);
    NotificationEvent e = TestEvents.alert("ethereum", "a1", "high");
    Delivery d = delivery(s, e, ticket);
    ticket.release();

    w.deliver(d);

    assertThat(requests).hasSize(4);
    // same event id on every attempt, each attempt signed
    assertThat(requests)
        .allSatisfy(h -> assertThat(h).containsEntry(WebhookSigner.EVENT_ID_HEADER, d.eventId()));
    Map<String, String> last = requests.get(3);
    assertThat(
            WebhookSigner.verify(
                "k",
                last.get(WebhookSigner.TIMESTAMP_HEADER),
                last.get(WebhookSigner.SIGNATURE_HEADER),
                d.body(),
                Instant.ofEpochMilli(millis.get()),
                Duration.ofMinutes(5)))
        .isTrue();
    // not settled, not committable, until the ledger stored the row
    assertThat(registry.state(d.key())).isEqualTo(DeliveryRegistry.State.IN_FLIGHT);
    assertThat(tracker.committable()).isEqualTo(0);
    ledger.flush();
    assertThat(registry.state(d.key())).isEqualTo(DeliveryRegistry.State.SETTLED);
    assertThat(tracker.committable()).isEqualTo(1);

    WebhookDelivery row = ledger.stored().get(0);
    assertThat(row.status()).isEqualTo(WebhookDelivery.DELIVERED);
    assertThat(row.attempts()).isEqualTo(4);
    assertThat(row.httpStatus()).isEqualTo(200);
    assertThat(row.error()).isEqualTo("HTTP 503");
    assertThat(row.dedupKey()).isEqualTo(e.dedupKey());
    assertThat(row.eventId()).isEqualTo(d.eventId());
    assertThat(row.version()).isEqualTo(row.settledAt());
    assertThat(stats.snapshot().endpoint("ops").retries()).isEqualTo(3);
    assertThat(stats.snapshot().endpoint("ops").delivered()).isEqualTo(1);
    assertThat(deadLetters).isEmpty();
  }

  @Test
  void afterMaxAttemptsTheDeadLetterGoesFirstThenFailedIsRecorded() throws Exception {
    Subscription s = endpoint(3);
    InMemoryLedger ledger = new InMemoryLedger(true);
    EndpointWorker w = worker(s, ledger);
    script.addAll(List.of(500, 502, 500));
    OffsetTracker tracker = new OffsetTracker();
    OffsetTracker.Ticket ticket = tracker.track(41);
    NotificationEvent e = TestEvents.cluster("bitcoin", "c1", "high");
    Delivery d = delivery(s, e, ticket);
    ticket.release();

    w.deliver(d);

    assertThat(requests).hasSize(3);
    assertThat(deadLetters).hasSize(1);
    var letter = OutputJson.mapper().readTree(deadLetters.get(0));
    assertThat(letter.get("kind").asText()).isEqualTo("webhook_delivery");
    assertThat(letter.get("endpoint_id").asText()).isEqualTo("ops");
    assertThat(letter.get("attempts").asInt()).isEqualTo(3);
    assertThat(letter.get("last_status").asInt()).isEqualTo(500);
    assertThat(letter.get("reason").asText()).contains("3 attempts").contains("HTTP 500");
    assertThat(letter.get("event").get("entity_id").asText()).isEqualTo("c1");
    assertThat(letter.get("detected_at").asLong()).isPositive();
    WebhookDelivery row = ledger.stored().get(0);
    assertThat(row.status()).isEqualTo(WebhookDelivery.FAILED);
    assertThat(row.attempts()).isEqualTo(3);
    assertThat(row.httpStatus()).isEqualTo(500);
    assertThat(row.latencyMs()).isZero();
    assertThat(registry.state(d.key())).isEqualTo(DeliveryRegistry.State.SETTLED);
    assertThat(tracker.committable()).isEqualTo(42);
    assertThat(stats.snapshot().endpoint("ops").failed()).isEqualTo(1);
  }

  @Test
  void aRecordThatJoinedWaitsForTheSameOutcome() throws Exception {
    Subscription s = endpoint(6);
    InMemoryLedger ledger = new InMemoryLedger(false);
    EndpointWorker w = worker(s, ledger);
    OffsetTracker tracker = new OffsetTracker();
    OffsetTracker.Ticket first = tracker.track(0);
    NotificationEvent live = TestEvents.alert("ethereum", "a1", "high");
    Delivery d = delivery(s, live, first);
    first.release();
    OffsetTracker.Ticket second = tracker.track(1); // the final score, same priority
    assertThat(d.join(second)).isTrue();
    second.release();

    w.deliver(d);
    assertThat(tracker.committable()).isEqualTo(0);
    ledger.flush();
    assertThat(tracker.committable()).isEqualTo(2);
    assertThat(requests).hasSize(1);
    OffsetTracker.Ticket third = tracker.track(2);
    assertThat(d.join(third)).isFalse(); // settled: nothing to wait for
  }

  @Test
  void rateLimitAppliesToEveryAttempt() throws Exception {
    Subscription s =
        Subscriptions.parse(
                "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"http://h/x\",\"secret\":\"k\","
                    + "\"rate_per_second\":1,\"burst\":1,\"initial_backoff_ms\":1,"
                    + "\"max_backoff_ms\":1}]}",
                "t")
            .endpoints()
            .get(0);
    InMemoryLedger ledger = new InMemoryLedger(true);
    // real clocks: the worker's token-bucket sleeper waits on its stop latch in real time
    EndpointWorker w =
        new EndpointWorker(
            s,
            10,
            transport,
            ledger,
            (key, json) -> deadLetters.add(json),
            registry,
            stats,
            System::currentTimeMillis,
            System::nanoTime,
            new Random(1));
    script.addAll(List.of(500, 200));
    OffsetTracker tracker = new OffsetTracker();
    OffsetTracker.Ticket t = tracker.track(0);
    Delivery d = delivery(s, TestEvents.alert("ethereum", "a9", "high"), t);
    t.release();
    long start = System.nanoTime();
    w.deliver(d);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
    assertThat(stats.snapshot().endpoint("ops").rateLimitedWaits()).isEqualTo(1);
  }

  @Test
  void stopAbandonsQueuedDeliveriesWithoutSettlingThem() throws Exception {
    Subscription s = endpoint(6);
    InMemoryLedger ledger = new InMemoryLedger(true);
    EndpointWorker w = worker(s, ledger);
    OffsetTracker tracker = new OffsetTracker();
    OffsetTracker.Ticket t = tracker.track(0);
    Delivery d = delivery(s, TestEvents.alert("ethereum", "a2", "high"), t);
    t.release();
    assertThat(w.offer(d)).isTrue();
    w.stop();
    w.run(); // returns at once: stopping
    assertThat(requests).isEmpty();
    assertThat(registry.state(d.key())).isEqualTo(DeliveryRegistry.State.NEW);
    assertThat(tracker.committable()).isEqualTo(0);
  }
}
