package io.alertscoring.webhooks.policy;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt wait a uniformly random time
 * in {@code [0, min(max, initial * 2^(n-1))]}. Full jitter rather than equal or no jitter: when a
 * receiver comes back after an outage, every endpoint queue's retries are spread over the whole
 * window instead of arriving together (AWS architecture blog, "Exponential Backoff And Jitter").
 * The price is that a retry may come almost at once; {@code initial} is a cap, not a minimum.
 *
 * <p>A receiver's {@code Retry-After} (429/503) raises the delay to at least that, still capped at
 * {@code max}: waiting longer than the endpoint's policy allows would only move the failure later.
 *
 * <p>Not thread-safe when the generator is not: one per endpoint worker. Tests pass a seeded {@code
 * java.util.Random} and get the same delays every run.
 */
public final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final int maxAttempts;
  private final RandomGenerator random;

  public Backoff(long initialMs, long maxMs, int maxAttempts, RandomGenerator random) {
    if (initialMs < 1 || maxMs < initialMs) {
      throw new IllegalArgumentException(
          "need 1 <= initial <= max backoff, got " + initialMs + " and " + maxMs);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
    }
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.maxAttempts = maxAttempts;
    this.random = random;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** True when {@code attemptsMade} attempts are all that may be made. */
  public boolean exhausted(int attemptsMade) {
    return attemptsMade >= maxAttempts;
  }

  /** The upper bound of the delay after the {@code failures}-th failed attempt (1-based). */
  public long ceilingMs(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be >= 1, got " + failures);
    }
    int shift = Math.min(failures - 1, 62);
    long ceiling = initialMs << shift;
    if (ceiling <= 0 || (ceiling >> shift) != initialMs) { // overflowed
      return maxMs;
    }
    return Math.min(maxMs, ceiling);
  }

  /** The delay before the next attempt after the {@code failures}-th failed attempt. */
  public long delayMs(int failures) {
    return random.nextLong(ceilingMs(failures) + 1);
  }

  /** Like {@link #delayMs(int)}, at least {@code retryAfterMs} (capped at max) when it is > 0. */
  public long delayMs(int failures, long retryAfterMs) {
    long jittered = delayMs(failures);
    return retryAfterMs > 0 ? Math.max(jittered, Math.min(maxMs, retryAfterMs)) : jittered;
  }
}
