package io.alertscoring.api;

import io.alertscoring.api.store.Catalogue;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Catalogue} (published runs and every run's metadata) kept in memory, so that checking
 * {@code ?network=} and a date, and choosing the run a request reads, cost no query.
 *
 * <ul>
 *   <li>The first use loads the catalogue, in the caller's thread; a failure propagates to it.
 *   <li>Once the catalogue is {@code maxAge} old, the next use hands one refresh to the background
 *       executor and is answered, like every use until the refresh is done, from the catalogue in
 *       hand. A failed refresh is logged and tried again at a later use, at most once per {@code
 *       retryInterval}; the old catalogue keeps being served meanwhile.
 *   <li>A network or date that is not in the catalogue is looked up again, in the caller's thread,
 *       when the last load began at least {@code retryInterval} ago: a brand-new network is found
 *       within about that interval, and unknown names (a typo, a scan) cost storage at most one
 *       query per interval. Storage failing during that reload propagates.
 * </ul>
 *
 * Thread-safe; loads never overlap. Public for the route groups of other packages (the analyst
 * page), which keep a cache of their own over the same repository.
 */
public final class CatalogueCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogueCache.class);

  /** How old the catalogue may be before a refresh is started. */
  static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

  /** The least time between two loads started by misses or after a failure. */
  static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);

  private record Snapshot(Catalogue catalogue, long loadedAt) {}

  private final Supplier<Catalogue> source;
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
   * @param source the catalogue as storage has it now (may be slow, may throw)
   * @param nanoClock {@link System#nanoTime()} or a fake
   * @param refresher runs background refreshes
   */
  CatalogueCache(
      Supplier<Catalogue> source,
      LongSupplier nanoClock,
      Duration maxAge,
      Duration retryInterval,
      Executor refresher) {
    this(source, nanoClock, maxAge, retryInterval, refresher, null);
  }

  private CatalogueCache(
      Supplier<Catalogue> source,
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
  public static CatalogueCache over(Supplier<Catalogue> source, LongSupplier clock) {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "catalogue-refresh");
              t.setDaemon(true);
              return t;
            });
    return new CatalogueCache(
        source, clock, DEFAULT_MAX_AGE, DEFAULT_RETRY_INTERVAL, thread, thread);
  }

  /** The catalogue in hand (loading the first one; an old one starts a background refresh). */
  public Catalogue catalogue() {
    return current().catalogue();
  }

  /** Every known network, sorted by name. */
  java.util.List<String> networks() {
    return catalogue().networks();
  }

  /** True if {@code network} is known, reloading (rate-limited) before saying no. */
  public boolean contains(String network) {
    return having(c -> c.knows(network)).knows(network);
  }

  /**
   * The catalogue in hand if {@code wanted} holds for it; else, when the last load began at least
   * the retry interval ago, a catalogue loaded now (in the caller's thread); else the one in hand.
   * The caller tests {@code wanted} again on the answer.
   */
  public Catalogue having(Predicate<Catalogue> wanted) {
    Catalogue c = current().catalogue();
    if (wanted.test(c)) {
      return c;
    }
    synchronized (loadLock) {
      c = snapshot.catalogue();
      if (wanted.test(c)) {
        return c; // loaded while this thread waited
      }
      if (nanoClock.getAsLong() - lastLoadStartedAt < retryIntervalNanos) {
        return c;
      }
      return load().catalogue();
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }

  /** The snapshot in hand (loading the first one), starting a background refresh when old. */
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
          "could not refresh the catalogue of runs, serving the previous one: {}", e.toString());
    } finally {
      refreshing.set(false);
    }
  }

  /** Loads the catalogue now; the caller holds {@link #loadLock}. */
  private Snapshot load() {
    long startedAt = nanoClock.getAsLong();
    lastLoadStartedAt = startedAt;
    Snapshot loaded = new Snapshot(Objects.requireNonNull(source.get(), "catalogue"), startedAt);
    snapshot = loaded;
    return loaded;
  }
}
