package io.alertscoring.core.features;

import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first, deliberately small alert feature vector: alert-level fields, a handful of the
 * address's SOT features, batch-relative volume, cluster membership and in-batch money flow. The
 * full feature set replaces it in a later iteration; the names below are what model manifests cite.
 */
public final class AlertFeatures {
  private AlertFeatures() {}

  public static final List<String> NAMES =
      List.of(
          "severity_ordinal",
          "alert_confidence_score",
          "log_volume_usd",
          "risk_indicator_count",
          "suspected_mixer",
          "suspected_exchange",
          "addr_log_total_volume_usd",
          "addr_degree_total",
          "addr_pagerank",
          "addr_structuring_score",
          "addr_is_mixer_like",
          "addr_behavioral_anomaly_score",
          "batch_volume_zscore",
          "cluster_membership_count",
          "flow_log_in_usd",
          "flow_log_out_usd");

  /**
   * Computes the vectors of every alert of the batch, in the batch's canonical alert order.
   * Batch-relative statistics are computed over that same order, so results do not depend on
   * arrival order.
   */
  public static double[][] vectors(AssembledBatch batch) {
    List<Alert> alerts = batch.alerts();
    double[] logVolumes = new double[alerts.size()];
    for (int i = 0; i < alerts.size(); i++) {
      logVolumes[i] = Math.log1p(alerts.get(i).volumeUsd().doubleValue());
    }
    RunningStats volumeStats = new RunningStats();
    for (double v : logVolumes) {
      volumeStats.add(v);
    }

    Map<String, Integer> clusterMemberships = new HashMap<>();
    for (AlertCluster cluster : batch.clusters()) {
      for (String alertId : cluster.relatedAlertIds()) {
        clusterMemberships.merge(alertId, 1, Integer::sum);
      }
    }
    Map<String, Double> inflow = new HashMap<>();
    Map<String, Double> outflow = new HashMap<>();
    for (MoneyFlow flow : batch.moneyFlows()) {
      double usd = flow.amountUsdSum().doubleValue();
      inflow.merge(flow.toAddress(), usd, Double::sum);
      outflow.merge(flow.fromAddress(), usd, Double::sum);
    }

    double[][] vectors = new double[alerts.size()][];
    for (int i = 0; i < alerts.size(); i++) {
      Alert alert = alerts.get(i);
      AddressFeatures features = batch.featuresOf(alert.address());
      vectors[i] =
          new double[] {
            alert.severity().ordinal(),
            alert.alertConfidenceScore(),
            logVolumes[i],
            alert.riskIndicators().size(),
            alert.suspectedAddressType() == AddressType.MIXER ? 1 : 0,
            alert.suspectedAddressType() == AddressType.EXCHANGE ? 1 : 0,
            Math.log1p(sot(features, "total_volume_usd")),
            sot(features, "degree_total"),
            sot(features, "pagerank"),
            sot(features, "structuring_score"),
            sot(features, "is_mixer_like"),
            sot(features, "behavioral_anomaly_score"),
            volumeStats.zScore(logVolumes[i]),
            clusterMemberships.getOrDefault(alert.alertId(), 0),
            Math.log1p(inflow.getOrDefault(alert.address(), 0.0)),
            Math.log1p(outflow.getOrDefault(alert.address(), 0.0))
          };
    }
    return vectors;
  }

  private static double sot(AddressFeatures features, String column) {
    return features == null ? Double.NaN : features.value(column);
  }
}
