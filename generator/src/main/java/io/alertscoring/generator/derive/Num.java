package io.alertscoring.generator.derive;

import java.math.BigDecimal;

/** Rounding and small numeric helpers with platform-independent results. */
final class Num {
  private Num() {}

  static final long DAY_MS = 86_400_000L;
  static final long HOUR_MS = 3_600_000L;

  /** USD to cents (JSON stays short; the value is exact in the decimal columns). */
  static double cents(double v) {
    return Math.round(v * 100.0) / 100.0;
  }

  static double round6(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 1e6) / 1e6;
  }

  static double round12(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 1e12) / 1e12;
  }

  static BigDecimal usd(double v) {
    return BigDecimal.valueOf(Math.round(v * 100.0), 2);
  }

  static BigDecimal native8(double v) {
    return BigDecimal.valueOf(Math.round(v * 1e8), 8);
  }

  static double logistic(double z) {
    return 1.0 / (1.0 + StrictMath.exp(-z));
  }

  static double ln(double x) {
    return StrictMath.log(x);
  }

  /** Shannon entropy of counts normalised by ln(k); 0 for fewer than two categories. */
  static double normalizedEntropy(double[] counts, int k) {
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    if (total <= 0 || k < 2) {
      return 0;
    }
    double h = 0;
    for (double c : counts) {
      if (c > 0) {
        double p = c / total;
        h -= p * StrictMath.log(p);
      }
    }
    return h / StrictMath.log(k);
  }

  /** Median of the first n values (sorted in place). */
  static double median(double[] values, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    java.util.Arrays.sort(values, 0, n);
    return (n & 1) == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  }

  /** ISO day of week, Monday = 0, of an epoch day (1970-01-01 was a Thursday). */
  static int dayOfWeek(long epochDay) {
    return (int) Math.floorMod(epochDay + 3, 7L);
  }
}
