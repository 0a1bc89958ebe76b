package io.alertscoring.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An open-loop HTTP load generator: request {@code i} is due at {@code start + i / rate}, whatever
 * happened to the earlier ones, and its latency is measured from that due time to the last byte of
 * the response (so a stall of the server counts for every request it delays: no coordinated
 * omission). Requests go out on kept-alive HTTP/1.1 connections of one {@link HttpClient}, at most
 * {@code connections} at once; the others wait for one in order. At most {@code maxInFlight}
 * requests are outstanding (sent or waiting): a request due while that many are is not sent and
 * counted as dropped, and dropped or failed requests count as infinitely slow in the percentiles.
 */
final class ApiLoad {
  /** What one measured run produced. */
  record Result(
      long due,
      long ok,
      long errors,
      long dropped,
      double achievedPerSecond,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs,
      double answeredP50Ms,
      double answeredP99Ms,
      String firstError) {

    boolean sustained() {
      return errors == 0 && dropped == 0;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("requests", due);
      m.put("ok", ok);
      m.put("errors", errors);
      m.put("dropped", dropped);
      m.put("achieved_per_s", round(achievedPerSecond));
      m.put("p50_ms", finite(p50Ms));
      m.put("p90_ms", finite(p90Ms));
      m.put("p99_ms", finite(p99Ms));
      m.put("max_ms", finite(maxMs));
      m.put("answered_p50_ms", finite(answeredP50Ms));
      m.put("answered_p99_ms", finite(answeredP99Ms));
      if (firstError != null) {
        m.put("first_error", firstError);
      }
      return m;
    }

    private static Object finite(double ms) {
      return Double.isFinite(ms) ? round(ms) : null;
    }

    private static double round(double v) {
      return Math.round(v * 100.0) / 100.0;
    }
  }

  /**
   * The percentiles count a dropped or failed request as infinitely slow (the service did not
   * sustain the rate); {@code answered*} are those of the answered requests alone.
   */
  /** Formats a latency for the table: {@code -} for infinite (a drop or an error). */
  static String ms(double ms) {
    return Double.isFinite(ms) ? String.format(Locale.ROOT, "%.1f", ms) : "-";
  }

  private final int maxInFlight;
  private final int connections;
  private final Duration requestTimeout;

  /**
   * @param maxInFlight requests outstanding (sent or waiting for a connection) beyond which a due
   *     request is dropped
   * @param connections requests sent at once; the others wait, in order, for one to complete (as a
   *     caller of a connection pool waits), their wait counted in their latency
   */
  ApiLoad(int maxInFlight, int connections, Duration requestTimeout) {
    this.maxInFlight = maxInFlight;
    this.connections = connections;
    this.requestTimeout = requestTimeout;
  }

  /** One request due at {@code dueAt}. */
  private record Pending(URI uri, long dueAt, boolean measured, int slot) {}

  /** Sends with at most {@link #connections} outstanding; the rest wait in a FIFO queue. */
  private final class Sender {
    private final HttpClient client;
    private final java.util.function.Predicate<String> check;
    private final long[] latencies;
    private final AtomicLong ok;
    private final AtomicLong errors;
    private final AtomicLong lastCompletion;
    private final AtomicReference<String> firstError;
    private final AtomicInteger inFlight;
    private final java.util.concurrent.Semaphore permits;
    private final java.util.concurrent.ConcurrentLinkedQueue<Pending> waiting =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    Sender(
        HttpClient client,
        java.util.function.Predicate<String> check,
        long[] latencies,
        AtomicLong ok,
        AtomicLong errors,
        AtomicLong lastCompletion,
        AtomicReference<String> firstError,
        AtomicInteger inFlight) {
      this.client = client;
      this.check = check;
      this.latencies = latencies;
      this.ok = ok;
      this.errors = errors;
      this.lastCompletion = lastCompletion;
      this.firstError = firstError;
      this.inFlight = inFlight;
      this.permits = new java.util.concurrent.Semaphore(connections);
    }

    void submit(Pending p) {
      if (permits.tryAcquire()) {
        send(p);
      } else {
        waiting.add(p);
        if (permits.tryAcquire()) { // a completion may have released meanwhile
          next();
        }
      }
    }

