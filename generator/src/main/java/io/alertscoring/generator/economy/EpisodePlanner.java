package io.alertscoring.generator.economy;

import io.alertscoring.generator.rng.SplitRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the episodes that start in a shard on a given day. The number of episodes is drawn from the
 * (shard, day) stream; each episode is built from its own stream, so planning a day again (for
 * another processing date whose window covers it) gives the same episodes.
 */
final class EpisodePlanner {
  private static final long EPISODES = 0x45504953L;

  /** Laundering instances started per day in a shard of 3,000 accounts. */
  static final double ILLICIT_PER_DAY = 3.5;

  /** Benign look-alike episodes started per day in a shard of 3,000 accounts. */
  static final double BENIGN_PER_DAY = 8.0;

  private EpisodePlanner() {}

  static List<Episode> plan(ShardPopulation pop, long day) {
    Economy eco = pop.economy;
    SplitRandom r = SplitRandom.of(eco.seed(), EPISODES, pop.shard, day);
    double scale = pop.size / 3000.0;
    int illicit = r.poisson(ILLICIT_PER_DAY * scale);
    int benign = r.poisson(BENIGN_PER_DAY * scale);
    double[] illicitCumulative = SplitRandom.cumulative(EpisodeType.ILLICIT_WEIGHTS);
    double[] benignCumulative = SplitRandom.cumulative(EpisodeType.BENIGN_WEIGHTS);
    List<Episode> episodes = new ArrayList<>(illicit + benign);
    for (int k = 0; k < illicit + benign; k++) {
      SplitRandom er = SplitRandom.of(eco.seed(), EPISODES, pop.shard, day, k);
      EpisodeType type =
          k < illicit
              ? EpisodeType.ILLICIT[er.weighted(illicitCumulative)]
              : EpisodeType.BENIGN[er.weighted(benignCumulative)];
      Episode e = new Episode(pop, type, day, k, er);
      build(e);
      episodes.add(e);
    }
    return episodes;
  }

  /** Every type at least once, for tests and for the documentation of what each looks like. */
  static Episode build(ShardPopulation pop, EpisodeType type, long day, int instance) {
    Episode e =
        new Episode(
            pop,
            type,
            day,
            instance,
            SplitRandom.of(pop.economy.seed(), EPISODES, pop.shard, day, instance));
    build(e);
    return e;
  }

  private static void build(Episode e) {
    switch (e.type()) {
      case FAN_IN -> fanIn(e);
      case FAN_OUT -> fanOut(e);
      case CYCLE -> cycle(e);
      case PEEL_CHAIN -> peelChain(e);
      case LAYERING -> layering(e);
      case SCATTER_GATHER -> scatterGather(e);
      case STRUCTURING -> structuring(e);
      case MIXER_HOP -> mixerHop(e);
      case ONBOARDING -> onboarding(e);
      case AIRDROP_FARM -> airdropFarm(e);
      case DONATION -> donation(e);
      case TREASURY_ROTATION -> treasury(e);
      case EXCHANGE_MIGRATION -> migration(e);
    }
  }

  private static double dirtyAmount(SplitRandom r) {
    return Math.min(5_000_000, Math.max(3_000, r.lognormal(StrictMath.log(40_000), 1.0)));
  }

  private static int duration(SplitRandom r) {
    return r.between(1, 5);
  }

  // ------------------------------------------------------------------ laundering typologies

  /** Many senders (scam victims or controlled feeders) converge on one collector. */
  private static void fanIn(Episode e) {
    SplitRandom r = e.random();
    ShardPopulation pop = e.population();
    int days = duration(r);
    int a = e.asset();
    long collector = e.member(0);
    int k = r.between(8, 35);
    boolean victims = r.chance(0.6);
    double target = dirtyAmount(r);
    double received = 0;
    long last = e.at(0);
    for (int j = 0; j < k; j++) {
      double amount = Math.round(r.lognormal(StrictMath.log(target / k), 0.5) * 100) / 100.0;
      long t = e.at(r.nextInt(days));
      if (victims) {
        int victim = pop.randomRetail(r);
        t = Clock.human(Math.floorDiv(t, Clock.DAY_MS), pop.tz[victim], r);
        e.tx(pop.key(victim), collector, t, amount, a);
      } else {
        long feeder = e.fresh(1 + j, true);
        long funded = t - r.between(1, 6) * Clock.HOUR_MS;
        e.tx(e.exchange(), feeder, funded, amount * 1.01, a);
        e.tx(feeder, collector, t, amount, a);
      }
      received += amount;
      last = Math.max(last, t);
    }
    e.camouflage(collector, days);
    e.cashOut(collector, last, received * r.uniform(0.92, 0.99), a);
  }

