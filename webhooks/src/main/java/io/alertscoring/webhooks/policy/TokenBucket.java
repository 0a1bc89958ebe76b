package io.alertscoring.webhooks.policy;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} tokens at most, refilled continuously at {@code ratePerSecond}; a
 * call takes one token. Over any interval of length T at most {@code burst + rate * T} calls pass,
 * which is what a receiver's rate limiter of the same shape accepts. It starts full: after a quiet
 * period an endpoint gets its burst at once.
 *
 * <p>Tokens are kept as a double and refilled from an injectable nanosecond clock, so tests run on
 * a fake clock; {@link #acquire()} sleeps through an injectable {@link Sleeper}. Thread-safe; the
 * sleep happens outside the lock.
 */
public final class TokenBucket {

  /** Sleeps for a number of nanoseconds; the dispatcher's sleeper also wakes up on shutdown. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;

    Sleeper SYSTEM = TimeUnit.NANOSECONDS::sleep;
  }

  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private double tokens;
  private long refilledAt;

  public TokenBucket(double ratePerSecond, int burst) {
    this(ratePerSecond, burst, System::nanoTime, Sleeper.SYSTEM);
  }

  public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoClock, Sleeper sleeper) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate per second must be > 0, got " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1, got " + burst);
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
    this.tokens = burst;
    this.refilledAt = nanoClock.getAsLong();
  }

  /** Takes a token if one is available now. */
  public synchronized boolean tryAcquire() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Nanoseconds until a token will be available (0 when one is available now). */
  public synchronized long nanosUntilAvailable() {
    refill();
    return waitNanos();
  }

  /**
   * Takes a token, sleeping until one is available.
   *
   * @return the nanoseconds spent waiting (0 when a token was available): a rate-limited wait
   * @throws InterruptedException when the sleep is interrupted; no token is taken then
   */
  public long acquire() throws InterruptedException {
    long waited = 0;
    while (true) {
      long wait;
      synchronized (this) {
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return waited;
        }
        wait = waitNanos();
      }
      long before = nanoClock.getAsLong();
      sleeper.sleep(wait);
      waited += Math.max(0, nanoClock.getAsLong() - before);
    }
  }

  /** Tokens now, for tests and metrics. */
  public synchronized double available() {
    refill();
    return tokens;
  }

  private void refill() {
    long now = nanoClock.getAsLong();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * ratePerNano);
      refilledAt = now;
    }
  }

  private long waitNanos() {
    if (tokens >= 1) {
      return 0;
    }
    // at least 1 ns, so a caller that sleeps this long always makes progress
    return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano));
  }
}