    /** Holding a permit: sends the next waiting request, or gives the permit back. */
    private void next() {
      while (true) {
        Pending p = waiting.poll();
        if (p != null) {
          if (System.nanoTime() - p.dueAt() > requestTimeout.toNanos()) {
            record(p, System.nanoTime(), "waited longer than the timeout for a connection");
            continue;
          }
          send(p);
          return;
        }
        permits.release();
        if (waiting.isEmpty() || !permits.tryAcquire()) {
          return;
        }
      }
    }

    private void send(Pending p) {
      HttpRequest request = HttpRequest.newBuilder(p.uri()).timeout(requestTimeout).GET().build();
      client
          .sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (response, failure) -> {
                long now = System.nanoTime();
                String problem = null;
                if (failure != null) {
                  problem = failure.toString();
                } else if (response.statusCode() != 200) {
                  problem = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
                } else if (!check.test(response.body())) {
                  problem = "unexpected body: " + abbreviate(response.body());
                }
                record(p, now, problem);
                next();
              });
    }

    private void record(Pending p, long now, String problem) {
      try {
        if (!p.measured()) {
          return;
        }
        lastCompletion.accumulateAndGet(now, Math::max);
        if (problem == null) {
          latencies[p.slot()] = now - p.dueAt();
          ok.incrementAndGet();
        } else {
          errors.incrementAndGet();
          firstError.compareAndSet(null, p.uri().getPath() + ": " + problem);
        }
      } finally {
        inFlight.decrementAndGet(); // after the writes: the drain sees them
      }
    }
  }

  /**
   * Sends {@code warmup} then {@code duration} of requests at {@code rate} per second; only those
   * due after the warm-up are measured. {@code requests} gives the next URI (called on the
   * scheduling thread, in order); {@code check} tells whether a 200 body is a valid answer.
   */
  Result run(
      double rate,
      Duration warmup,
      Duration duration,
      Supplier<URI> requests,
      java.util.function.Predicate<String> check)
      throws InterruptedException {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "bench-api-client");
              t.setDaemon(true);
              return t;
            });
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(executor)
            .build();
    try {
      long warmupCount = (long) Math.floor(rate * warmup.toNanos() / 1e9);
      long measuredCount = Math.max(1, (long) Math.floor(rate * duration.toNanos() / 1e9));
      long total = warmupCount + measuredCount;
      double periodNanos = 1e9 / rate;
      long[] latencies = new long[(int) measuredCount];
      Arrays.fill(latencies, Long.MAX_VALUE);
      AtomicInteger inFlight = new AtomicInteger();
      AtomicLong ok = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicLong lastCompletion = new AtomicLong();
      AtomicReference<String> firstError = new AtomicReference<>();
      long dropped = 0;
      long start = System.nanoTime() + 20_000_000L;
      long measureStart = start + (long) (warmupCount * periodNanos);
      Sender sender =
          new Sender(client, check, latencies, ok, errors, lastCompletion, firstError, inFlight);
      for (long i = 0; i < total; i++) {
        long dueAt = start + (long) (i * periodNanos);
        long wait;
        while ((wait = dueAt - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        URI uri = requests.get();
        boolean measured = i >= warmupCount;
        int slot = (int) (i - warmupCount);
        if (inFlight.get() >= maxInFlight) {
          if (measured) {
            dropped++;
          }
          continue;
        }
        inFlight.incrementAndGet();
        sender.submit(new Pending(uri, dueAt, measured, slot));
      }
      long drainDeadline = System.nanoTime() + requestTimeout.toNanos() + 1_000_000_000L;
      while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
        Thread.sleep(5);
      }
      long end = Math.max(lastCompletion.get(), start + (long) (total * periodNanos));
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      long[] answered = Arrays.stream(sorted).filter(v -> v != Long.MAX_VALUE).toArray();
      double elapsedSeconds = (end - measureStart) / 1e9;
      return new Result(
          measuredCount,
          ok.get(),
          errors.get(),
          dropped,
          ok.get() / elapsedSeconds,
          percentile(sorted, 0.50),
          percentile(sorted, 0.90),
          percentile(sorted, 0.99),
          percentile(sorted, 1.0),
          percentile(answered, 0.50),
          percentile(answered, 0.99),
          firstError.get());
    } finally {
      executor.shutdownNow();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The nearest-rank percentile in ms; a {@link Long#MAX_VALUE} entry is infinite. */
  static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    long v = sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    return v == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : v / 1e6;
  }

  private static String abbreviate(String body) {
    String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return line.length() <= 160 ? line : line.substring(0, 160) + "...";
  }
}
