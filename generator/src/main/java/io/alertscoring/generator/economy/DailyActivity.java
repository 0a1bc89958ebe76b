package io.alertscoring.generator.economy;

import io.alertscoring.generator.derive.TransferBuffer;
import io.alertscoring.generator.rng.SplitRandom;

/**
 * The ordinary life of a shard on one day: retail payments to friends and merchants, exchange
 * deposits and withdrawals, DeFi swaps (out and back), whales moving large sums, dormant wallets
 * waking up and draining, merchants sweeping the day's takings to an exchange, payroll payers
 * paying their staff weekly, bot rings trading round the clock, privacy users going through mixers
 * and OTC traders moving amounts just under the reporting threshold.
 *
 * <p>Each day is a pure function of (seed, network, shard, day): nothing carries over from the day
 * before, so any window can be regenerated on its own. Multi-day behaviours (a mixer withdrawal
 * days after the deposit, payroll funded the day before) are re-derived from the stream of the day
 * they started.
 */
final class DailyActivity {
  private static final long DAILY = 0x4441494CL;
  private static final long MIX = 0x4D4958L;
  private static final int MIX_MAX_DELAY = 4;

  private DailyActivity() {}

  static void emit(ShardPopulation pop, long day, TransferBuffer sink) {
    Economy eco = pop.economy;
    NetworkProfile net = eco.network();
    SplitRandom r = SplitRandom.of(eco.seed(), DAILY, pop.shard, day);
    double shardMood = r.lognormal(0, 0.15);
    int dow = Clock.dayOfWeek(day);
    double weekly = dow >= 5 ? 0.8 : 1.0;
    double[] merchantTakings = new double[pop.size];
    for (int i = 0; i < pop.size; i++) {
      if (!pop.activeOn(i, day)) {
        continue;
      }
      long me = pop.key(i);
      switch (pop.kind[i]) {
        case RETAIL, PRIVACY -> {
          int n = r.poisson(pop.rate[i] * shardMood * weekly);
          for (int k = 0; k < n; k++) {
            retailAction(pop, i, day, r, sink, merchantTakings);
          }
          if (pop.kind[i] == AccountKind.PRIVACY) {
            mixerRoundTrips(pop, i, day, sink);
          }
        }
        case WHALE -> {
          int n = r.poisson(pop.rate[i] * shardMood);
          for (int k = 0; k < n; k++) {
            long t = Clock.human(day, pop.tz[i], r);
            double usd = amount(pop, i, r);
            double x = r.nextDouble();
            int a = r.chance(0.7) ? net.nativeAsset() : net.randomAsset(r);
            if (x < 0.35) {
              sink.add(me, pick(pop.exchange[i], eco, r), t, usd, a);
            } else if (x < 0.7) {
              sink.add(pick(pop.exchange[i], eco, r), me, t, usd, a);
            } else if (x < 0.9) {
              swap(me, pop.defi[i], t, usd, a, net, r, sink);
            } else {
              sink.add(me, pop.key(pop.friend(i, r)), t, usd, a);
            }
          }
        }
        case DORMANT -> {
          long since = day - pop.reactivation[i];
          if (since < 3) {
            // waking up: drain the old balance in a few large transfers
            int n = since == 0 ? r.between(2, 6) : r.poisson(1.0);
            for (int k = 0; k < n; k++) {
              long t = Clock.human(day, pop.tz[i], r);
              double usd = amount(pop, i, r);
              long to = r.chance(0.6) ? pick(pop.exchange[i], eco, r) : pop.key(pop.friend(i, r));
              sink.add(me, to, t, usd, net.nativeAsset());
            }
          } else {
            int n = r.poisson(pop.rate[i] * weekly);
            for (int k = 0; k < n; k++) {
              retailAction(pop, i, day, r, sink, merchantTakings);
            }
          }
        }
        case DISTRIBUTOR -> payroll(pop, i, day, dow, sink);
        case BOT -> {
          int n = r.poisson(pop.rate[i] * shardMood);
          int ringStart = i - (i - firstOfKind(pop, i)) % 3;
          for (int k = 0; k < n; k++) {
            long t = Clock.uniform(day, r);
            double usd =
                pop.mu[i] > 0 ? StrictMath.exp(pop.mu[i] + pop.sigma[i] * r.gaussian()) : 100;
            int a = net.randomAsset(r);
            if (r.chance(0.75) || pop.size <= ringStart + 2) {
              swap(me, r.chance(0.8) ? pop.defi[i] : eco.defi(r), t, usd, a, net, r, sink);
            } else {
              int next = ringStart + ((i - ringStart + 1) % 3);
              sink.add(me, pop.key(next), t, usd, a);
            }
          }
        }
        case TRADER -> {
          int n = r.poisson(pop.rate[i] * weekly);
          for (int k = 0; k < n; k++) {
            long t = Clock.human(day, pop.tz[i], r);
            double x = r.nextDouble();
            int a = r.chance(0.6) ? 1 % net.count() : net.randomAsset(r);
            if (x < 0.5) {
              // business amounts just under the threshold: structuring look-alike
              double usd = r.uniform(8_000, 9_990);
              sink.add(me, pick(pop.exchange[i], eco, r), t, Math.round(usd * 100) / 100.0, a);
            } else if (x < 0.8) {
              double usd = 5_000 * (1 + r.nextInt(10));
              sink.add(pick(pop.exchange[i], eco, r), me, t, usd, a);
            } else {
              double usd = amount(pop, i, r);
              sink.add(me, pop.key(pop.friend(i, r)), t, usd, a);
            }
          }
        }
        default -> {
          // merchants only receive (and sweep below)
        }
      }
    }
    // merchants sweep the day's takings to their exchange late in the evening
    for (int i = 0; i < pop.size; i++) {
      if (pop.kind[i] == AccountKind.MERCHANT && merchantTakings[i] > 0) {
        double share = r.uniform(0.85, 1.0);
        long t =
            day * Clock.DAY_MS
                + Math.floorMod(22 - pop.tz[i], 24) * Clock.HOUR_MS
                + r.nextInt(3_000_000);
        sink.add(pop.key(i), pop.exchange[i], t, merchantTakings[i] * share, pop.asset[i]);
      }
    }
  }

