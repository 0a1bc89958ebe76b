package io.alertscoring.generator.economy;

import io.alertscoring.generator.rng.SplitRandom;

/**
 * The ordinary accounts of one shard and their static profiles, in primitive arrays: kind, activity
 * rate (heavy-tailed), amount scale, time zone, birth day, reactivation day of dormant accounts,
 * friends (mostly nearby indices, so communities form), preferred exchange, DeFi contract and
 * asset. Kinds occupy fixed index ranges (the index carries no meaning beyond that; addresses are
 * hashed).
 */
public final class ShardPopulation {
  static final int FRIENDS = 6;

  final Economy economy;
  final int shard;
  final int size;
  final AccountKind[] kind;
  final float[] rate;
  final float[] mu;
  final float[] sigma;
  final byte[] tz;
  final int[] birth;
  final int[] reactivation;
  final int[] friends;
  final byte[] friendCount;
  final long[] exchange;
  final long[] defi;
  final byte[] asset;
  final byte[] payday;
  final int[] merchants;
  final double[] merchantCumulative;
  final int[] retail;

  ShardPopulation(Economy economy, int shard) {
    this.economy = economy;
    this.shard = shard;
    this.size = economy.shardSize(shard);
    NetworkProfile net = economy.network();
    SplitRandom r = SplitRandom.of(economy.seed(), 0x504F50L, shard);
    kind = new AccountKind[size];
    int[] counts = {
      share(0.015),
      share(0.05),
      share(0.008),
      share(0.006),
      3 * Math.max(1, share(0.0015)),
      share(0.015),
      share(0.005)
    };
    AccountKind[] kinds = {
      AccountKind.WHALE,
      AccountKind.DORMANT,
      AccountKind.MERCHANT,
      AccountKind.DISTRIBUTOR,
      AccountKind.BOT,
      AccountKind.PRIVACY,
      AccountKind.TRADER
    };
    int pos = 0;
    for (int k = 0; k < kinds.length; k++) {
      for (int j = 0; j < counts[k] && pos < size; j++) {
        kind[pos++] = kinds[k];
      }
    }
    int retailStart = pos;
    while (pos < size) {
      kind[pos++] = AccountKind.RETAIL;
    }
    retail = new int[size - retailStart];
    for (int i = retailStart; i < size; i++) {
      retail[i - retailStart] = i;
    }

    rate = new float[size];
    mu = new float[size];
    sigma = new float[size];
    tz = new byte[size];
    birth = new int[size];
    reactivation = new int[size];
    friends = new int[size * FRIENDS];
    friendCount = new byte[size];
    exchange = new long[size];
    defi = new long[size];
    asset = new byte[size];
    payday = new byte[size];
    int[] zones = {-8, -6, -5, -3, 0, 0, 1, 1, 2, 3, 5, 7, 8, 9};
    long start = economy.startDay();
    int merchantCount = 0;
    for (int i = 0; i < size; i++) {
      AccountKind k = kind[i];
      switch (k) {
        case WHALE ->
            set(i, r.lognormal(StrictMath.log(0.15), 0.5), r.gaussian() * 0.7 + 11.5, 0.6);
        case DORMANT -> set(i, 0.08, r.gaussian() * 1.0 + 9.0, 0.7);
        case MERCHANT -> set(i, 0, 0, 0);
        case DISTRIBUTOR -> set(i, 0, r.gaussian() * 0.3 + 7.2, 0.08);
        case BOT -> set(i, r.lognormal(StrictMath.log(25), 0.4), r.gaussian() * 0.8 + 7.3, 0.35);
        case PRIVACY ->
            set(i, r.lognormal(StrictMath.log(0.3), 0.7), r.gaussian() * 1.0 + 6.3, 1.0);
        case TRADER -> set(i, r.lognormal(StrictMath.log(2.0), 0.4), r.gaussian() * 0.3 + 9.0, 0.4);
        default ->
            set(
                i,
                Math.min(8, r.lognormal(StrictMath.log(0.25), 0.9)),
                r.gaussian() * 1.0 + 4.6,
                r.uniform(0.6, 1.3));
      }
      if (k == AccountKind.MERCHANT) {
        merchantCount++;
      }
      tz[i] = (byte) zones[r.nextInt(zones.length)];
      if (k == AccountKind.RETAIL && r.chance(0.15)) {
        birth[i] = (int) (start + r.between(-90, economy.days() + 10)); // joins around the run
      } else if (k == AccountKind.DORMANT) {
        birth[i] = (int) (start - r.between(800, 3000));
        reactivation[i] = (int) (start + r.between(-20, economy.days() + 20));
      } else {
        birth[i] = (int) (start - r.between(60, 2000));
      }
      int nf = k == AccountKind.MERCHANT || k == AccountKind.BOT ? 0 : r.between(2, FRIENDS);
      friendCount[i] = (byte) nf;
      for (int f = 0; f < nf; f++) {
        int j = r.chance(0.7) ? Math.floorMod(i + r.between(-150, 150), size) : r.nextInt(size);
        friends[i * FRIENDS + f] = j == i ? (i + 1) % size : j;
      }
      exchange[i] = economy.exchange(r);
      defi[i] = economy.defi(r);
      asset[i] =
          (byte) (k == AccountKind.WHALE || k == AccountKind.PRIVACY ? 0 : net.randomAsset(r));
      payday[i] = (byte) r.nextInt(7);
    }
    merchants = new int[merchantCount];
    double[] weights = new double[merchantCount];
    for (int i = 0, m = 0; i < size; i++) {
      if (kind[i] == AccountKind.MERCHANT) {
        weights[m] = 1 / StrictMath.pow(m + 1, 0.7);
        merchants[m++] = i;
      }
    }
    merchantCumulative = merchantCount > 0 ? SplitRandom.cumulative(weights) : null;
  }

  private int share(double fraction) {
    return (int) Math.round(size * fraction);
  }

  private void set(int i, double rate, double mu, double sigma) {
    this.rate[i] = (float) rate;
    this.mu[i] = (float) mu;
    this.sigma[i] = (float) sigma;
  }

  public int size() {
    return size;
  }

  public AccountKind kind(int i) {
    return kind[i];
  }

  long key(int i) {
    return Economy.shardKey(shard, i);
  }

  int friend(int i, SplitRandom r) {
    int n = friendCount[i];
    return n == 0 ? r.nextInt(size) : friends[i * FRIENDS + r.nextInt(n)];
  }

  /** A merchant index by popularity, or -1 when the shard has none. */
  int merchant(SplitRandom r) {
    return merchants.length == 0 ? -1 : merchants[r.weighted(merchantCumulative)];
  }

  /** A random ordinary retail account (victims, mules, donors). */
  int randomRetail(SplitRandom r) {
    return retail[r.nextInt(retail.length)];
  }

  boolean activeOn(int i, long day) {
    if (day < birth[i]) {
      return false;
    }
    return kind[i] != AccountKind.DORMANT || day >= reactivation[i];
  }

  long birthMs(int i) {
    return birth[i] * 86_400_000L;
  }
}
