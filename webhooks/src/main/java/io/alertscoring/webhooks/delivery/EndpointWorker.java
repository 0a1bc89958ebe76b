package io.alertscoring.webhooks.delivery;

import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.schemas.output.WebhookDelivery;
import io.alertscoring.webhooks.config.Subscription;
import io.alertscoring.webhooks.event.DeliveryDeadLetter;
import io.alertscoring.webhooks.http.WebhookSigner;
import io.alertscoring.webhooks.http.WebhookTransport;
import io.alertscoring.webhooks.ledger.DeliveryLedger;
import io.alertscoring.webhooks.metrics.DeliveryStats;
import io.alertscoring.webhooks.policy.Backoff;
import io.alertscoring.webhooks.policy.DeliveryRegistry;
import io.alertscoring.webhooks.policy.TokenBucket;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the queued notifications of one endpoint, one at a time, on its own thread.
 *
 * <p>Per delivery: take a token (every attempt, retries included, so a receiver never sees more
 * than its rate), sign, POST. A 2xx is DELIVERED. Anything else (non-2xx, I/O error, timeout) is
 * retried after a jittered exponential backoff, up to {@code max_attempts}; then the event is
 * published to the dead-letter topic and, once the broker acknowledged it, recorded FAILED. The
 * dead letter goes first: a crash between the two re-runs the delivery after the restart and may
 * dead-letter it twice, whereas the other order could record FAILED with no dead letter at all.
 *
 * <p>The outcome is recorded in the ledger; only when the ledger has stored it is the key marked
 * settled and are the Kafka records waiting for it released (committable).
 *
 * <p>Stopping ({@link #stop()}) lets a POST under way finish and records its outcome if it is
 * final, but starts no new attempt and no backoff wait: a delivery cut short is abandoned, its
 * records stay uncommitted and the next dispatcher delivers it again (with a fresh attempt count).
 */
public final class EndpointWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointWorker.class);
  private static final int MAX_ERROR_LENGTH = 500;
  private static final long DEAD_LETTER_RETRY_MS = 1_000;

  private final Subscription endpoint;
  private final BlockingQueue<Delivery> queue;
  private final TokenBucket bucket;
  private final Backoff backoff;
  private final WebhookTransport transport;
  private final DeliveryLedger ledger;
  private final DeadLetterSink deadLetters;
  private final DeliveryRegistry<Delivery> registry;
  private final DeliveryStats stats;
  private final LongSupplier clockMs;
  private final CountDownLatch stop = new CountDownLatch(1);

  /** Thrown inside the worker when a wait is cut short by {@link #stop()}. */
  private static final class Stopped extends Exception {
    Stopped() {
      super(null, null, false, false);
    }
  }

  public EndpointWorker(
      Subscription endpoint,
      int queueCapacity,
      WebhookTransport transport,
      DeliveryLedger ledger,
      DeadLetterSink deadLetters,
      DeliveryRegistry<Delivery> registry,
      DeliveryStats stats,
      LongSupplier clockMs,
      LongSupplier nanoClock,
      RandomGenerator random) {
    this.endpoint = endpoint;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.transport = transport;
    this.ledger = ledger;
    this.deadLetters = deadLetters;
    this.registry = registry;
    this.stats = stats;
    this.clockMs = clockMs;
    this.bucket =
        new TokenBucket(endpoint.ratePerSecond(), endpoint.burst(), nanoClock, this::sleepNanos);
    this.backoff =
        new Backoff(
            endpoint.initialBackoffMs(), endpoint.maxBackoffMs(), endpoint.maxAttempts(), random);
    stats.register(endpoint.id(), queue::size);
  }

  public Subscription endpoint() {
    return endpoint;
  }

  /** Queues {@code delivery}; false when the queue is full (the caller pauses its partition). */
  public boolean offer(Delivery delivery) {
    return queue.offer(delivery);
  }

  public int queued() {
    return queue.size();
  }

  /** Asks the worker to stop after the POST under way, if any. */
  public void stop() {
    stop.countDown();
  }

  private boolean stopping() {
    return stop.getCount() == 0;
  }

  @Override
  public void run() {
    try {
      while (!stopping()) {
        Delivery d;
        try {
          d = queue.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          break;
        }
        if (d == null) {
          continue;
        }
        try {
          deliver(d);
        } catch (Stopped e) {
          registry.abandon(d.key(), d);
          break;
        }
      }
    } finally {
      for (Delivery left; (left = queue.poll()) != null; ) {
        registry.abandon(left.key(), left);
      }
    }
  }

  /** Delivers {@code d} to its outcome, or throws {@link Stopped} leaving it unsettled. */
  void deliver(Delivery d) throws Stopped {
    NotificationEvent event = d.event();
    long firstAttemptAt = 0;
    int attempts = 0;
    int lastStatus = 0;
    String lastError = "";
    while (true) {
      if (stopping()) {
        throw new Stopped();
      }
      try {
        if (bucket.acquire() > 0) {
          stats.rateLimitedWait(endpoint.id());
        }
      } catch (InterruptedException e) {
        throw new Stopped();
      }
      long now = clockMs.getAsLong();
      if (attempts == 0) {
        firstAttemptAt = now;
      }
      attempts++;
      Map<String, String> headers =
          WebhookSigner.headers(endpoint.secret(), now / 1000, d.eventId(), d.body());
      long retryAfterMs = 0;
      try {
        WebhookTransport.Response response = transport.post(endpoint.url(), headers, d.body());
        lastStatus = response.status();
        if (response.isSuccess()) {
          long settledAt = clockMs.getAsLong();
          double latency = Math.max(0, settledAt - event.scoredAt());
          stats.delivered(endpoint.id(), latency);
          record(
              d,
              row(
                  d,
                  WebhookDelivery.DELIVERED,
                  attempts,
                  lastStatus,
                  latency,
                  firstAttemptAt,
                  settledAt,
                  lastError));
          return;
        }
        lastError = "HTTP " + lastStatus;
        retryAfterMs = response.retryAfterMs();
      } catch (IOException | RuntimeException e) {
        lastStatus = 0;
        lastError =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        throw new Stopped();
      }
      if (backoff.exhausted(attempts)) {
        fail(d, attempts, lastStatus, lastError, firstAttemptAt);
        return;
      }
      if (stopping()) {
        throw new Stopped();
      }
      stats.retry(endpoint.id());
      long delay = backoff.delayMs(attempts, retryAfterMs);
      LOG.debug("{}: attempt {} failed ({}), retry in {} ms", d, attempts, lastError, delay);
      sleepMs(delay);
    }
  }

  private void fail(Delivery d, int attempts, int lastStatus, String lastError, long firstAttemptAt)
      throws Stopped {
    long detectedAt = clockMs.getAsLong();
    String json =
        DeliveryDeadLetter.of(
                d.event(),
                endpoint.id(),
                d.eventId(),
                attempts,
                lastStatus,
                truncate(lastError),
                detectedAt)
            .toJson();
    while (true) {
      try {
        deadLetters.publish(d.eventId(), json);
        break;
      } catch (Exception e) {
        LOG.warn("{}: dead letter not acknowledged, retrying: {}", d, e.toString());
        sleepMs(DEAD_LETTER_RETRY_MS);
      }
    }
    stats.failed(endpoint.id());
    LOG.warn("{}: FAILED after {} attempts ({})", d, attempts, lastError);
    record(
        d,
        row(
            d,
            WebhookDelivery.FAILED,
            attempts,
            lastStatus,
            0,
            firstAttemptAt,
            detectedAt,
            lastError));
  }

  private void record(Delivery d, WebhookDelivery row) throws Stopped {
    try {
      ledger.record(
          row,
          () -> {
            registry.settle(d.key());
            d.finish();
          });
    } catch (InterruptedException | IllegalStateException e) {
      throw new Stopped();
    }
  }

  private WebhookDelivery row(
      Delivery d,
      String status,
      int attempts,
      int httpStatus,
      double latencyMs,
      long firstAttemptAt,
      long settledAt,
      String error) {
    NotificationEvent e = d.event();
    return new WebhookDelivery(
        endpoint.id(),
        e.dedupKey(),
        d.eventId(),
        e.entityType(),
        e.network(),
        e.processingDate(),
        e.entityId(),
        e.priority(),
        e.source(),
        e.runId(),
        status,
        attempts,
        httpStatus,
        latencyMs,
        firstAttemptAt,
        settledAt,
        truncate(error),
        settledAt);
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH) + "...";
  }

  private void sleepNanos(long nanos) throws InterruptedException {
    if (stop.await(nanos, TimeUnit.NANOSECONDS)) {
      throw new InterruptedException("dispatcher stopping");
    }
  }

  private void sleepMs(long ms) throws Stopped {
    try {
      sleepNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    } catch (InterruptedException e) {
      throw new Stopped();
    }
  }
}
