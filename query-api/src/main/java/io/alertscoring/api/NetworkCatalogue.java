package io.alertscoring.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks with stored results, kept in memory so that checking {@code ?network=} costs no
 * query (listing them scans the tables).
 *
 * <ul>
 *   <li>The first use loads the list, in the caller's thread; a failure propagates to it.
 *   <li>Once the list is {@code maxAge} old, the next use hands one refresh to the background
 *       executor and is answered, like every use until the refresh is done, from the list in hand.
 *       A failed refresh is logged and tried again at a later use, at most once per {@code
 *       retryInterval}; the old list keeps being served meanwhile.
 *   <li>A name that is not in the list is looked up again, in the caller's thread, when the last
 *       load began at least {@code retryInterval} ago: a brand-new network is found within about
 *       that interval, and unknown names (a typo, a scan) cost storage at most one query per
 *       interval. Storage failing during that reload propagates.
 * </ul>
 *
 * Thread-safe; loads never overlap.
 */
final class NetworkCatalogue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkCatalogue.class);

  /** How old the list may be before a refresh is started. */
  static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

  /** The least time between two loads started by misses or after a failure. */
  static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);

  private record Snapshot(List<String> names, Set<String> lookup, long loadedAt) {}

  private final Supplier<? extends Collection<String>> source;
  private final LongSupplier nanoClock;
  private final long maxAgeNanos;
  private final long retryIntervalNanos;
  private final Executor refresher;
  private final ExecutorService owned;
  private final Object loadLock = new Object();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Snapshot snapshot;
  private volatile long lastLoadStartedAt;

  /**
   * @param source the networks as storage has them now (may be slow, may throw)
   * @param nanoClock {@link System#nanoTime()} or a fake
   * @param refresher runs background refreshes
   */
  NetworkCatalogue(
      Supplier<? extends Collection<String>> source,
      LongSupplier nanoClock,
      Duration maxAge,
      Duration retryInterval,
      Executor refresher) {
    this(source, nanoClock, maxAge, retryInterval, refresher, null);
  }

  private NetworkCatalogue(
      Supplier<? extends Collection<String>> source,
      LongSupplier nanoClock,
      Duration maxAge,
      Duration retryInterval,
      Executor refresher,
      ExecutorService owned) {
    this.source = Objects.requireNonNull(source, "source");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.maxAgeNanos = maxAge.toNanos();
    this.retryIntervalNanos = retryInterval.toNanos();
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    this.owned = owned;
  }

  /**
   * A catalogue over {@code source} with the default ages, refreshing on a daemon thread of its own
   * that {@link #close()} stops.
   */
  static NetworkCatalogue over(Supplier<? extends Collection<String>> source, LongSupplier clock) {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "network-catalogue-refresh");
              t.setDaemon(true);
              return t;
            });
    return new NetworkCatalogue(
        source, clock, DEFAULT_MAX_AGE, DEFAULT_RETRY_INTERVAL, thread, thread);
  }

  /** Every known network, sorted by name. */
  List<String> networks() {
    return current().names();
  }

  /** True if {@code network} has stored results, reloading (rate-limited) before saying no. */
  boolean contains(String network) {
    if (current().lookup().contains(network)) {
      return true;
    }
    synchronized (loadLock) {
      if (snapshot.lookup().contains(network)) {
        return true; // loaded while this thread waited
      }
      if (nanoClock.getAsLong() - lastLoadStartedAt < retryIntervalNanos) {
        return false;
      }
      return load().lookup().contains(network);
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  /** The list in hand (loading the first one), starting a background refresh when it is old. */
  private Snapshot current() {
    Snapshot s = snapshot;
    if (s == null) {
      synchronized (loadLock) {
        s = snapshot;
        return s != null ? s : load();
      }
    }
    long now = nanoClock.getAsLong();
    if (now - s.loadedAt() >= maxAgeNanos
        && now - lastLoadStartedAt >= retryIntervalNanos
        && refreshing.compareAndSet(false, true)) {
      try {
        refresher.execute(this::refresh);
      } catch (RejectedExecutionException e) {
        refreshing.set(false); // closed: keep serving what is in hand
      }
    }
    return s;
  }

  private void refresh() {
    try {
      synchronized (loadLock) {
        if (nanoClock.getAsLong() - snapshot.loadedAt() >= maxAgeNanos) {
          load();
        }
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "could not refresh the list of networks, serving the previous one: {}", e.toString());
    } finally {
      refreshing.set(false);
    }
  }

  /** Loads the list now; the caller holds {@link #loadLock}. */
  private Snapshot load() {
    long startedAt = nanoClock.getAsLong();
    lastLoadStartedAt = startedAt;
    List<String> names = List.copyOf(new TreeSet<>(source.get()));
    Snapshot loaded = new Snapshot(names, Set.copyOf(names), startedAt);
    snapshot = loaded;
    return loaded;
  }
}
