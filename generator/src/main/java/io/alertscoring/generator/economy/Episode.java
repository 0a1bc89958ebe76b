package io.alertscoring.generator.economy;

import io.alertscoring.generator.derive.TransferBuffer;
import io.alertscoring.generator.rng.SplitRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One planted episode: its participants (with who is illicit) and all its transfers, generated in
 * full from the episode's own stream and then clipped to whatever window asks for them.
 *
 * <p>Sophistication shapes how detectable an instance is: crude launderers use fresh wallets, exact
 * splits and script timing (uniform hours, fast hops); sophisticated ones recruit aged mules,
 * jitter amounts, keep human hours, wait longer and mix in ordinary-looking activity. Benign
 * episodes share the same mechanics.
 */
public final class Episode {
  /** Longest span from start day to last transfer, in days (duration up to 5 plus hop tails). */
  static final int MAX_SPAN_DAYS = 9;

  private final ShardPopulation pop;
  private final EpisodeType type;
  private final long startDay;
  private final int instance;
  private final SplitRandom r;
  private final double sophistication;
  private final int tz;
  private final List<Long> participants = new ArrayList<>();
  private final List<Boolean> participantIllicit = new ArrayList<>();
  private long[] from = new long[32];
  private long[] to = new long[32];
  private long[] time = new long[32];
  private double[] usd = new double[32];
  private int[] asset = new int[32];
  private int size;
  private long lastTime = Long.MIN_VALUE;

  Episode(ShardPopulation pop, EpisodeType type, long startDay, int instance, SplitRandom r) {
    this.pop = pop;
    this.type = type;
    this.startDay = startDay;
    this.instance = instance;
    this.r = r;
    this.sophistication = type.illicit() ? StrictMath.pow(r.nextDouble(), 1.2) : r.nextDouble();
    this.tz = new int[] {-5, 0, 1, 2, 3, 8, 9}[r.nextInt(7)];
  }

  public EpisodeType type() {
    return type;
  }

  public long startDay() {
    return startDay;
  }

  /** Day of the last transfer. */
  public long endDay() {
    return Math.floorDiv(lastTime, Clock.DAY_MS);
  }

  public double sophistication() {
    return sophistication;
  }

  public int participantCount() {
    return participants.size();
  }

  public long participant(int i) {
    return participants.get(i);
  }

  public boolean participantIllicit(int i) {
    return participantIllicit.get(i);
  }

  public int transferCount() {
    return size;
  }

  /** Adds the transfers that fall on days [fromDay, toDay] to the sink. */
  void emit(long fromDay, long toDay, TransferBuffer sink) {
    long lo = fromDay * Clock.DAY_MS;
    long hi = (toDay + 1) * Clock.DAY_MS;
    for (int i = 0; i < size; i++) {
      if (time[i] >= lo && time[i] < hi) {
        sink.add(from[i], to[i], time[i], usd[i], asset[i]);
      }
    }
  }

  // ------------------------------------------------------------------ building blocks

  boolean crude() {
    return sophistication < 0.35;
  }

  /** A wallet created for this episode (fresh address). */
  long fresh(int role, boolean illicit) {
    long key = Economy.episodeKey(pop.shard, startDay, instance, role);
    participants.add(key);
    participantIllicit.add(illicit);
    return key;
  }

  /**
   * A participant: an aged mule (an ordinary retail account recruited into the scheme) with a
   * probability growing with sophistication, else a fresh wallet.
   */
  long member(int role) {
    if (type.illicit() && r.chance(0.25 + 0.6 * sophistication)) {
      for (int attempt = 0; attempt < 8; attempt++) {
        int i = pop.randomRetail(r);
        if (pop.birth[i] <= startDay - 30) {
          long key = pop.key(i);
          if (!participants.contains(key)) {
            participants.add(key);
            participantIllicit.add(true);
            return key;
          }
        }
      }
    }
    return fresh(role, type.illicit());
  }

