package io.alertscoring.core.features;

import java.util.List;

/**
 * A family of alert features that reads only the alert itself and its address's features record
 * (alert-level, SOT). Such columns can be computed wherever the alert and its address meet, without
 * the rest of the batch: in the streaming job, on the address's own key.
 */
public interface AlertFamily {

  /** Column names, in the order {@link #fill} writes them. */
  List<String> names();

  /**
   * Writes this family's columns into {@code row[offset .. offset + names().size())}.
   *
   * @param featureValues the address's numeric SOT values ({@code FeatureColumns.NUMERIC} order),
   *     or {@code null} when the address has no features record
   * @param endOfDateMs the end of the processing date (UTC), epoch milliseconds
   */
  void fill(AlertFacts alert, double[] featureValues, long endOfDateMs, double[] row, int offset);
}
