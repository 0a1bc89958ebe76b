package io.alertscoring.core.features;

import io.alertscoring.schemas.input.AlertCluster;
import java.util.List;

/**
 * The alert's cluster context. An alert can sit in several clusters; the columns describe the
 * largest one (ties: smallest cluster id), plus how many clusters it is in. Member aggregates look
 * at the member alerts present in the batch. Columns are NaN for an alert in no cluster.
 */
public final class ClusterFamily implements FeatureFamily {
  private static final List<String> NAMES =
      List.of(
          "cluster_count",
          "cluster_size",
          "cluster_log_total_volume_usd",
          "cluster_log_mean_volume_usd",
          "cluster_severity_max",
          "cluster_confidence_avg",
          "cluster_time_span_hours",
          "cluster_address_count",
          "cluster_member_mean_confidence",
          "cluster_member_max_severity",
          "cluster_member_mean_log_volume_usd",
          "cluster_member_feature_coverage",
          "cluster_is_primary_alert");

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public void fill(BatchContext context, double[][] rows, int offset) {
    for (int i = 0; i < context.size(); i++) {
      double[] row = rows[i];
      List<AlertCluster> clusters = context.clusters(i);
      row[offset] = clusters.size();
      if (clusters.isEmpty()) {
        java.util.Arrays.fill(row, offset + 1, offset + NAMES.size(), Double.NaN);
        continue;
      }
      AlertCluster largest = clusters.get(0);
      for (AlertCluster cluster : clusters) {
        if (cluster.totalAlerts() > largest.totalAlerts()) {
          largest = cluster;
        }
      }
      double total = largest.totalVolumeUsd().doubleValue();
      double span = largest.latestAlertTimestamp() - largest.earliestAlertTimestamp();
      MemberStats members = MemberStats.of(context, largest);
      int c = offset + 1;
      row[c++] = largest.totalAlerts();
      row[c++] = Math.log1p(total);
      row[c++] = largest.totalAlerts() > 0 ? Math.log1p(total / largest.totalAlerts()) : Double.NaN;
      row[c++] = largest.severityMax().ordinal();
      row[c++] = largest.confidenceAvg();
      row[c++] = span < 0 ? Double.NaN : span / 3_600_000.0;
      row[c++] = largest.addressesInvolved().size();
      row[c++] = members.meanConfidence;
      row[c++] = members.maxSeverity;
      row[c++] = members.meanLogVolume;
      row[c++] = members.featureCoverage;
      row[c++] = context.alerts().get(i).alertId().equals(largest.primaryAlertId()) ? 1.0 : 0.0;
    }
  }

  /** Aggregates over a cluster's member alerts that are present in the batch. */
  record MemberStats(
      int present,
      double meanConfidence,
      double maxSeverity,
      double meanLogVolume,
      double featureCoverage) {

    static MemberStats of(BatchContext context, AlertCluster cluster) {
      int present = 0;
      int withFeatures = 0;
      double confidence = 0;
      double logVolume = 0;
      double severity = Double.NaN;
      for (String alertId : cluster.relatedAlertIds()) {
        int index = context.indexOf(alertId);
        if (index < 0) {
          continue;
        }
        AlertFacts member = context.alerts().get(index);
        present++;
        confidence += member.confidence();
        logVolume += Math.log1p(member.volumeUsd());
        severity =
            Double.isNaN(severity) ? member.severity() : Math.max(severity, member.severity());
        if (context.hasFeatures(index)) {
          withFeatures++;
        }
      }
      if (present == 0) {
        return new MemberStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      return new MemberStats(
          present,
          confidence / present,
          severity,
          logVolume / present,
          (double) withFeatures / present);
    }
  }
}