  private static int firstOfKind(ShardPopulation pop, int i) {
    int j = i;
    while (j > 0 && pop.kind[j - 1] == pop.kind[i]) {
      j--;
    }
    return j;
  }

  private static long pick(long preferred, Economy eco, SplitRandom r) {
    return r.chance(0.8) ? preferred : eco.exchange(r);
  }

  private static void retailAction(
      ShardPopulation pop, int i, long day, SplitRandom r, TransferBuffer sink, double[] takings) {
    Economy eco = pop.economy;
    NetworkProfile net = eco.network();
    long me = pop.key(i);
    long t = Clock.human(day, pop.tz[i], r);
    double usd = amount(pop, i, r);
    int a = r.chance(0.8) ? pop.asset[i] : net.randomAsset(r);
    double x = r.nextDouble();
    if (x < 0.30) {
      int f = pop.friend(i, r);
      sink.add(me, pop.key(f), t, usd, a);
      if (r.chance(0.25) && pop.activeOn(f, day)) {
        long back =
            Math.min(day * Clock.DAY_MS + Clock.DAY_MS - 1, t + r.between(1, 10) * Clock.HOUR_MS);
        sink.add(pop.key(f), me, back, usd * r.uniform(0.3, 1.2), a);
      }
    } else if (x < 0.50) {
      int m = pop.merchant(r);
      if (m >= 0) {
        sink.add(me, pop.key(m), t, usd, a);
        takings[m] += usd;
      }
    } else if (x < 0.63) {
      sink.add(me, pick(pop.exchange[i], eco, r), t, usd, a);
    } else if (x < 0.85) {
      sink.add(pick(pop.exchange[i], eco, r), me, t, usd * r.uniform(1, 3), a);
    } else {
      swap(me, r.chance(0.7) ? pop.defi[i] : eco.defi(r), t, usd, a, net, r, sink);
    }
  }

  /** A DeFi swap: out to the contract, back minutes later in another asset, minus fees. */
  private static void swap(
      long me,
      long defi,
      long t,
      double usd,
      int a,
      NetworkProfile net,
      SplitRandom r,
      TransferBuffer sink) {
    sink.add(me, defi, t, usd, a);
    int b = net.count() > 1 ? (a + 1 + r.nextInt(net.count() - 1)) % net.count() : a;
    long back = t + r.between(15, 600) * 1000L;
    if (Math.floorDiv(back, Clock.DAY_MS) == Math.floorDiv(t, Clock.DAY_MS)) {
      sink.add(defi, me, back, usd * r.uniform(0.990, 0.998), b);
    }
  }

