package io.alertscoring.generator.rng;

/**
 * A small, splittable, seeded pseudo-random generator (SplitMix64) with the distributions the
 * generator needs. Every stream is derived from the run seed and a path of keys ({@link #of}), so
 * any part of the economy (one shard on one day, one laundering instance) can be regenerated on its
 * own, in any order and on any thread, with the same result.
 *
 * <p>Determinism across machines: only integer arithmetic, IEEE +,-,*,/ and sqrt (exactly rounded
 * by the JLS) and {@link StrictMath} for log/exp/pow/cos, whose results are specified bit for bit.
 * {@link Math} versions may use platform intrinsics and differ in the last bit, so they are never
 * used for values that reach the output. SplitMix64 is not cryptographic and its period (2^64) is
 * far beyond what one stream draws; the trade-off is speed and a trivially portable definition.
 */
public final class SplitRandom {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private static final double TWO_PI = 6.283185307179586;

  private long state;
  private double spareGaussian;
  private boolean hasSpare;

  public SplitRandom(long seed) {
    this.state = Hashing.mix(seed);
  }

  /** The stream at {@code path} below {@code seed}. */
  public static SplitRandom of(long seed, long... path) {
    long h = Hashing.mix(seed ^ 0x5DEECE66DL);
    for (long key : path) {
      h = Hashing.combine(h, key);
    }
    return new SplitRandom(h);
  }

  /** An independent child stream; advances this stream by one draw. */
  public SplitRandom split(long key) {
    return new SplitRandom(Hashing.combine(nextLong(), key));
  }

  public long nextLong() {
    state += GAMMA;
    return Hashing.mix(state);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** Uniform integer in [0, bound); bound must be positive. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    // multiply-shift on 31 random bits: bias < 2^-31 * bound, irrelevant here and portable
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  public int between(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  public boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Standard normal by Box-Muller with StrictMath. */
  public double gaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u1 = 1.0 - nextDouble(); // (0, 1]
    double u2 = nextDouble();
    double r = Math.sqrt(-2.0 * StrictMath.log(u1)); // sqrt is exactly rounded everywhere
    double theta = TWO_PI * u2;
    spareGaussian = r * StrictMath.sin(theta);
    hasSpare = true;
    return r * StrictMath.cos(theta);
  }

  public double lognormal(double mu, double sigma) {
    return StrictMath.exp(mu + sigma * gaussian());
  }

  /** Exponential with the given mean. */
  public double exponential(double mean) {
    return -mean * StrictMath.log(1.0 - nextDouble());
  }

  /** Pareto with scale 1 and shape {@code alpha}: heavy tail, values >= 1. */
  public double pareto(double alpha) {
    return StrictMath.pow(1.0 - nextDouble(), -1.0 / alpha);
  }

  /** Poisson; Knuth's product method below 30, a rounded normal approximation above. */
  public int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda < 30) {
      double limit = StrictMath.exp(-lambda);
      double product = nextDouble();
      int n = 0;
      while (product > limit) {
        product *= nextDouble();
        n++;
      }
      return n;
    }
    long n = StrictMath.round(lambda + Math.sqrt(lambda) * gaussian());
    return (int) Math.max(0, n);
  }

  /** Index drawn with probability proportional to {@code cumulative[i] - cumulative[i-1]}. */
  public int weighted(double[] cumulative) {
    double x = nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Running sums of {@code weights}, for {@link #weighted}. */
  public static double[] cumulative(double... weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      c[i] = sum;
    }
    return c;
  }
}