  /** A time on start day + offset: script-uniform for crude instances, human hours otherwise. */
  long at(int dayOffset) {
    long day = startDay + dayOffset;
    return crude() ? Clock.uniform(day, r) : Clock.human(day, tz, r);
  }

  /** A time some hours after {@code t}: crude launderers hop fast, careful ones wait. */
  long after(long t, double minHours, double maxHours) {
    double scale = crude() ? 0.5 : 1.0 + sophistication;
    double hours = minHours + (maxHours - minHours) * r.nextDouble() * scale;
    return t + (long) (hours * Clock.HOUR_MS) + r.nextInt(60_000);
  }

  /** An amount share: exact for crude instances, jittered (and never round) otherwise. */
  double jitter(double amount) {
    if (crude()) {
      return Math.round(amount);
    }
    return Math.round(amount * r.uniform(0.8, 1.2) * 100) / 100.0;
  }

  int asset() {
    NetworkProfile net = pop.economy.network();
    return r.chance(0.5) || net.count() == 1 ? net.nativeAsset() : 1;
  }

  void tx(long fromKey, long toKey, long t, double amountUsd, int assetIndex) {
    if (t >= (startDay + MAX_SPAN_DAYS) * Clock.DAY_MS) {
      t = (startDay + MAX_SPAN_DAYS) * Clock.DAY_MS - 1 - r.nextInt(3_600_000);
    }
    if (size == from.length) {
      int n = size * 2;
      from = Arrays.copyOf(from, n);
      to = Arrays.copyOf(to, n);
      time = Arrays.copyOf(time, n);
      usd = Arrays.copyOf(usd, n);
      asset = Arrays.copyOf(asset, n);
    }
    from[size] = fromKey;
    to[size] = toKey;
    time[size] = t;
    usd[size] = Math.max(1, amountUsd);
    asset[size] = assetIndex;
    size++;
    lastTime = Math.max(lastTime, t);
  }

  long exchange() {
    return pop.economy.exchange(r);
  }

  /**
   * Where dirty money enters: an exchange withdrawal, a hacker's wallet or an exploited contract.
   */
  void fund(long target, long t, double amount, int a) {
    double x = r.nextDouble();
    if (x < 0.5) {
      tx(exchange(), target, t, amount, a);
    } else if (x < 0.8) {
      tx(fresh(250, true), target, t, amount, a);
    } else {
      tx(pop.economy.defi(r), target, t, amount, a);
    }
  }

  /** Cash-out into 1-3 exchange deposits; returns the time of the last one. */
  long cashOut(long source, long t, double amount, int a) {
    int parts = r.between(1, 3);
    long last = t;
    for (int k = 0; k < parts; k++) {
      last = after(last, 0.3, 12);
      tx(source, exchange(), last, jitter(amount / parts), a);
    }
    return last;
  }

  /** Careful launderers dress wallets with a few ordinary-looking transfers. */
  void camouflage(long wallet, int days) {
    if (crude()) {
      return;
    }
    int n = r.poisson(sophistication * 3);
    for (int k = 0; k < n; k++) {
      long t = Clock.human(startDay + r.nextInt(Math.max(1, days)), tz, r);
      double x = r.nextDouble();
      double amount = Math.round(r.lognormal(4.6, 1.0) * 100) / 100.0;
      if (x < 0.4) {
        long defi = pop.economy.defi(r);
        tx(wallet, defi, t, amount, 0);
        tx(
            defi,
            wallet,
            t + r.between(30, 500) * 1000L,
            amount * 0.995,
            1 % pop.economy.network().count());
      } else if (x < 0.7) {
        int m = pop.merchant(r);
        if (m >= 0) {
          tx(wallet, pop.key(m), t, amount, 0);
        }
      } else {
        tx(wallet, pop.key(pop.randomRetail(r)), t, amount, 0);
      }
    }
  }

  SplitRandom random() {
    return r;
  }

  ShardPopulation population() {
    return pop;
  }
}
