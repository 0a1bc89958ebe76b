package io.alertscoring.training;

import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.BatchContext;
import io.alertscoring.core.features.ClusterFeatureSet;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds training matrices from labelled batches with the job's own feature code. Alerts whose
 * address has no label known by {@code asOf} are left out: unknown is not negative.
 */
public final class DatasetBuilder {
  private DatasetBuilder() {}

  /** Binary target: the address is labelled high or critical risk. */
  public static double binaryTarget(AddressLabel label) {
    return label.isPositive() ? 1.0 : 0.0;
  }

  /**
   * Relevance for the ranker: 1 for a positive (high or critical) label, else 0. Grading critical
   * above high was tried and dropped: in the generated data the two levels carry no separable
   * signal, so a graded NDCG measured label noise rather than ranking quality.
   */
  public static double relevance(AddressLabel label) {
    return label.isPositive() ? 1.0 : 0.0;
  }

  /**
   * Alert examples, one query group per batch (batches in the given order).
   *
   * @param target binary target or graded relevance
   */
  public static FeatureMatrix alerts(
      List<LabelledBatch> batches, LocalDate asOf, Function<AddressLabel, Double> target) {
    int columns = AlertFeatureSet.NAMES.size();
    List<double[]> rows = new ArrayList<>();
    List<Double> labels = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    List<String> typologies = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (LabelledBatch batch : batches) {
      double[][] vectors = AlertFeatureSet.vectors(batch.batch());
      List<Alert> alerts = batch.batch().alerts();
      int inGroup = 0;
      for (int i = 0; i < alerts.size(); i++) {
        AddressLabel label = batch.labelKnownBy(alerts.get(i).address(), asOf);
        if (label == null) {
          continue;
        }
        rows.add(vectors[i]);
        labels.add(target.apply(label));
        typologies.add(alerts.get(i).typologyType());
        ids.add(alerts.get(i).alertId());
        inGroup++;
      }
      if (inGroup > 0) {
        groups.add(inGroup);
      }
    }
    return matrix(rows, columns, labels, groups, typologies, ids);
  }

  /**
   * Cluster examples. A cluster is positive when at least half of its labelled member addresses are
   * positive; a cluster without any labelled member is left out.
   *
   * @param alertScores member alert probabilities per batch (alert id to score), as the job
   *     computes them before scoring clusters
   */
  public static FeatureMatrix clusters(
      List<LabelledBatch> batches, LocalDate asOf, List<Map<String, Double>> alertScores) {
    int columns = ClusterFeatureSet.NAMES.size();
    List<double[]> rows = new ArrayList<>();
    List<Double> labels = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> typologies = new ArrayList<>();
    for (int b = 0; b < batches.size(); b++) {
      LabelledBatch batch = batches.get(b);
      BatchContext context = new BatchContext(batch.batch());
      for (AlertCluster cluster : batch.batch().clusters()) {
        int labelled = 0;
        int positive = 0;
        for (String address : cluster.addressesInvolved()) {
          AddressLabel label = batch.labelKnownBy(address, asOf);
          if (label != null) {
            labelled++;
            positive += label.isPositive() ? 1 : 0;
          }
        }
        if (labelled == 0) {
          continue;
        }
        rows.add(ClusterFeatureSet.vector(cluster, context, alertScores.get(b)));
        labels.add(2 * positive >= labelled ? 1.0 : 0.0);
        ids.add(cluster.clusterId());
        typologies.add(cluster.clusterType());
      }
    }
    return matrix(rows, columns, labels, List.of(rows.size()), typologies, ids);
  }

  private static FeatureMatrix matrix(
      List<double[]> rows,
      int columns,
      List<Double> labels,
      List<Integer> groups,
      List<String> typologies,
      List<String> ids) {
    double[] values = new double[rows.size() * columns];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, values, i * columns, columns);
    }
    double[] y = new double[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return new FeatureMatrix(
        values,
        rows.size(),
        columns,
        y,
        groups.stream().mapToInt(Integer::intValue).toArray(),
        List.copyOf(typologies),
        List.copyOf(ids));
  }
}
