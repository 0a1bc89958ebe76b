package io.alertscoring.webhooks.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A fixed-bucket latency histogram in milliseconds, lock-free to record. Percentiles are the upper
 * bound of the bucket holding the rank (so at most one bucket width pessimistic; the maximum is
 * exact), which is as precise as alerting on delivery latency needs: buckets run from 10 ms to an
 * hour, roughly 2.5x apart. The same buckets are Prometheus' {@code le} labels.
 */
public final class LatencyHistogram {

  /** Upper bounds (inclusive), ms; a last, implicit bucket holds everything above. */
  public static final List<Long> BOUNDS_MS =
      List.of(
          10L,
          25L,
          50L,
          100L,
          250L,
          500L,
          1_000L,
          2_500L,
          5_000L,
          10_000L,
          30_000L,
          60_000L,
          300_000L,
          900_000L,
          3_600_000L);

  private static final long[] BOUNDS = BOUNDS_MS.stream().mapToLong(Long::longValue).toArray();

  private final AtomicLongArray counts = new AtomicLongArray(BOUNDS.length + 1);
  private final AtomicLong count = new AtomicLong();
  private final DoubleAdder sum = new DoubleAdder();
  private final AtomicLong max = new AtomicLong();

  /** Records one latency; negative values (clock skew between job and dispatcher) count as 0. */
  public void record(double ms) {
    double value = Double.isFinite(ms) ? Math.max(0, ms) : 0;
    int i = Arrays.binarySearch(BOUNDS, (long) Math.ceil(value));
    int bucket = i >= 0 ? i : -i - 1;
    counts.incrementAndGet(bucket);
    count.incrementAndGet();
    sum.add(value);
    long rounded = (long) Math.ceil(value);
    max.accumulateAndGet(rounded, Math::max);
  }

  public Snapshot snapshot() {
    long[] c = new long[counts.length()];
    long total = 0;
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(i);
      total += c[i];
    }
    return new Snapshot(total, sum.sum(), max.get(), c);
  }

  /**
   * @param bucketCounts per bucket of {@link #BOUNDS_MS}, then the overflow bucket (not cumulative)
   */
  public record Snapshot(long count, double sumMs, long maxMs, long[] bucketCounts) {

    /** The latency at quantile {@code q} in (0, 1], as a bucket upper bound; 0 when empty. */
    public long percentileMs(double q) {
      if (count == 0) {
        return 0;
      }
      long rank = Math.max(1, (long) Math.ceil(q * count));
      long cumulative = 0;
      for (int i = 0; i < bucketCounts.length; i++) {
        cumulative += bucketCounts[i];
        if (cumulative >= rank) {
          return i < BOUNDS.length ? Math.min(BOUNDS[i], maxMs) : maxMs;
        }
      }
      return maxMs;
    }

    public long p50Ms() {
      return percentileMs(0.50);
    }

    public long p95Ms() {
      return percentileMs(0.95);
    }

    public long p99Ms() {
      return percentileMs(0.99);
    }

    public double meanMs() {
      return count == 0 ? 0 : sumMs / count;
    }

    @Override
    public String toString() {
      return "latency[n="
          + count
          + " p50="
          + p50Ms()
          + " p95="
          + p95Ms()
          + " p99="
          + p99Ms()
          + " max="
          + maxMs
          + " ms]";
    }
  }
}
