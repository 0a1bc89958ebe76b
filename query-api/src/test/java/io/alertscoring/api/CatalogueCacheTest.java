package io.alertscoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.api.store.Catalogue;
import io.alertscoring.api.store.RepositoryException;
import io.alertscoring.schemas.output.PublishedRun;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link CatalogueCache} on a fake clock and a background executor the test runs by hand. */
class CatalogueCacheTest {

  private static final Duration MAX_AGE = Duration.ofSeconds(5);
  private static final Duration RETRY = Duration.ofSeconds(1);

  /** The networks storage holds; every read of it is counted. */
  /** A catalogue with one published run of each network. */
  static Catalogue catalogueOf(Collection<String> networks) {
    List<PublishedRun> runs = new ArrayList<>();
    for (String network : networks) {
      runs.add(new PublishedRun(network, "2024-03-01", 7, "run-1", 1, 1, 1, "{}", 1, 2, 1));
    }
    return new Catalogue(runs, List.of());
  }

  private static final class Storage implements Supplier<Catalogue> {
    final List<String> networks = new CopyOnWriteArrayList<>(List.of("ethereum", "bitcoin"));
    final AtomicInteger reads = new AtomicInteger();
    volatile RuntimeException failure;

    @Override
    public Catalogue get() {
      reads.incrementAndGet();
      RuntimeException e = failure;
      if (e != null) {
        throw e;
      }
      return catalogueOf(networks);
    }
  }

  private final Storage storage = new Storage();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Queue<Runnable> background = new ArrayDeque<>();
  private final CatalogueCache catalogue =
      new CatalogueCache(storage, now::get, MAX_AGE, RETRY, background::add);

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  private void runBackground() {
    Runnable task;
    while ((task = background.poll()) != null) {
      task.run();
    }
  }

  @Test
  void the_first_use_loads_and_later_uses_are_served_from_memory() {
    assertThat(storage.reads).hasValue(0);
    assertThat(catalogue.networks()).containsExactly("bitcoin", "ethereum");
    assertThat(storage.reads).hasValue(1);
    for (int i = 0; i < 1_000; i++) {
      assertThat(catalogue.contains("ethereum")).isTrue();
      advance(Duration.ofMillis(4)); // 4 s in all: younger than the maximum age
    }
    assertThat(storage.reads).hasValue(1);
    assertThat(background).isEmpty();
  }

  @Test
  void an_old_list_is_refreshed_in_the_background_while_it_keeps_being_served() {
    catalogue.networks();
    storage.networks.add("solana");
    advance(MAX_AGE);

    // the use that finds it old schedules one refresh and still answers from the old list
    assertThat(catalogue.networks()).containsExactly("bitcoin", "ethereum");
    assertThat(catalogue.networks()).containsExactly("bitcoin", "ethereum");
    assertThat(background).hasSize(1);
    assertThat(storage.reads).hasValue(1);

    runBackground();
    assertThat(storage.reads).hasValue(2);
    assertThat(catalogue.networks()).containsExactly("bitcoin", "ethereum", "solana");
    assertThat(background).isEmpty();

    // fresh again: nothing scheduled until the next expiry
    advance(MAX_AGE.minusMillis(1));
    catalogue.networks();
    assertThat(background).isEmpty();
    advance(Duration.ofMillis(1));
    catalogue.networks();
    assertThat(background).hasSize(1);
  }

  @Test
  void a_miss_reloads_at_most_once_per_interval() {
    catalogue.networks();
    assertThat(storage.reads).hasValue(1);

    // just loaded: an unknown name is a 404 without asking storage
    assertThat(catalogue.contains("tron")).isFalse();
    assertThat(storage.reads).hasValue(1);

    // a network appears in storage: found by the first miss once the interval has passed
    storage.networks.add("tron");
    advance(Duration.ofMillis(999));
    assertThat(catalogue.contains("tron")).isFalse();
    assertThat(storage.reads).hasValue(1);
    advance(Duration.ofMillis(1));
    assertThat(catalogue.contains("tron")).isTrue();
    assertThat(storage.reads).hasValue(2);
    assertThat(catalogue.networks()).contains("tron");

    // a stream of unknown names costs one read per interval, not one per request
    for (int i = 0; i < 100; i++) {
      assertThat(catalogue.contains("nope-" + i)).isFalse();
      advance(Duration.ofMillis(50)); // 5 s in all
    }
    assertThat(storage.reads).hasValueBetween(2 + 4, 2 + 5);
    assertThat(background).isEmpty(); // misses reload in the caller: the list never got old
  }

  @Test
  void a_failed_refresh_keeps_the_old_list_and_is_retried_later() {
    catalogue.networks();
    storage.failure = new RepositoryException("down", null);
    advance(MAX_AGE);
    catalogue.networks();
    runBackground(); // fails, logged
    assertThat(storage.reads).hasValue(2);
    assertThat(catalogue.networks()).containsExactly("bitcoin", "ethereum");
    assertThat(catalogue.contains("ethereum")).isTrue();

    // not retried before the interval, however many uses
    for (int i = 0; i < 10; i++) {
      catalogue.networks();
    }
    assertThat(background).isEmpty();
    advance(RETRY);
    catalogue.networks();
    assertThat(background).hasSize(1);

    storage.failure = null;
    storage.networks.add("solana");
    runBackground();
    assertThat(catalogue.networks()).containsExactly("bitcoin", "ethereum", "solana");
  }

  @Test
  void storage_failing_on_the_first_load_or_on_a_miss_propagates() {
    storage.failure = new RepositoryException("down", null);
    assertThatThrownBy(catalogue::networks).isInstanceOf(RepositoryException.class);
    assertThatThrownBy(() -> catalogue.contains("ethereum"))
        .isInstanceOf(RepositoryException.class);

    storage.failure = null;
    assertThat(catalogue.contains("ethereum")).isTrue();

    storage.failure = new RepositoryException("down", null);
    assertThat(catalogue.contains("ethereum")).isTrue(); // a hit needs no storage
    advance(RETRY);
    assertThatThrownBy(() -> catalogue.contains("tron")).isInstanceOf(RepositoryException.class);
  }

  @Test
  void names_are_sorted_and_distinct() {
    storage.networks.clear();
    storage.networks.addAll(List.of("tron", "bitcoin", "tron", "ethereum"));
    assertThat(catalogue.networks()).containsExactly("bitcoin", "ethereum", "tron");
  }

  @Test
  void concurrent_first_uses_load_once() throws Exception {
    CountDownLatch slow = new CountDownLatch(1);
    AtomicInteger reads = new AtomicInteger();
    CatalogueCache blocking =
        new CatalogueCache(
            () -> {
              reads.incrementAndGet();
              try {
                slow.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return catalogueOf(List.of("ethereum"));
            },
            now::get,
            MAX_AGE,
            RETRY,
            background::add);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> blocking.contains("ethereum")));
      }
      Thread.sleep(100);
      slow.countDown();
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get(5, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(reads).hasValue(1);
  }

  @Test
  void the_default_catalogue_refreshes_on_its_own_thread_and_closes() throws Exception {
    CatalogueCache real = CatalogueCache.over(storage, now::get);
    try {
      assertThat(real.networks()).containsExactly("bitcoin", "ethereum");
      storage.networks.add("solana");
      advance(CatalogueCache.DEFAULT_MAX_AGE);
      real.networks();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!real.networks().contains("solana") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(real.networks()).contains("solana");
    } finally {
      real.close();
    }
    advance(CatalogueCache.DEFAULT_MAX_AGE);
    assertThat(real.networks()).contains("solana"); // closed: still answers from memory
  }
}