  /** One source spreads funds to many recipients, each forwarding to an exchange. */
  private static void fanOut(Episode e) {
    SplitRandom r = e.random();
    int a = e.asset();
    double amount = dirtyAmount(r);
    long source = e.fresh(0, true);
    long t = e.at(0);
    e.fund(source, t, amount, a);
    int k = r.between(8, 35);
    for (int j = 0; j < k; j++) {
      long recipient = e.member(1 + j);
      long ts = e.after(t, 0.05, e.crude() ? 2 : 30);
      double share = e.jitter(amount * 0.99 / k);
      e.tx(source, recipient, ts, share, a);
      e.camouflage(recipient, 3);
      e.tx(recipient, e.exchange(), e.after(ts, 2, 30), share * r.uniform(0.95, 0.99), a);
    }
  }

  /** Funds go round a ring of accounts, shaved by fees, then leave through an exchange. */
  private static void cycle(Episode e) {
    SplitRandom r = e.random();
    int a = e.asset();
    int n = r.between(3, 6);
    long[] ring = new long[n];
    for (int j = 0; j < n; j++) {
      ring[j] = e.member(j);
    }
    double amount = dirtyAmount(r);
    long t = e.at(0);
    e.fund(ring[0], t, amount, a);
    int rounds = r.between(1, 3);
    double value = amount * 0.98;
    for (int round = 0; round < rounds; round++) {
      for (int j = 0; j < n; j++) {
        t = e.after(t, 1, 8);
        e.tx(ring[j], ring[(j + 1) % n], t, e.jitter(value), a);
        value *= 1 - r.uniform(0.005, 0.03);
      }
    }
    e.cashOut(ring[0], t, value, a);
  }

  /** A chain of hops, each peeling a slice off to an exchange and passing the rest on. */
  private static void peelChain(Episode e) {
    SplitRandom r = e.random();
    int a = e.asset();
    int length = r.between(5, 14);
    double value = dirtyAmount(r);
    long hop = e.fresh(0, true);
    long t = e.at(0);
    e.fund(hop, t, value, a);
    for (int j = 1; j <= length; j++) {
      double peel = value * r.uniform(0.05, 0.2);
      e.tx(hop, e.exchange(), e.after(t, 0.2, 2), peel, a);
      long next = e.member(j);
      t = e.after(t, 1, 12);
      value = (value - peel) * 0.999;
      e.tx(hop, next, t, Math.round(value * 100) / 100.0, a);
      hop = next;
    }
    e.cashOut(hop, t, value, a);
  }

  /** A tree: source to 2-4 first-layer wallets, each to 2-3 second-layer, all into 1-2 sinks. */
  private static void layering(Episode e) {
    SplitRandom r = e.random();
    int a = e.asset();
    double amount = dirtyAmount(r);
    long source = e.fresh(0, true);
    long t0 = e.at(0);
    e.fund(source, t0, amount, a);
    int sinks = r.between(1, 2);
    long[] sink = new long[sinks];
    double[] sinkIn = new double[sinks];
    long[] sinkLast = new long[sinks];
    for (int s = 0; s < sinks; s++) {
      sink[s] = e.member(200 + s);
    }
    int l1 = r.between(2, 4);
    int role = 1;
    for (int i = 0; i < l1; i++) {
      long w1 = e.member(role++);
      double v1 = e.jitter(amount / l1);
      long t1 = e.after(t0, 0.5, 10);
      e.tx(source, w1, t1, v1, a);
      int l2 = r.between(2, 3);
      for (int j = 0; j < l2; j++) {
        long w2 = e.member(role++);
        double v2 = e.jitter(v1 * 0.995 / l2);
        long t2 = e.after(t1, 1, 20);
        e.tx(w1, w2, t2, v2, a);
        int s = r.nextInt(sinks);
        long t3 = e.after(t2, 1, 24);
        e.tx(w2, sink[s], t3, v2 * 0.995, a);
        sinkIn[s] += v2 * 0.995;
        sinkLast[s] = Math.max(sinkLast[s], t3);
      }
    }
    for (int s = 0; s < sinks; s++) {
      e.cashOut(sink[s], sinkLast[s], sinkIn[s] * 0.99, a);
    }
  }

