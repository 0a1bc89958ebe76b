package io.alertscoring.training;

import java.util.List;

/**
 * Examples in row-major order with their targets.
 *
 * @param values rows x columns, row-major, NaN = missing
 * @param labels binary target (or graded relevance for the ranker)
 * @param groups sizes of consecutive query groups (one per batch), for the ranker
 * @param typologies the alert typology of each row ("" for clusters), for per-typology metrics
 * @param ids identity of each row (alert or cluster id), for reports
 */
public record FeatureMatrix(
    double[] values,
    int rows,
    int columns,
    double[] labels,
    int[] groups,
    List<String> typologies,
    List<String> ids) {

  public double[] row(int i) {
    double[] row = new double[columns];
    System.arraycopy(values, i * columns, row, 0, columns);
    return row;
  }

  /** The same examples restricted to their first {@code n} columns (targets and groups kept). */
  public FeatureMatrix firstColumns(int n) {
    if (n < 0 || n > columns) {
      throw new IllegalArgumentException("cannot keep " + n + " of " + columns + " columns");
    }
    double[] kept = new double[rows * n];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(values, i * columns, kept, i * n, n);
    }
    return new FeatureMatrix(kept, rows, n, labels, groups, typologies, ids);
  }

  public long positives() {
    long n = 0;
    for (double label : labels) {
      n += label > 0 ? 1 : 0;
    }
    return n;
  }
}
