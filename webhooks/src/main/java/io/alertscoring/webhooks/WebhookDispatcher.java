package io.alertscoring.webhooks;

import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.webhooks.config.Subscription;
import io.alertscoring.webhooks.config.Subscriptions;
import io.alertscoring.webhooks.delivery.Delivery;
import io.alertscoring.webhooks.delivery.EndpointWorker;
import io.alertscoring.webhooks.event.DeliveryDeadLetter;
import io.alertscoring.webhooks.event.NotificationDecoder;
import io.alertscoring.webhooks.http.HttpClientTransport;
import io.alertscoring.webhooks.http.WebhookPayload;
import io.alertscoring.webhooks.http.WebhookSigner;
import io.alertscoring.webhooks.http.WebhookTransport;
import io.alertscoring.webhooks.ledger.ClickHouseDeliveryLedger;
import io.alertscoring.webhooks.ledger.DeliveryLedger;
import io.alertscoring.webhooks.metrics.DeliveryStats;
import io.alertscoring.webhooks.policy.DeliveryRegistry;
import io.alertscoring.webhooks.policy.OffsetTracker;
import io.alertscoring.webhooks.policy.OffsetTracker.Ticket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads notification events from Kafka and delivers each to every matching endpoint at most once
 * per (endpoint, dedup key); see the package documentation for the guarantees and their one
 * residual window.
 *
 * <p>Threads: one poll thread owns the consumer (decode, match, deduplicate, queue, commit); one
 * {@link EndpointWorker} per endpoint POSTs; the ledger's flusher stores outcomes. Records of a
 * partition are dispatched in offset order into the endpoint queues; when a queue is full the
 * partition is paused and the record waits (with the rest of its poll batch, at most {@code
 * max.poll.records}) until the queue has room, so memory stays bounded by the queue capacities
 * whatever the backlog on the topic. {@code poll} keeps being called while paused, so the consumer
 * stays in its group.
 *
 * <p>Offsets are committed per partition only up to the lowest record whose work is not settled
 * ({@link OffsetTracker}): settled means its deliveries' outcomes are stored in the ledger and its
 * dead letter, if it had one, is acknowledged. So a committed offset never covers an event whose
 * outcome could be lost.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int MAX_DEAD_LETTER_PAYLOAD = 16 * 1024;
  private static final long DEAD_LETTER_RESEND_MS = 1_000;

  private final DispatcherConfig config;
  private final Subscriptions subscriptions;
  private final DeliveryLedger ledger;
  private final boolean ownsLedger;
  private final WebhookTransport transport;
  private final DeliveryStats stats;
  private final WebhookPayload payload;
  private final DeliveryRegistry<Delivery> registry = new DeliveryRegistry<>();
  private final Map<String, EndpointWorker> workers = new LinkedHashMap<>();
  private final List<Thread> workerThreads = new ArrayList<>();
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private final ConcurrentLinkedQueue<FailedDeadLetter> deadLettersToResend =
      new ConcurrentLinkedQueue<>();
  private final CountDownLatch terminated = new CountDownLatch(1);

  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaDeadLetters deadLetters;
  private Thread pollThread;
  private volatile boolean running;
  private volatile Throwable failure;
  private boolean assignedOnce;
  private long nextCommitAt;

  /** A record of one partition, dispatched once every matching endpoint has it. */
  private static final class PendingRecord {
    final ConsumerRecord<byte[], byte[]> record;
    Ticket ticket;
    NotificationEvent event;
    List<Subscription> targets = List.of();
    int next;

    PendingRecord(ConsumerRecord<byte[], byte[]> record) {
      this.record = record;
    }
  }

  private static final class PartitionState {
    final OffsetTracker tracker = new OffsetTracker();
    final ArrayDeque<PendingRecord> backlog = new ArrayDeque<>();
    long committed = -1;
    boolean paused;
  }

  private record FailedDeadLetter(String key, String json, Ticket ticket, long resendAt) {}

  /**
   * @param ledger stored outcomes; closed by the caller
   * @param transport the POST (tests may pass their own)
   */
  public WebhookDispatcher(
      DispatcherConfig config,
      Subscriptions subscriptions,
      DeliveryLedger ledger,
      WebhookTransport transport,
      DeliveryStats stats) {
    this(config, subscriptions, ledger, false, transport, stats);
  }

  private WebhookDispatcher(
      DispatcherConfig config,
      Subscriptions subscriptions,
      DeliveryLedger ledger,
      boolean ownsLedger,
      WebhookTransport transport,
      DeliveryStats stats) {
    this.config = config;
    this.subscriptions = subscriptions;
    this.ledger = ledger;
    this.ownsLedger = ownsLedger;
    this.transport = transport;
    this.stats = stats;
    this.payload = new WebhookPayload(config.linkBase());
  }

  /**
   * A dispatcher over the ClickHouse ledger at {@code clickhouseUrl} (created if missing, closed
   * with the dispatcher) and HTTP with the configured timeout.
   */
  public static WebhookDispatcher create(
      DispatcherConfig config, Subscriptions subscriptions, String clickhouseUrl)
      throws java.sql.SQLException {
    DeliveryStats stats = new DeliveryStats();
    ClickHouseDeliveryLedger ledger =
        ClickHouseDeliveryLedger.open(
            clickhouseUrl, ClickHouseDeliveryLedger.Options.DEFAULTS, stats::ledgerInsertFailure);
    return new WebhookDispatcher(
        config, subscriptions, ledger, true, new HttpClientTransport(config.httpTimeout()), stats);
  }

  /**
   * Loads the settled keys from the ledger, then starts the endpoint workers and the poll thread.
   *
   * @throws Exception when the ledger cannot be read: without it every restart would re-notify
   */
  public synchronized WebhookDispatcher start() throws Exception {
    if (running || pollThread != null) {
      throw new IllegalStateException("already started");
    }
    try {
      int settled = loadSettled();
      LOG.info(
          "webhook dispatcher: {} endpoints, {} settled deliveries in the ledger, group {} on {}",
          subscriptions.endpoints().size(),
          settled,
          config.groupId(),
          config.topic());
      deadLetters = new KafkaDeadLetters(config.bootstrapServers(), config.deadLetterTopic());
      consumer = new KafkaConsumer<>(consumerProperties());
    } catch (Exception | Error e) {
      // nothing runs yet: release what was opened, so a failed start leaks no threads or sockets
      if (deadLetters != null) {
        deadLetters.close();
      }
      if (ownsLedger) {
        ledger.close();
      }
      throw e;
    }
    Random seeds = new Random();
    for (Subscription s : subscriptions.endpoints()) {
      EndpointWorker worker =
          new EndpointWorker(
              s,
              config.queueCapacity(),
              transport,
              ledger,
              deadLetters,
              registry,
              stats,
              System::currentTimeMillis,
              System::nanoTime,
              new Random(seeds.nextLong()));
      workers.put(s.id(), worker);
      Thread t = new Thread(worker, "webhook-" + s.id());
      t.setDaemon(true);
      workerThreads.add(t);
    }
    running = true;
    workerThreads.forEach(Thread::start);
    pollThread = new Thread(this::pollLoop, "webhook-dispatcher-poll");
    pollThread.start();
    return this;
  }

  private int loadSettled() throws Exception {
    List<String> keys = new ArrayList<>();
    for (DeliveryLedger.Settled s : ledger.loadSettled()) {
      keys.add(DeliveryRegistry.key(s.endpointId(), s.dedupKey()));
    }
    registry.loadSettled(keys);
    return keys.size();
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-consumer");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.autoOffsetReset());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  public DeliveryStats.Snapshot stats() {
    return stats.snapshot();
  }

  /** True from {@link #start()} until the poll loop ends (closed, or failed). */
  public boolean isRunning() {
    return running && terminated.getCount() > 0;
  }

  /** Why the poll loop ended abnormally, or null. */
  public Throwable failure() {
    return failure;
  }

  /** Waits until the dispatcher has stopped; true if it did within the timeout. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  // ---------------------------------------------------------------- the poll thread

  private void pollLoop() {
    try {
      consumer.subscribe(List.of(config.topic()), new Rebalance());
      while (running) {
        resendDeadLetters();
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(hasBacklog() ? 20 : 100));
        } catch (WakeupException e) {
          continue; // close() woke us: the loop condition decides
        }
        for (TopicPartition tp : records.partitions()) {
          PartitionState state = partitions.get(tp);
          if (state != null) {
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
              state.backlog.addLast(new PendingRecord(r));
            }
          }
        }
        dispatchBacklogs();
        commit(false);
      }
    } catch (Throwable t) {
      failure = t;
      LOG.error("webhook dispatcher poll loop failed", t);
    } finally {
      running = false;
      shutdown();
      terminated.countDown();
    }
  }

  private boolean hasBacklog() {
    for (PartitionState s : partitions.values()) {
      if (!s.backlog.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private void dispatchBacklogs() {
    for (Map.Entry<TopicPartition, PartitionState> e : partitions.entrySet()) {
      TopicPartition tp = e.getKey();
      PartitionState state = e.getValue();
      while (!state.backlog.isEmpty()) {
        if (!dispatch(tp, state, state.backlog.peekFirst())) {
          break; // an endpoint queue is full: this record waits, and so does its partition
        }
        state.backlog.pollFirst();
      }
      if (!state.backlog.isEmpty() && !state.paused) {
        consumer.pause(List.of(tp));
        state.paused = true;
        stats.backPressurePause();
        LOG.debug("paused {}: an endpoint queue is full", tp);
      } else if (state.backlog.isEmpty() && state.paused) {
        consumer.resume(List.of(tp));
        state.paused = false;
      }
    }
  }

  /** Hands {@code p} to every matching endpoint; false when one's queue is full (try again). */
  private boolean dispatch(TopicPartition tp, PartitionState state, PendingRecord p) {
    if (p.ticket == null) {
      p.ticket = state.tracker.track(p.record.offset());
      try {
        p.event = NotificationDecoder.decode(p.record.value());
        p.targets = subscriptions.matching(p.event);
      } catch (IllegalArgumentException e) {
        deadLetterMalformed(p, e.getMessage());
        p.ticket.release();
        return true;
      }
    }
    while (p.next < p.targets.size()) {
      if (!offer(p.targets.get(p.next), p)) {
        return false;
      }
      p.next++;
    }
    p.ticket.release(); // the dispatch hold: only the deliveries' holds are left
    return true;
  }

  /**
   * Starts, joins or skips the delivery of {@code p} to {@code s}; false when s's queue is full.
   */
  private boolean offer(Subscription s, PendingRecord p) {
    String dedupKey = p.event.dedupKey();
    String key = DeliveryRegistry.key(s.id(), dedupKey);
    while (true) {
      switch (registry.state(key)) {
        case SETTLED -> {
          stats.deduplicated(s.id());
          return true;
        }
        case IN_FLIGHT -> {
          Delivery d = registry.inFlight(key);
          if (d == null) {
            continue; // settled (or abandoned) since: look again
          }
          d.join(p.ticket); // false: its outcome is already stored, nothing to wait for
          stats.deduplicated(s.id());
          return true;
        }
        case NEW -> {
          String eventId = WebhookSigner.eventId(s.id(), dedupKey);
          Delivery d =
              new Delivery(s, p.event, key, eventId, payload.body(p.event, s.id(), eventId));
          registry.start(key, d);
          d.join(p.ticket);
          if (!workers.get(s.id()).offer(d)) {
            d.unjoin(p.ticket);
            registry.abandon(key, d);
            return false;
          }
          return true;
        }
      }
    }
  }

  private void deadLetterMalformed(PendingRecord p, String reason) {
    stats.malformed();
    ConsumerRecord<byte[], byte[]> r = p.record;
    byte[] value = r.value() == null ? new byte[0] : r.value();
    boolean truncated = value.length > MAX_DEAD_LETTER_PAYLOAD;
    String text =
        new String(
            value, 0, truncated ? MAX_DEAD_LETTER_PAYLOAD : value.length, StandardCharsets.UTF_8);
    DeadLetter letter =
        new DeadLetter(
            reason,
            DeliveryDeadLetter.MALFORMED_KIND,
            r.topic(),
            r.partition(),
            r.offset(),
            "",
            text,
            truncated,
            System.currentTimeMillis());
    LOG.warn("dead-lettered {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    p.ticket.hold();
    sendDeadLetter(key, OutputJson.encode(letter), p.ticket);
  }

  private void sendDeadLetter(String key, String json, Ticket ticket) {
    deadLetters.send(
        key,
        json,
        (metadata, error) -> {
          if (error == null) {
            ticket.release();
          } else {
            LOG.warn("dead letter not acknowledged, resending: {}", error.toString());
            deadLettersToResend.add(
                new FailedDeadLetter(
                    key, json, ticket, System.currentTimeMillis() + DEAD_LETTER_RESEND_MS));
          }
        });
  }

  private void resendDeadLetters() {
    long now = System.currentTimeMillis();
    for (int n = deadLettersToResend.size(); n > 0; n--) {
      FailedDeadLetter f = deadLettersToResend.poll();
      if (f == null) {
        return;
      }
      if (f.resendAt() > now) {
        deadLettersToResend.add(f);
      } else {
        sendDeadLetter(f.key(), f.json(), f.ticket());
      }
    }
  }

  private void commit(boolean now) {
    long time = System.currentTimeMillis();
    if (!now && time < nextCommitAt) {
      return;
    }
    nextCommitAt = time + config.commitInterval().toMillis();
    commit(partitions.keySet());
  }

  private void commit(Collection<TopicPartition> which) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : which) {
      PartitionState state = partitions.get(tp);
      if (state == null) {
        continue;
      }
      long position = state.tracker.committable();
      if (position > state.committed) {
        offsets.put(tp, new OffsetAndMetadata(position));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      offsets.forEach((tp, o) -> partitions.get(tp).committed = o.offset());
    } catch (WakeupException e) {
      commitAfterWakeup(offsets);
    } catch (RuntimeException e) {
      // a rebalance in between (CommitFailedException) or the broker away: the next commit retries
      LOG.warn("commit of {} failed: {}", offsets, e.toString());
    }
  }

  private void commitAfterWakeup(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets); // a wakeup is consumed by the call it interrupts
      offsets.forEach((tp, o) -> partitions.get(tp).committed = o.offset());
    } catch (RuntimeException e) {
      LOG.warn("commit of {} failed: {}", offsets, e.toString());
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      commit(revoked);
      drop(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      drop(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      if (assignedOnce && !assigned.isEmpty()) {
        // another instance may have settled keys of these partitions since our start
        try {
          int settled = loadSettled();
          LOG.info("reloaded {} settled deliveries for {}", settled, assigned);
        } catch (Exception e) {
          LOG.warn("could not reload the ledger on assignment of {}: {}", assigned, e.toString());
        }
      }
      assignedOnce = true;
      for (TopicPartition tp : assigned) {
        partitions.put(tp, new PartitionState());
      }
    }

    /**
     * Forgets revoked partitions: their unsent backlog is read again by whoever owns them next.
     * Deliveries already queued or under way still run and are recorded; records of these
     * partitions waiting for them are simply not committed by us any more.
     */
    private void drop(Collection<TopicPartition> gone) {
      for (TopicPartition tp : gone) {
        PartitionState state = partitions.remove(tp);
        if (state != null && state.paused) {
          state.paused = false; // pause state is cleared by the consumer on revocation
        }
      }
    }
  }

  // ---------------------------------------------------------------- shutdown

  /**
   * Stops accepting records, lets every POST under way finish and its outcome be stored, stores
   * what the ledger holds, commits what is settled, and closes the consumer and producer. Queued
   * deliveries that did not start stay uncommitted and are delivered by the next dispatcher.
   */
  @Override
  public void close() {
    Thread poll;
    synchronized (this) {
      poll = pollThread;
      running = false;
    }
    if (poll == null) {
      if (ownsLedger) {
        ledger.close();
      }
      return;
    }
    if (consumer != null) {
      consumer.wakeup();
    }
    try {
      if (!terminated.await(config.closeTimeout().toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
        LOG.warn("webhook dispatcher did not stop within its close timeout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutdown() {
    for (EndpointWorker w : workers.values()) {
      w.stop();
    }
    long deadline = System.nanoTime() + config.closeTimeout().toNanos();
    for (Thread t : workerThreads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn(
            "{} still busy at close: its delivery will be repeated after restart", t.getName());
      }
    }
    try {
      if (deadLetters != null) {
        deadLetters.flush();
      }
    } catch (RuntimeException e) {
      LOG.warn("dead letters not flushed: {}", e.toString());
    }
    try {
      ledger.flush();
    } catch (Exception e) {
      LOG.warn(
          "ledger not flushed at close ({} rows): those deliveries are uncommitted and will be"
              + " repeated, with the same event id, after restart: {}",
          ledger.pending(),
          e.toString());
    }
    try {
      if (consumer != null) {
        commit(true);
        consumer.close(Duration.ofSeconds(5));
      }
    } catch (RuntimeException e) {
      LOG.warn("consumer close: {}", e.toString());
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
    if (ownsLedger) {
      ledger.close();
    }
    LOG.info("webhook dispatcher stopped: {}", stats.snapshot());
  }
}