  /** Retail-scale heavy-tailed amount, sometimes rounded the way people round. */
  static double amount(ShardPopulation pop, int i, SplitRandom r) {
    double usd = StrictMath.exp(pop.mu[i] + pop.sigma[i] * r.gaussian());
    if (r.chance(0.02)) {
      usd *= Math.min(50, r.pareto(1.3));
    }
    if (r.chance(0.1)) {
      usd = roundHuman(usd);
    }
    return Math.max(1.0, Math.round(usd * 100) / 100.0);
  }

  static double roundHuman(double usd) {
    double magnitude = StrictMath.pow(10, StrictMath.floor(StrictMath.log10(usd)));
    double step = magnitude / 2;
    return Math.max(step, Math.round(usd / step) * step);
  }

  /**
   * Privacy users deposit whole mixer denominations and withdraw them 1-4 days later to themselves
   * or a friend: legitimate mixer use that the mixer rule cannot tell from laundering.
   */
  private static void mixerRoundTrips(ShardPopulation pop, int i, long day, TransferBuffer sink) {
    Economy eco = pop.economy;
    NetworkProfile net = eco.network();
    for (long d0 = day - MIX_MAX_DELAY; d0 <= day; d0++) {
      SplitRandom r = SplitRandom.of(eco.seed(), MIX, pop.shard, i, d0);
      if (!r.chance(0.07)) {
        continue;
      }
      int delay = r.between(1, MIX_MAX_DELAY);
      long mixer = eco.mixer(r);
      double units = net.denomination(r.nextInt(Math.min(2, net.denominationCount())));
      int n = r.between(1, 3);
      long to = r.chance(0.5) ? pop.key(i) : pop.key(pop.friend(i, r));
      long tIn = Clock.human(d0, pop.tz[i], r);
      long tOut = Clock.human(d0 + delay, pop.tz[i], r);
      for (int k = 0; k < n; k++) {
        if (d0 == day) {
          sink.add(pop.key(i), mixer, tIn + k * 60_000L, units * net.priceUsd(0, d0), 0);
        }
        if (d0 + delay == day) {
          sink.add(mixer, to, tOut + k * 90_000L, units * net.priceUsd(0, day), 0);
        }
      }
    }
  }

  /**
   * Payroll: funded from an exchange the day before payday, then 10-60 staff paid similar amounts
   * (fan-out look-alike). Staff are a stable pool derived from the payer's own stream.
   */
  private static void payroll(ShardPopulation pop, int i, long day, int dow, TransferBuffer sink) {
    Economy eco = pop.economy;
    int payday = pop.payday[i];
    boolean fundingDay = Math.floorMod(payday - 1, 7) == dow;
    if (!fundingDay && payday != dow) {
      return;
    }
    long payDate = fundingDay ? day + 1 : day;
    SplitRandom staff = SplitRandom.of(eco.seed(), 0x504159L, pop.shard, i);
    int n = staff.between(10, 60);
    double salary = StrictMath.exp(pop.mu[i]);
    int[] members = new int[n];
    double[] pay = new double[n];
    double total = 0;
    for (int k = 0; k < n; k++) {
      members[k] = pop.randomRetail(staff);
      pay[k] = Math.round(salary * staff.uniform(0.7, 1.6) * 100) / 100.0;
      total += pay[k];
    }
    SplitRandom r = SplitRandom.of(eco.seed(), 0x504159L, pop.shard, i, payDate);
    int a = 1 % eco.network().count();
    if (fundingDay) {
      sink.add(pop.exchange[i], pop.key(i), Clock.human(day, pop.tz[i], r), total * 1.02, a);
      return;
    }
    long t = day * Clock.DAY_MS + Math.floorMod(9 - pop.tz[i], 24) * Clock.HOUR_MS;
    for (int k = 0; k < n; k++) {
      if (r.chance(0.9)) {
        sink.add(pop.key(i), pop.key(members[k]), t + k * 20_000L, pay[k], a);
      }
    }
  }
}
