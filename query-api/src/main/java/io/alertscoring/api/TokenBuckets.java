package io.alertscoring.api;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per client: a bucket holds at most {@code burst} tokens, regains {@code
 * perSecond} tokens a second, and a request takes one. A client whose bucket is empty is told how
 * long until the next token.
 *
 * <p>Buckets live in memory, at most {@link #MAX_CLIENTS}: past that, buckets that have refilled
 * completely (clients idle long enough to be indistinguishable from new ones) are dropped, then
 * others if needed, so requests from many addresses cost bounded memory; a client dropped that way
 * starts again with a full burst (the trade-off of a bound). A limit per process, not per cluster:
 * each instance of the API counts its own requests.
 */
final class TokenBuckets {

  static final int MAX_CLIENTS = 10_000;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TokenBuckets(double perSecond, int burst, LongSupplier nanoClock) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("perSecond > 0 and burst >= 1 needed");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /**
   * Takes a token of {@code client}'s bucket.
   *
   * @return 0 when the request may go on, else the nanoseconds until a token is back
   */
  long take(String client) {
    long now = nanoClock.getAsLong();
    if (buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client)) {
      sweep(now);
    }
    Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.refill(now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond * 1e9));
    }
  }

  int clients() {
    return buckets.size();
  }

  /**
   * Brings the map down to three quarters of {@link #MAX_CLIENTS}: full buckets first, then any
   * (those clients start again with a full burst). Going down by a quarter, not by one, means the
   * next sweep is {@code MAX_CLIENTS / 4} new clients away: a sweep costs O(1) per new client.
   */
  private synchronized void sweep(long now) {
    if (buckets.size() < MAX_CLIENTS) {
      return; // another thread swept
    }
    int target = MAX_CLIENTS * 3 / 4;
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket bucket = it.next();
      synchronized (bucket) {
        bucket.refill(now);
        if (bucket.tokens >= burst) {
          it.remove();
        }
      }
    }
    for (Iterator<Bucket> it = buckets.values().iterator();
        it.hasNext() && buckets.size() > target; ) {
      it.next();
      it.remove();
    }
  }

  private final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    void refill(long now) {
      if (now > at) {
        tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
        at = now;
      }
    }
  }
}
