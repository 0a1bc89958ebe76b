package io.alertscoring.schemas.input;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numeric SOT feature columns of an address, in one fixed order. Flags are numeric (0 or 1) so
 * that a missing flag can stay missing. The string columns ({@code dominant_asset_in}, {@code
 * dominant_asset_out}) and the activity arrays ({@code hourly_activity}[24], {@code
 * daily_activity}[7]) are separate fields of {@link AddressFeatures}.
 */
public final class FeatureColumns {
  private FeatureColumns() {}

  /** Flag columns: accepted as JSON booleans or 0/1 numbers. */
  public static final List<String> FLAGS =
      List.of(
          "is_exchange_like",
          "is_whale",
          "is_mixer_like",
          "is_contract_like",
          "is_new_address",
          "is_dormant_reactivated",
          "is_high_volume_trader",
          "is_hub_address",
          "is_retail_active",
          "is_whale_inactive",
          "is_retail_inactive",
          "is_regular_user");

  /** Every numeric column, in storage and vector order. */
  public static final List<String> NUMERIC =
      List.of(
          // topology
          "degree_in",
          "degree_out",
          "degree_total",
          "unique_counterparties",
          // volume
          "total_in_usd",
          "total_out_usd",
          "net_flow_usd",
          "total_volume_usd",
          "avg_tx_in_usd",
          "avg_tx_out_usd",
          "median_tx_in_usd",
          "median_tx_out_usd",
          "max_tx_usd",
          "min_tx_usd",
          // distribution
          "amount_variance",
          "amount_skewness",
          "amount_kurtosis",
          "volume_std",
          "volume_cv",
          "flow_concentration",
          // counts
          "tx_in_count",
          "tx_out_count",
          "tx_total_count",
          // temporal
          "activity_days",
          "activity_span_days",
          "avg_daily_volume_usd",
          "peak_hour",
          "peak_day",
          "regularity_score",
          "burst_factor",
          // flow
          "reciprocity_ratio",
          "flow_diversity",
          "counterparty_concentration",
          "concentration_ratio",
          "velocity_score",
          "structuring_score",
          // assets
          "unique_assets_in",
          "unique_assets_out",
          "asset_diversity_score",
          // behaviour
          "peak_activity_hour",
          "peak_activity_day",
          "hourly_entropy",
          "daily_entropy",
          "weekend_transaction_ratio",
          "night_transaction_ratio",
          "small_transaction_ratio",
          "consistency_score",
          // graph
          "pagerank",
          "betweenness",
          "closeness",
          "clustering_coefficient",
          "kcore",
          "community_id",
          "centrality_score",
          // k-hop
          "khop1_count",
          "khop2_count",
          "khop3_count",
          "khop1_volume_usd",
          "khop2_volume_usd",
          "khop3_volume_usd",
          // advanced flow
          "flow_reciprocity_entropy",
          "counterparty_stability",
          "flow_burstiness",
          "transaction_regularity",
          "amount_predictability",
          // anomaly
          "behavioral_anomaly_score",
          "graph_anomaly_score",
          "neighborhood_anomaly_score",
          "global_anomaly_score",
          "outlier_transactions",
          "suspicious_pattern_score",
          // flags
          "is_exchange_like",
          "is_whale",
          "is_mixer_like",
          "is_contract_like",
          "is_new_address",
          "is_dormant_reactivated",
          "is_high_volume_trader",
          "is_hub_address",
          "is_retail_active",
          "is_whale_inactive",
          "is_retail_inactive",
          "is_regular_user",
          // counterparties
          "unique_recipients_count",
          "unique_senders_count",
          // quality
          "completeness_score",
          "quality_score",
          "outlier_score",
          "confidence_score",
          // timestamps (ms)
          "first_activity_timestamp",
          "last_activity_timestamp");

  public static final int HOURLY_LENGTH = 24;
  public static final int DAILY_LENGTH = 7;

  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < NUMERIC.size(); i++) {
      if (INDEX.put(NUMERIC.get(i), i) != null) {
        throw new IllegalStateException("duplicate feature column " + NUMERIC.get(i));
      }
    }
  }

  public static int count() {
    return NUMERIC.size();
  }

  /** Position of a numeric column, or -1 when the name is not a numeric column. */
  public static int indexOf(String column) {
    Integer index = INDEX.get(column);
    return index == null ? -1 : index;
  }

  public static boolean isFlag(String column) {
    return FLAGS.contains(column);
  }
}
