package io.alertscoring.core.anomaly;

import java.util.Arrays;

/**
 * Batch-relative robust z-scores: per column, {@code (x - median) / (1.4826 MAD)} over the rows of
 * one batch (the 1.4826 makes the MAD a standard deviation for normal data), summarised per row as
 * the largest and the mean absolute z over its present columns. Columns with zero MAD or fewer than
 * 3 present values are skipped; |z| is capped at 50 so one extreme column does not dominate.
 */
public final class RobustZ {
  static final double CAP = 50;

  private RobustZ() {}

  /** {maxAbsZ, meanAbsZ} per row; NaN for a row with no usable column. */
  public static double[][] summaries(double[][] rows) {
    int n = rows.length;
    double[][] out = new double[n][2];
    if (n == 0) {
      return out;
    }
    int columns = rows[0].length;
    double[] max = new double[n];
    double[] sum = new double[n];
    int[] count = new int[n];
    for (int c = 0; c < columns; c++) {
      final int col = c;
      double[] present =
          Arrays.stream(rows)
              .mapToDouble(r -> r[col])
              .filter(v -> !Double.isNaN(v))
              .sorted()
              .toArray();
      if (present.length < 3) {
        continue;
      }
      double median = median(present);
      double[] deviations = new double[present.length];
      for (int i = 0; i < present.length; i++) {
        deviations[i] = Math.abs(present[i] - median);
      }
      Arrays.sort(deviations);
      double scale = 1.4826 * median(deviations);
      if (!(scale > 0)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        double v = rows[i][c];
        if (!Double.isNaN(v)) {
          double z = Math.min(CAP, Math.abs(v - median) / scale);
          max[i] = Math.max(max[i], z);
          sum[i] += z;
          count[i]++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      out[i][0] = count[i] == 0 ? Double.NaN : max[i];
      out[i][1] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
    }
    return out;
  }

  private static double median(double[] sorted) {
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }
}
