package io.alertscoring.core.features;

import java.util.List;

/**
 * One family of alert features (alert-level, SOT, batch-relative, cluster, money-flow graph). A
 * family fills its own columns of every alert's row; families never read each other's columns, so
 * each is tested on its own.
 */
public interface FeatureFamily {

  /** Column names, in the order {@link #fill} writes them. */
  List<String> names();

  /**
   * Writes this family's columns for every alert of the batch (in the batch's canonical order) into
   * {@code rows[i][offset .. offset + names().size())}.
   */
  void fill(BatchContext context, double[][] rows, int offset);
}
