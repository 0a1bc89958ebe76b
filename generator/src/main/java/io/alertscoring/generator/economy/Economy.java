package io.alertscoring.generator.economy;

import io.alertscoring.generator.rng.Hashing;
import io.alertscoring.generator.rng.SplitRandom;

/**
 * The synthetic economy of one network: global hubs (exchanges, mixers, DeFi contracts) and a
 * number of shards, each a community of ordinary accounts that trade among themselves and with the
 * hubs. The shard count grows with the wanted alerts per day so that every shard has the same
 * statistics whatever the scale; shards only meet through hubs, which is what makes generation
 * streamable (one shard at a time, any day on its own).
 *
 * <p>Account keys: hubs are {@code [0, HUBS)}; ordinary account {@code i} of shard {@code s} is
 * {@code SHARD_BASE | s << 20 | i}; wallets created by an episode (laundering instance or benign
 * look-alike) carry the shard, start day, instance and role in {@code EPISODE_FLAG | ...}. Keys are
 * turned into addresses by {@link NetworkProfile#address}.
 */
public final class Economy {
  public static final int EXCHANGES = 16;
  public static final int MIXERS = 4;
  public static final int DEFIS = 24;
  public static final int HUBS = EXCHANGES + MIXERS + DEFIS;

  /** Alerts one shard raises per day at full size; shards shrink below this. */
  public static final int ALERTS_PER_SHARD = 250;

  /** Ordinary accounts per alert of a shard's budget. */
  public static final int ACCOUNTS_PER_ALERT = 20;

  static final long SHARD_BASE = 1L << 40;
  static final long EPISODE_FLAG = 1L << 62;

  private final NetworkProfile network;
  private final long seed;
  private final long startDay;
  private final int days;
  private final int shards;
  private final long alertsPerDay;
  private final double[] exchangeCumulative;
  private final double[] defiCumulative;
  private final double[] mixerCumulative;

  public Economy(NetworkProfile network, long seed, long startDay, int days, long alertsPerDay) {
    this.network = network;
    this.seed = Hashing.combine(seed, network.salt());
    this.startDay = startDay;
    this.days = days;
    this.alertsPerDay = alertsPerDay;
    this.shards = (int) Math.max(1, (alertsPerDay + ALERTS_PER_SHARD - 1) / ALERTS_PER_SHARD);
    this.exchangeCumulative = zipf(EXCHANGES, 0.9);
    this.defiCumulative = zipf(DEFIS, 0.8);
    this.mixerCumulative = zipf(MIXERS, 0.7);
  }

  private static double[] zipf(int n, double exponent) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1 / StrictMath.pow(i + 1, exponent);
    }
    return SplitRandom.cumulative(w);
  }

  public NetworkProfile network() {
    return network;
  }

  /** The run seed mixed with the network: every stream of this economy starts here. */
  public long seed() {
    return seed;
  }

  public long startDay() {
    return startDay;
  }

  public int days() {
    return days;
  }

  public int shards() {
    return shards;
  }

  /** Alerts shard {@code s} may raise per day: the daily total spread evenly over the shards. */
  public int budget(int shard) {
    long base = alertsPerDay / shards;
    return (int) (base + (shard < alertsPerDay % shards ? 1 : 0));
  }

  /** Ordinary accounts in shard {@code s}. */
  public int shardSize(int shard) {
    return Math.max(400, ACCOUNTS_PER_ALERT * budget(shard));
  }

  public static long shardKey(int shard, int index) {
    return SHARD_BASE | ((long) shard << 20) | index;
  }

  public static long episodeKey(int shard, long startDay, int instance, int role) {
    if (instance >= 4096 || role >= 256 || startDay < 0 || startDay >= 65536) {
      throw new IllegalArgumentException("episode key out of range");
    }
    return EPISODE_FLAG | ((long) shard << 36) | (startDay << 20) | ((long) instance << 8) | role;
  }

  public static boolean isEpisodeKey(long key) {
    return (key & EPISODE_FLAG) != 0;
  }

  /** Start day encoded in an episode key. */
  public static long episodeStartDay(long key) {
    return (key >>> 20) & 0xFFFF;
  }

  public static boolean isShardKey(long key) {
    return !isEpisodeKey(key) && (key & SHARD_BASE) != 0;
  }

  public static int shardIndex(long key) {
    return (int) (key & 0xFFFFF);
  }

  public static AccountKind hubKind(long key) {
    if (key < EXCHANGES) {
      return AccountKind.EXCHANGE;
    }
    if (key < EXCHANGES + MIXERS) {
      return AccountKind.MIXER;
    }
    return AccountKind.DEFI;
  }

  public static boolean isHub(long key) {
    return key >= 0 && key < HUBS;
  }

  public static boolean isMixer(long key) {
    return key >= EXCHANGES && key < EXCHANGES + MIXERS;
  }

  long exchange(SplitRandom r) {
    return r.weighted(exchangeCumulative);
  }

  long defi(SplitRandom r) {
    return EXCHANGES + MIXERS + r.weighted(defiCumulative);
  }

  long mixer(SplitRandom r) {
    return EXCHANGES + r.weighted(mixerCumulative);
  }

  /** Builds shard {@code s}'s population (deterministic; cheap enough to rebuild per date). */
  public ShardPopulation population(int shard) {
    return new ShardPopulation(this, shard);
  }
}