  /** Scatter to intermediates, gather into one sink. */
  private static void scatterGather(Episode e) {
    SplitRandom r = e.random();
    int a = e.asset();
    double amount = dirtyAmount(r);
    long source = e.fresh(0, true);
    long t0 = e.at(0);
    e.fund(source, t0, amount, a);
    long sink = e.member(100);
    int k = r.between(5, 15);
    double gathered = 0;
    long last = t0;
    for (int j = 0; j < k; j++) {
      long mid = e.member(1 + j);
      long t1 = e.after(t0, 0.1, 6);
      double v = e.jitter(amount / k);
      e.tx(source, mid, t1, v, a);
      e.camouflage(mid, 2);
      long t2 = e.after(t1, 2, 24);
      double back = v * r.uniform(0.95, 0.99);
      e.tx(mid, sink, t2, back, a);
      gathered += back;
      last = Math.max(last, t2);
    }
    e.cashOut(sink, last, gathered * 0.98, a);
  }

  /** Smurfs deposit many amounts just under a reporting threshold. */
  private static void structuring(Episode e) {
    SplitRandom r = e.random();
    int a = e.asset();
    int days = duration(r);
    int smurfs = r.between(1, 3);
    double threshold = r.chance(0.8) ? 10_000 : 3_000;
    double lowShare = e.crude() ? 0.85 : 0.7;
    for (int s = 0; s < smurfs; s++) {
      long smurf = e.member(s);
      int deposits = r.between(4, 15);
      double total = 0;
      double[] amounts = new double[deposits];
      for (int d = 0; d < deposits; d++) {
        amounts[d] = Math.round(threshold * r.uniform(lowShare, 0.999) * 100) / 100.0;
        total += amounts[d];
      }
      long t = e.at(0);
      e.fund(smurf, t, total * 1.01, a);
      for (int d = 0; d < deposits; d++) {
        long td = e.at(Math.min(days - 1, d * days / deposits));
        e.tx(smurf, e.exchange(), Math.max(td, t + 60_000), amounts[d], a);
      }
      e.camouflage(smurf, days);
    }
  }

  /** Whole denominations into a mixer, out again days later to fresh wallets, then cashed out. */
  private static void mixerHop(Episode e) {
    SplitRandom r = e.random();
    ShardPopulation pop = e.population();
    NetworkProfile net = pop.economy.network();
    int a = net.nativeAsset();
    double amount = dirtyAmount(r);
    long source = e.fresh(0, true);
    long t0 = e.at(0);
    e.fund(source, t0, amount, a);
    double price = net.priceUsd(a, e.startDay());
    int denom = 0;
    for (int i = 0; i < net.denominationCount(); i++) {
      if (net.denomination(i) * price * 2 <= amount) {
        denom = i;
      }
    }
    double units = net.denomination(denom);
    int pieces = (int) Math.max(1, Math.min(40, amount * 0.97 / (units * price)));
    long mixer = pop.economy.mixer(r);
    long t = t0;
    for (int p = 0; p < pieces; p++) {
      t = e.after(t, 0.02, 0.5);
      e.tx(source, mixer, t, units * price, a);
    }
    int recipients = r.between(2, 6);
    long[] out = new long[recipients];
    for (int j = 0; j < recipients; j++) {
      out[j] = e.fresh(1 + j, true);
    }
    int delayDays = r.between(1, 2);
    long day = e.startDay() + delayDays;
    double outPrice = net.priceUsd(a, day);
    double[] collected = new double[recipients];
    long[] lastIn = new long[recipients];
    for (int p = 0; p < pieces; p++) {
      int j = p % recipients;
      long tp = e.at(delayDays) + p * 45_000L;
      e.tx(mixer, out[j], tp, units * outPrice, a);
      collected[j] += units * outPrice;
      lastIn[j] = Math.max(lastIn[j], tp);
    }
    for (int j = 0; j < recipients; j++) {
      if (collected[j] > 0) {
        e.cashOut(out[j], lastIn[j], collected[j] * 0.995, a);
      }
    }
  }

  // ------------------------------------------------------------------ benign look-alikes

