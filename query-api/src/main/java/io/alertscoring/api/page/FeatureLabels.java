package io.alertscoring.api.page;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of readable labels for the feature names an explanation carries ({@code
 * scoring-core}'s {@code AlertFeatureSet.NAMES}), and for the variables the batch-relative features
 * ({@code batch_pct_*}, {@code batch_z_*}, {@code typology_pct_*}, {@code typology_z_*}) are
 * computed over. Each label says how its stored value reads ({@link Unit}): a log-scaled volume is
 * shown in US dollars again ({@code expm1} of the stored value, exact), a flag as a phrase.
 *
 * <p>A name missing here is shown as it is stored; {@code FeatureLabelsTest} checks that every name
 * of the current feature set has a label, so a new feature without one fails the build.
 */
final class FeatureLabels {

  /** How a stored value reads. */
  enum Unit {
    /** A plain number, three significant digits. */
    NUMBER,
    /** A whole number. */
    COUNT,
    /** US dollars. */
    USD,
    /** {@code log1p(usd)}: shown as the dollar amount. */
    LOG1P_USD,
    /** {@code log(count)}: shown as the count. */
    LOG_COUNT,
    /** A fraction in [0,1]: shown as a percentage. */
    SHARE,
    /** Days. */
    DAYS,
    /** Hours. */
    HOURS,
    /** A {@code Severity} ordinal: shown as its name. */
    SEVERITY,
    /** 1 or 0: shown as {@link Label#text} or {@link Label#negated}. */
    FLAG
  }

  /**
   * @param text the noun phrase (for a flag: the phrase when the value is 1)
   * @param unit how the stored value reads
   * @param negated for a flag: the phrase when the value is 0
   * @param rawFeature for a batch-relative variable: the feature holding its own value, whose
   *     stored value a percentile sentence quotes when the same explanation carries it
   * @param logScale for a batch-relative variable: the z-score is computed over its logarithm
   */
  record Label(String text, Unit unit, String negated, String rawFeature, boolean logScale) {}

  private static final Map<String, Label> TABLE = new LinkedHashMap<>();

  private static void label(String name, String text, Unit unit) {
    put(name, new Label(text, unit, null, null, false));
  }

  private static void flag(String name, String yes, String no) {
    put(name, new Label(yes, Unit.FLAG, no, null, false));
  }

  /** A variable of the batch-relative family. */
  private static void variable(String name, String text, String rawFeature, boolean logScale) {
    put("variable:" + name, new Label(text, Unit.NUMBER, null, rawFeature, logScale));
  }

  private static void put(String key, Label label) {
    if (TABLE.put(key, label) != null) {
      throw new IllegalStateException("two labels for " + key);
    }
  }

  /** A SOT column of the alert's address ({@code sot_<column>}). */
  private static void address(String column, String text, Unit unit) {
    label("sot_" + column, "address " + text, unit);
  }

  private static void addressFlag(String column, String text) {
    flag("sot_" + column, "address is " + text, "address is not " + text);
  }

  static {
    // alert-level
    label("alert_severity", "alert severity", Unit.SEVERITY);
    label("alert_confidence", "alert confidence", Unit.NUMBER);
    label("alert_log_volume_usd", "alert volume", Unit.LOG1P_USD);
    label("alert_risk_indicator_count", "risk indicators", Unit.COUNT);
    flag("alert_has_subtype", "alert has a typology subtype", "alert has no typology subtype");
    for (String[] t :
        new String[][] {
          {"layering", "layering"},
          {"fan_in", "fan-in"},
          {"fan_out", "fan-out"},
          {"cycle", "cycle"},
          {"peel_chain", "peel chain"},
          {"structuring", "structuring"},
          {"mixer_hop", "mixer hop"},
          {"scatter_gather", "scatter-gather"}
        }) {
      flag("alert_typology_" + t[0], "typology is " + t[1], "typology is not " + t[1]);
    }
    flag(
        "alert_typology_other",
        "typology is none of the eight known ones",
        "typology is one of the eight known ones");
    for (String[] a :
        new String[][] {
          {"exchange", "an exchange"},
          {"mixer", "a mixer"},
          {"defi", "a DeFi protocol"},
          {"contract", "a contract"},
          {"eoa", "an externally owned account"},
          {"unknown", "of unknown type"}
        }) {
      flag(
          "alert_address_type_" + a[0],
          "address suspected to be " + a[1],
          "address not suspected to be " + a[1]);
    }

    // SOT features of the address
    flag("sot_present", "address has a features record", "address has no features record");
    address("degree_in", "in-degree", Unit.COUNT);
    address("degree_out", "out-degree", Unit.COUNT);
    address("degree_total", "total degree", Unit.COUNT);
    address("unique_counterparties", "unique counterparties", Unit.COUNT);
    address("total_in_usd", "total received", Unit.USD);
    address("total_out_usd", "total sent", Unit.USD);
    address("net_flow_usd", "net flow", Unit.USD);
    address("total_volume_usd", "total volume", Unit.USD);
    address("avg_tx_in_usd", "mean incoming transaction", Unit.USD);
    address("avg_tx_out_usd", "mean outgoing transaction", Unit.USD);
    address("median_tx_in_usd", "median incoming transaction", Unit.USD);
    address("median_tx_out_usd", "median outgoing transaction", Unit.USD);
    address("max_tx_usd", "largest transaction", Unit.USD);
    address("min_tx_usd", "smallest transaction", Unit.USD);
    address("amount_variance", "amount variance", Unit.NUMBER);
    address("amount_skewness", "amount skewness", Unit.NUMBER);
    address("amount_kurtosis", "amount kurtosis", Unit.NUMBER);
    address("volume_std", "volume standard deviation", Unit.USD);
    address("volume_cv", "volume coefficient of variation", Unit.NUMBER);
    address("flow_concentration", "flow concentration", Unit.NUMBER);
    address("tx_in_count", "incoming transactions", Unit.COUNT);
    address("tx_out_count", "outgoing transactions", Unit.COUNT);
    address("tx_total_count", "transactions", Unit.COUNT);
    address("activity_days", "active days", Unit.COUNT);
    address("activity_span_days", "activity span", Unit.DAYS);
    address("avg_daily_volume_usd", "mean daily volume", Unit.USD);
    address("peak_hour", "peak hour", Unit.COUNT);
    address("peak_day", "peak day of week", Unit.COUNT);
    address("regularity_score", "regularity score", Unit.NUMBER);
    address("burst_factor", "burst factor", Unit.NUMBER);
    address("reciprocity_ratio", "reciprocity ratio", Unit.NUMBER);
    address("flow_diversity", "flow diversity", Unit.NUMBER);
    address("counterparty_concentration", "counterparty concentration", Unit.NUMBER);
    address("concentration_ratio", "concentration ratio", Unit.NUMBER);
    address("velocity_score", "velocity score", Unit.NUMBER);
    address("structuring_score", "structuring score", Unit.NUMBER);
    address("unique_assets_in", "assets received", Unit.COUNT);
    address("unique_assets_out", "assets sent", Unit.COUNT);
    address("asset_diversity_score", "asset diversity score", Unit.NUMBER);
    address("peak_activity_hour", "peak activity hour", Unit.COUNT);
    address("peak_activity_day", "peak activity day", Unit.COUNT);
    address("hourly_entropy", "hourly activity entropy", Unit.NUMBER);
    address("daily_entropy", "daily activity entropy", Unit.NUMBER);
    address("weekend_transaction_ratio", "share of weekend transactions", Unit.SHARE);
    address("night_transaction_ratio", "share of night transactions", Unit.SHARE);
    address("small_transaction_ratio", "share of small transactions", Unit.SHARE);
    address("consistency_score", "consistency score", Unit.NUMBER);
    address("pagerank", "PageRank", Unit.NUMBER);
    address("betweenness", "betweenness centrality", Unit.NUMBER);
    address("closeness", "closeness centrality", Unit.NUMBER);
    address("clustering_coefficient", "clustering coefficient", Unit.NUMBER);
    address("kcore", "k-core", Unit.COUNT);
    address("community_id", "community id", Unit.COUNT);
    address("centrality_score", "centrality score", Unit.NUMBER);
    address("khop1_count", "1-hop neighbours", Unit.COUNT);
    address("khop2_count", "2-hop neighbours", Unit.COUNT);
    address("khop3_count", "3-hop neighbours", Unit.COUNT);
    address("khop1_volume_usd", "1-hop volume", Unit.USD);
    address("khop2_volume_usd", "2-hop volume", Unit.USD);
    address("khop3_volume_usd", "3-hop volume", Unit.USD);
    address("flow_reciprocity_entropy", "flow reciprocity entropy", Unit.NUMBER);
    address("counterparty_stability", "counterparty stability", Unit.NUMBER);
    address("flow_burstiness", "flow burstiness", Unit.NUMBER);
    address("transaction_regularity", "transaction regularity", Unit.NUMBER);
    address("amount_predictability", "amount predictability", Unit.NUMBER);
    address("behavioral_anomaly_score", "behavioural anomaly score", Unit.NUMBER);
    address("graph_anomaly_score", "graph anomaly score", Unit.NUMBER);
    address("neighborhood_anomaly_score", "neighbourhood anomaly score", Unit.NUMBER);
    address("global_anomaly_score", "global anomaly score", Unit.NUMBER);
    address("outlier_transactions", "outlier transactions", Unit.COUNT);
    address("suspicious_pattern_score", "suspicious pattern score", Unit.NUMBER);
    addressFlag("is_exchange_like", "exchange-like");
    addressFlag("is_whale", "a whale");
    addressFlag("is_mixer_like", "mixer-like");
    addressFlag("is_contract_like", "contract-like");
    addressFlag("is_new_address", "new");
    addressFlag("is_dormant_reactivated", "a reactivated dormant address");
    addressFlag("is_high_volume_trader", "a high-volume trader");
    addressFlag("is_hub_address", "a hub");
    addressFlag("is_retail_active", "an active retail user");
    addressFlag("is_whale_inactive", "an inactive whale");
    addressFlag("is_retail_inactive", "an inactive retail user");
    addressFlag("is_regular_user", "a regular user");
    address("unique_recipients_count", "unique recipients", Unit.COUNT);
    address("unique_senders_count", "unique senders", Unit.COUNT);
    address("completeness_score", "data completeness score", Unit.NUMBER);
    address("quality_score", "data quality score", Unit.NUMBER);
    address("outlier_score", "outlier score", Unit.NUMBER);
    address("confidence_score", "confidence score", Unit.NUMBER);
    address("account_age_days", "account age", Unit.DAYS);
    address("days_since_last_activity", "time since last activity", Unit.DAYS);

    // the alert's largest cluster
    label("cluster_count", "clusters the alert is in", Unit.COUNT);
    label("cluster_size", "alerts in its cluster", Unit.COUNT);
    label("cluster_log_total_volume_usd", "cluster total volume", Unit.LOG1P_USD);
    label("cluster_log_mean_volume_usd", "cluster mean volume per alert", Unit.LOG1P_USD);
    label("cluster_severity_max", "cluster maximum severity", Unit.SEVERITY);
    label("cluster_confidence_avg", "cluster mean confidence", Unit.NUMBER);
    label("cluster_time_span_hours", "cluster time span", Unit.HOURS);
    label("cluster_address_count", "addresses in its cluster", Unit.COUNT);
    label("cluster_member_mean_confidence", "mean confidence of cluster members", Unit.NUMBER);
    label("cluster_member_max_severity", "maximum severity of cluster members", Unit.SEVERITY);
    // a mean of log1p volumes: not a dollar amount, so shown as the stored log value
    label(
        "cluster_member_mean_log_volume_usd",
        "mean log(1 + USD volume) of cluster members",
        Unit.NUMBER);
    label("cluster_member_feature_coverage", "cluster members with features", Unit.SHARE);
    flag(
        "cluster_is_primary_alert",
        "alert is its cluster's primary alert",
        "alert is not its cluster's primary alert");

    // money-flow graph of the batch
    label("flow_in_degree", "in-batch senders to the address", Unit.COUNT);
    label("flow_out_degree", "in-batch recipients of the address", Unit.COUNT);
    label("flow_log_in_usd", "in-batch money received", Unit.LOG1P_USD);
    label("flow_log_out_usd", "in-batch money sent", Unit.LOG1P_USD);
    label("flow_net_share", "in-batch net flow share", Unit.NUMBER);
    label("flow_reciprocity", "in-batch flow reciprocity", Unit.NUMBER);
    label("flow_pagerank_scaled", "in-batch PageRank (times node count)", Unit.NUMBER);
    label("flow_log_component_size", "addresses in its in-batch flow component", Unit.LOG_COUNT);
    label("flow_log_two_hop_usd", "in-batch 2-hop volume", Unit.LOG1P_USD);

    // variables of the batch-relative family: percentiles and z-scores within the batch
    variable("log_volume_usd", "alert volume", "alert_log_volume_usd", true);
    variable("confidence", "alert confidence", "alert_confidence", false);
    variable("log_total_volume_usd", "address total volume", "sot_total_volume_usd", true);
    variable("degree_total", "address total degree", "sot_degree_total", false);
    variable("pagerank", "address PageRank", "sot_pagerank", false);
    variable("structuring_score", "address structuring score", "sot_structuring_score", false);
  }

  private FeatureLabels() {}

  /** The label of a feature name, if the table has one. */
  static Optional<Label> of(String feature) {
    return Optional.ofNullable(TABLE.get(feature));
  }

  /** The label of a batch-relative variable ({@code pagerank} of {@code batch_pct_pagerank}). */
  static Optional<Label> ofVariable(String variable) {
    return Optional.ofNullable(TABLE.get("variable:" + variable));
  }

  /** True when {@code feature} reads through the table (directly or as a batch-relative one). */
  static boolean covers(String feature) {
    return TABLE.containsKey(feature)
        || BatchRelative.parse(feature).flatMap(r -> ofVariable(r.variable())).isPresent();
  }

  /** A batch-relative feature name taken apart. */
  record BatchRelative(String variable, boolean percentile, boolean withinTypology) {

    static Optional<BatchRelative> parse(String feature) {
      for (String prefix :
          new String[] {"batch_pct_", "batch_z_", "typology_pct_", "typology_z_"}) {
        if (feature.startsWith(prefix)) {
          return Optional.of(
              new BatchRelative(
                  feature.substring(prefix.length()),
                  prefix.contains("pct"),
                  prefix.startsWith("typology")));
        }
      }
      return Optional.empty();
    }
  }
}
