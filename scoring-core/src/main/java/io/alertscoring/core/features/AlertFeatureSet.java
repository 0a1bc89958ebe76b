package io.alertscoring.core.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The full alert feature vector, defined once: the families in order and their column names. Model
 * manifests carry {@link #NAMES}; loading refuses a model whose list differs. Every value is
 * computed from the batch in canonical order, so the vectors do not depend on arrival order.
 */
public final class AlertFeatureSet {
  private AlertFeatureSet() {}

  public static final List<FeatureFamily> FAMILIES =
      List.of(
          new AlertLevelFamily(),
          new SotFamily(),
          new BatchRelativeFamily(),
          new ClusterFamily(),
          new FlowGraphFamily());

  public static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>();
    for (FeatureFamily family : FAMILIES) {
      names.addAll(family.names());
    }
    if (names.size() != names.stream().distinct().count()) {
      throw new IllegalStateException("duplicate feature names in " + names);
    }
    NAMES = List.copyOf(names);
  }

  /** One row per alert of the batch, in the batch's canonical alert order. */
  public static double[][] vectors(AssembledBatch batch) {
    return vectors(new BatchContext(batch));
  }

  public static double[][] vectors(BatchContext context) {
    double[][] rows = new double[context.size()][NAMES.size()];
    int offset = 0;
    for (FeatureFamily family : FAMILIES) {
      family.fill(context, rows, offset);
      offset += family.names().size();
    }
    return rows;
  }
}
