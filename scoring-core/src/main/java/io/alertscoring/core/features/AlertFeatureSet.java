package io.alertscoring.core.features;

import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import java.util.ArrayList;
import java.util.List;

/**
 * The full alert feature vector, defined once: the families in order and their column names. Model
 * manifests carry {@link #NAMES}; loading refuses a model whose list differs. Every value is
 * computed from the batch in canonical order, so the vectors do not depend on arrival order.
 *
 * <p>The vector has two parts. The first {@link #ALERT_COLUMNS} columns (alert-level and SOT
 * families) depend on the alert and its address's features record only; the remaining {@link
 * #BATCH_COLUMNS} (batch-relative, cluster, money-flow graph) depend on the whole batch through a
 * {@link BatchContext}. The streaming job computes the two parts in different operators and joins
 * them; {@link #vectors(AssembledBatch)} computes both in one place. Both use the methods below, so
 * they agree bit for bit.
 */
public final class AlertFeatureSet {
  private AlertFeatureSet() {}

  public static final List<AlertFamily> ALERT_FAMILIES =
      List.of(new AlertLevelFamily(), new SotFamily());

  public static final List<FeatureFamily> BATCH_FAMILIES =
      List.of(new BatchRelativeFamily(), new ClusterFamily(), new FlowGraphFamily());

  public static final List<String> NAMES;
  public static final int ALERT_COLUMNS;
  public static final int BATCH_COLUMNS;

  static {
    List<String> names = new ArrayList<>();
    for (AlertFamily family : ALERT_FAMILIES) {
      names.addAll(family.names());
    }
    ALERT_COLUMNS = names.size();
    for (FeatureFamily family : BATCH_FAMILIES) {
      names.addAll(family.names());
    }
    BATCH_COLUMNS = names.size() - ALERT_COLUMNS;
    if (names.size() != names.stream().distinct().count()) {
      throw new IllegalStateException("duplicate feature names in " + names);
    }
    NAMES = List.copyOf(names);
  }

  /**
   * The live scorer's columns: the first {@link #ALERT_COLUMNS} of {@link #NAMES}, in order. A live
   * vector is exactly {@link #alertColumns(AlertFacts, double[], long)}.
   */
  public static final List<String> LIVE_NAMES = List.copyOf(NAMES.subList(0, ALERT_COLUMNS));

  /**
   * The alert's own columns.
   *
   * @param featureValues the address's numeric SOT values, or {@code null} without a features
   *     record
   * @param endOfDateMs {@link SotFamily#endOfDateMs} of the batch's processing date
   */
  public static double[] alertColumns(AlertFacts alert, double[] featureValues, long endOfDateMs) {
    double[] row = new double[ALERT_COLUMNS];
    int offset = 0;
    for (AlertFamily family : ALERT_FAMILIES) {
      family.fill(alert, featureValues, endOfDateMs, row, offset);
      offset += family.names().size();
    }
    return row;
  }

  /** The batch-wide columns of every alert of the context, in its canonical alert order. */
  public static double[][] batchColumns(BatchContext context) {
    double[][] rows = new double[context.size()][BATCH_COLUMNS];
    int offset = 0;
    for (FeatureFamily family : BATCH_FAMILIES) {
      family.fill(context, rows, offset);
      offset += family.names().size();
    }
    return rows;
  }

  /** The full vector: the alert's own columns followed by its batch-wide columns. */
  public static double[] vector(double[] alertColumns, double[] batchColumns) {
    if (alertColumns.length != ALERT_COLUMNS || batchColumns.length != BATCH_COLUMNS) {
      throw new IllegalArgumentException(
          "expected "
              + ALERT_COLUMNS
              + " + "
              + BATCH_COLUMNS
              + " columns, got "
              + alertColumns.length
              + " + "
              + batchColumns.length);
    }
    double[] row = new double[ALERT_COLUMNS + BATCH_COLUMNS];
    System.arraycopy(alertColumns, 0, row, 0, ALERT_COLUMNS);
    System.arraycopy(batchColumns, 0, row, ALERT_COLUMNS, BATCH_COLUMNS);
    return row;
  }

  /** One row per alert of the batch, in the batch's canonical alert order. */
  public static double[][] vectors(AssembledBatch batch) {
    return vectors(batch, new BatchContext(batch));
  }

  /** As {@link #vectors(AssembledBatch)}, with the batch's context already built. */
  public static double[][] vectors(AssembledBatch batch, BatchContext context) {
    long endOfDate = SotFamily.endOfDateMs(batch.key().processingDate());
    double[][] batchColumns = batchColumns(context);
    double[][] rows = new double[context.size()][];
    for (int i = 0; i < rows.length; i++) {
      Alert alert = batch.alerts().get(i);
      AddressFeatures features = batch.featuresOf(alert.address());
      rows[i] =
          vector(
              alertColumns(
                  context.alerts().get(i), features == null ? null : features.values(), endOfDate),
              batchColumns[i]);
    }
    return rows;
  }
}
