package io.alertscoring.core.features;

import io.alertscoring.schemas.input.AlertCluster;
import java.util.List;
import java.util.Map;

/** The first cluster feature vector: the cluster's own fields and its members' alert scores. */
public final class ClusterFeatures {
  private ClusterFeatures() {}

  public static final List<String> NAMES =
      List.of(
          "cluster_log_total_volume_usd",
          "cluster_total_alerts",
          "cluster_severity_max",
          "cluster_confidence_avg",
          "cluster_member_mean_score",
          "cluster_member_max_score",
          "cluster_time_span_hours");

  /**
   * @param alertScores the probability of every alert of the batch, by alert id; members absent
   *     from the batch are ignored
   */
  public static double[] vector(AlertCluster cluster, Map<String, Double> alertScores) {
    double sum = 0;
    double max = Double.NaN;
    int n = 0;
    for (String alertId : cluster.relatedAlertIds()) {
      Double score = alertScores.get(alertId);
      if (score != null) {
        sum += score;
        max = Double.isNaN(max) ? score : Math.max(max, score);
        n++;
      }
    }
    double spanMs = cluster.latestAlertTimestamp() - cluster.earliestAlertTimestamp();
    return new double[] {
      Math.log1p(cluster.totalVolumeUsd().doubleValue()),
      cluster.totalAlerts(),
      cluster.severityMax().ordinal(),
      cluster.confidenceAvg(),
      n == 0 ? Double.NaN : sum / n,
      max,
      spanMs < 0 ? Double.NaN : spanMs / 3_600_000.0
    };
  }
}
