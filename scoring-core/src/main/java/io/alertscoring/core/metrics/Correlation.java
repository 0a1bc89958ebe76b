package io.alertscoring.core.metrics;

/** Correlation between two paired samples. */
public final class Correlation {
  private Correlation() {}

  /**
   * Pearson's product-moment correlation, computed around the means (two passes) so large offsets
   * do not cancel catastrophically. NaN when it is undefined: fewer than two pairs, or a constant
   * sample (zero variance); callers must treat NaN as "no evidence", not as 0.
   *
   * @throws IllegalArgumentException if the lengths differ or a value is not finite
   */
  public static double pearson(double[] x, double[] y) {
    if (x == null || y == null || x.length != y.length) {
      throw new IllegalArgumentException("x and y must be non-null and of the same length");
    }
    Inputs.finite(x, "x");
    Inputs.finite(y, "y");
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double meanX = 0.0;
    double meanY = 0.0;
    for (int i = 0; i < n; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= n;
    meanY /= n;
    double sxy = 0.0;
    double sxx = 0.0;
    double syy = 0.0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0.0 || syy == 0.0) {
      return Double.NaN;
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return Math.max(-1.0, Math.min(1.0, r));
  }
}
