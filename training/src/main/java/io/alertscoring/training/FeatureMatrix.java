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

  public long positives() {
    long n = 0;
    for (double label : labels) {
      n += label > 0 ? 1 : 0;
    }
    return n;
  }
}
