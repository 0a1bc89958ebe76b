package io.alertscoring.core.features;

import io.alertscoring.schemas.input.AlertCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The full cluster feature vector: the cluster's own fields, aggregates over its member alerts and
 * their addresses, the money flowing between its addresses within the batch, and the member alerts'
 * scores (so the cluster scorer is stacked on the alert scorer).
 */
public final class ClusterFeatureSet {
  private ClusterFeatureSet() {}

  public static final List<String> NAMES =
      List.of(
          "cluster_size",
          "cluster_log_total_volume_usd",
          "cluster_log_mean_volume_usd",
          "cluster_severity_max",
          "cluster_confidence_avg",
          "cluster_time_span_hours",
          "cluster_address_count",
          "cluster_member_present_share",
          "cluster_member_mean_confidence",
          "cluster_member_max_severity",
          "cluster_member_mean_log_volume_usd",
          "cluster_member_feature_coverage",
          "cluster_member_mixer_like_share",
          "cluster_member_mean_structuring_score",
          "cluster_internal_edge_count",
          "cluster_internal_log_usd",
          "cluster_member_mean_score",
          "cluster_member_max_score");

  /** Columns that do not depend on the member alerts' scores: all but the last two. */
  public static final int PARTIAL_COLUMNS = 16;

  /**
   * What a cluster's vector needs from the batch, without the member scores: the first {@link
   * #PARTIAL_COLUMNS} columns, and the member alert ids present in the batch, in the cluster's own
   * order (the order their scores are summed in).
   */
  public record Partial(double[] columns, String[] presentMembers) {}

  /**
   * @param alertScores the probability of every alert of the batch, by alert id
   */
  public static double[] vector(
      AlertCluster cluster, BatchContext context, Map<String, Double> alertScores) {
    return complete(partial(cluster, context), alertScores::get);
  }

  /** Appends the member-score columns to a partial vector. */
  public static double[] complete(Partial partial, Function<String, Double> alertScores) {
    double scoreSum = 0;
    double scoreMax = Double.NaN;
    int scored = 0;
    for (String alertId : partial.presentMembers()) {
      Double score = alertScores.apply(alertId);
      if (score != null) {
        scored++;
        scoreSum += score;
        scoreMax = Double.isNaN(scoreMax) ? score : Math.max(scoreMax, score);
      }
    }
    double[] vector = Arrays.copyOf(partial.columns(), NAMES.size());
    vector[PARTIAL_COLUMNS] = scored == 0 ? Double.NaN : scoreSum / scored;
    vector[PARTIAL_COLUMNS + 1] = scoreMax;
    return vector;
  }

  public static Partial partial(AlertCluster cluster, BatchContext context) {
    ClusterFamily.MemberStats members = ClusterFamily.MemberStats.of(context, cluster);
    double total = cluster.totalVolumeUsd().doubleValue();
    double span = cluster.latestAlertTimestamp() - cluster.earliestAlertTimestamp();

    int mixerKnown = 0;
    int mixerLike = 0;
    int structuringKnown = 0;
    double structuring = 0;
    List<String> present = new ArrayList<>();
    for (String alertId : cluster.relatedAlertIds()) {
      int index = context.indexOf(alertId);
      if (index < 0) {
        continue;
      }
      present.add(alertId);
      double mixer = context.sot(index, "is_mixer_like");
      if (!Double.isNaN(mixer)) {
        mixerKnown++;
        mixerLike += mixer > 0 ? 1 : 0;
      }
      double s = context.sot(index, "structuring_score");
      if (!Double.isNaN(s)) {
        structuringKnown++;
        structuring += s;
      }
    }

    FlowGraph graph = context.flowGraph();
    TreeSet<Integer> nodes = new TreeSet<>();
    for (String address : cluster.addressesInvolved()) {
      int v = graph.node(address);
      if (v >= 0) {
        nodes.add(v);
      }
    }
    int internalEdges = 0;
    double internalUsd = 0;
    for (int v : nodes) {
      for (int u : nodes) {
        double usd = graph.flow(v, u);
        if (graph.hasFlow(v, u)) {
          internalEdges++;
          internalUsd += usd;
        }
      }
    }
    int size = cluster.relatedAlertIds().size();
    double[] columns = {
      cluster.totalAlerts(),
      Math.log1p(total),
      cluster.totalAlerts() > 0 ? Math.log1p(total / cluster.totalAlerts()) : Double.NaN,
      cluster.severityMax().ordinal(),
      cluster.confidenceAvg(),
      span < 0 ? Double.NaN : span / 3_600_000.0,
      cluster.addressesInvolved().size(),
      size == 0 ? Double.NaN : (double) members.present() / size,
      members.meanConfidence(),
      members.maxSeverity(),
      members.meanLogVolume(),
      members.featureCoverage(),
      mixerKnown == 0 ? Double.NaN : (double) mixerLike / mixerKnown,
      structuringKnown == 0 ? Double.NaN : structuring / structuringKnown,
      internalEdges,
      Math.log1p(internalUsd)
    };
    return new Partial(columns, present.toArray(String[]::new));
  }
}