  /** A new wallet funded from an exchange; some pass the rest on to another exchange quickly. */
  private static void onboarding(Episode e) {
    SplitRandom r = e.random();
    ShardPopulation pop = e.population();
    int a = e.asset();
    long wallet = e.fresh(0, false);
    double amount = Math.round(r.lognormal(StrictMath.log(6_000), 1.2) * 100) / 100.0;
    long t = e.at(0);
    e.tx(e.exchange(), wallet, t, amount, a);
    double left = amount;
    int payments = r.between(1, 4);
    for (int k = 0; k < payments; k++) {
      double v = left * r.uniform(0.05, 0.3);
      int m = pop.merchant(r);
      long to = m >= 0 && r.chance(0.5) ? pop.key(m) : pop.key(pop.randomRetail(r));
      e.tx(wallet, to, e.after(t, 0.5, 30), v, a);
      left -= v;
    }
    if (r.chance(0.4)) {
      e.tx(wallet, e.exchange(), e.after(t, 1, 20), left * r.uniform(0.9, 0.99), a);
    }
  }

  /** One farmer funds many fresh wallets, which touch DeFi and send the funds back. */
  private static void airdropFarm(Episode e) {
    SplitRandom r = e.random();
    ShardPopulation pop = e.population();
    int a = e.asset();
    long farmer = r.chance(0.5) ? pop.key(pop.randomRetail(r)) : e.fresh(0, false);
    int k = r.between(8, 30);
    double each = Math.round(r.uniform(150, 900));
    long t = e.at(0);
    for (int j = 0; j < k; j++) {
      long w = e.fresh(1 + j, false);
      long tj = t + j * r.between(20, 300) * 1000L;
      e.tx(farmer, w, tj, each, a);
      int interactions = r.between(1, 3);
      for (int i = 0; i < interactions; i++) {
        long defi = pop.economy.defi(r);
        long ti = Clock.human(e.startDay() + r.nextInt(3), pop.tz[0], r);
        double v = each * r.uniform(0.2, 0.6);
        e.tx(w, defi, Math.max(ti, tj + 60_000), v, a);
        e.tx(defi, w, Math.max(ti, tj + 60_000) + 40_000, v * 0.995, a);
      }
      e.tx(w, farmer, e.at(r.between(2, 4)), each * r.uniform(0.9, 0.98), a);
    }
  }

  /** A donation drive: many small gifts, then one transfer to an exchange. */
  private static void donation(Episode e) {
    SplitRandom r = e.random();
    ShardPopulation pop = e.population();
    int a = e.asset();
    long campaign = e.fresh(0, false);
    int days = r.between(1, 4);
    int donors = r.between(10, 60);
    double total = 0;
    long last = e.at(0);
    for (int j = 0; j < donors; j++) {
      int donor = pop.randomRetail(r);
      long t = Clock.human(e.startDay() + r.nextInt(days), pop.tz[donor], r);
      double v = Math.round(r.lognormal(StrictMath.log(120), 1.0) * 100) / 100.0;
      e.tx(pop.key(donor), campaign, t, v, a);
      total += v;
      last = Math.max(last, t);
    }
    e.tx(campaign, e.exchange(), e.after(last, 2, 30), total * 0.95, a);
  }

  /** A company rotates a round sum once around its own wallets. */
  private static void treasury(Episode e) {
    SplitRandom r = e.random();
    int a = e.asset();
    int n = r.between(3, 5);
    long[] w = new long[n];
    for (int j = 0; j < n; j++) {
      w[j] = e.fresh(j, false);
    }
    double amount = 10_000 * r.between(5, 50);
    long t = e.at(0);
    e.tx(e.exchange(), w[0], t, amount, a);
    for (int j = 0; j < n; j++) {
      t = e.after(t, 1, 24);
      e.tx(w[j], w[(j + 1) % n], t, amount, a);
    }
    if (r.chance(0.5)) {
      e.tx(w[0], e.exchange(), e.after(t, 1, 24), amount * 0.5, a);
    }
  }

  /** A holder moves a large balance from one exchange to several others within hours. */
  private static void migration(Episode e) {
    SplitRandom r = e.random();
    int a = e.asset();
    long w = e.fresh(0, false);
    double amount = Math.round(r.lognormal(StrictMath.log(30_000), 1.0) * 100) / 100.0;
    long t = e.at(0);
    e.tx(e.exchange(), w, t, amount, a);
    int k = r.between(2, 4);
    for (int j = 0; j < k; j++) {
      e.tx(w, e.exchange(), e.after(t, 0.5, 12), amount * r.uniform(0.15, 0.5), a);
    }
  }
}
