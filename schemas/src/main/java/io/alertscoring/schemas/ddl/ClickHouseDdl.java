package io.alertscoring.schemas.ddl;

import io.alertscoring.schemas.input.FeatureColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE statements, one string per statement (ClickHouse 18.16 accepts no multi-statement
 * requests). Output tables are ReplacingMergeTree with a {@code version} column and are read with
 * FINAL, so a replay or a restart that writes a key again replaces the earlier row instead of
 * adding one.
 */
public final class ClickHouseDdl {
  private ClickHouseDdl() {}

  public static final String ALERT_SCORES = "alert_scores";
  public static final String ALERT_RANKINGS = "alert_rankings";
  public static final String CLUSTER_SCORES = "cluster_scores";
  public static final String BATCH_METADATA = "batch_metadata";

  /**
   * Live scores, one row per alert (re-scored rows replace earlier ones by version). Sorted by
   * alert id within a network: the API looks a live score up by id on every request of an alert.
   */
  public static final String ALERT_LIVE_SCORES = "alert_live_scores";

  /** The output tables, in creation order. */
  public static List<String> outputTables() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS alert_scores ("
            + " network String, processing_date Date, window_days UInt16,"
            + " alert_id String, address String, typology_type String,"
            + " score Float64, priority String, model_version String, model_sha256 String,"
            + " explanation_json String, latency_ms Float64,"
            + " processed_at UInt64, version UInt64"
            + ") ENGINE = ReplacingMergeTree(version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, alert_id)",
        "CREATE TABLE IF NOT EXISTS alert_rankings ("
            + " network String, processing_date Date, window_days UInt16,"
            + " rank UInt32, alert_id String, ranker_score Float64, model_version String,"
            + " processed_at UInt64, version UInt64"
            + ") ENGINE = ReplacingMergeTree(version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, rank)",
        "CREATE TABLE IF NOT EXISTS cluster_scores ("
            + " network String, processing_date Date, window_days UInt16,"
            + " cluster_id String, score Float64, priority String, alert_count UInt32,"
            + " total_volume_usd Float64, model_version String, model_sha256 String,"
            + " processed_at UInt64, version UInt64"
            + ") ENGINE = ReplacingMergeTree(version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, cluster_id)",
        "CREATE TABLE IF NOT EXISTS batch_metadata ("
            + " network String, processing_date Date, window_days UInt16, status String,"
            + " alerts_received UInt64, features_received UInt64, clusters_received UInt64,"
            + " money_flows_received UInt64, alerts_expected UInt64, features_expected UInt64,"
            + " clusters_expected UInt64, money_flows_expected UInt64,"
            + " alert_scores_written UInt64, rankings_written UInt64, cluster_scores_written UInt64,"
            + " assembly_ms Float64, feature_ms Float64, scoring_ms Float64, ranking_ms Float64,"
            + " cluster_scoring_ms Float64, total_ms Float64, model_versions String,"
            + " error_message String, started_at UInt64, processed_at UInt64, version UInt64"
            + ") ENGINE = ReplacingMergeTree(version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days)",
        "CREATE TABLE IF NOT EXISTS alert_live_scores ("
            + " network String, processing_date Date, window_days UInt16,"
            + " alert_id String, address String, typology_type String,"
            + " score Float64, priority String, model_version String, model_sha256 String,"
            + " explanation_json String, features_missing UInt8, received_at UInt64,"
            + " scored_at UInt64, latency_ms Float64, version UInt64"
            + ") ENGINE = ReplacingMergeTree(version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, alert_id, processing_date, window_days)");
  }

  /**
   * Mirrors of the upstream SOT tables with their upstream names, for replay from a SOT database
   * and for keeping the raw inputs beside the scores.
   */
  public static List<String> sotTables() {
    List<String> statements = new ArrayList<>();
    statements.add(
        "CREATE TABLE IF NOT EXISTS analyzers_alerts ("
            + " network String, processing_date Date, window_days UInt16,"
            + " alert_id String, address String, typology_type String, pattern_id String,"
            + " pattern_type String, severity String, suspected_address_type String,"
            + " suspected_address_subtype String, alert_confidence_score Float64,"
            + " description String, volume_usd Decimal(38, 18), evidence_json String,"
            + " risk_indicators Array(String), _version UInt64"
            + ") ENGINE = ReplacingMergeTree(_version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, alert_id)");
    StringBuilder features =
        new StringBuilder(
            "CREATE TABLE IF NOT EXISTS analyzers_features ("
                + " network String, processing_date Date, window_days UInt16, address String");
    for (String column : FeatureColumns.NUMERIC) {
      features.append(", ").append(column).append(" Nullable(Float64)");
    }
    features.append(
        ", dominant_asset_in Nullable(String), dominant_asset_out Nullable(String),"
            + " hourly_activity Array(Float64), daily_activity Array(Float64), _version UInt64"
            + ") ENGINE = ReplacingMergeTree(_version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, address)");
    statements.add(features.toString());
    statements.add(
        "CREATE TABLE IF NOT EXISTS analyzers_alert_clusters ("
            + " network String, processing_date Date, window_days UInt16,"
            + " cluster_id String, cluster_type String, primary_address String,"
            + " pattern_id String, primary_alert_id String, related_alert_ids Array(String),"
            + " addresses_involved Array(String), total_alerts UInt32,"
            + " total_volume_usd Decimal(38, 18), severity_max String, confidence_avg Float64,"
            + " earliest_alert_timestamp UInt64, latest_alert_timestamp UInt64, _version UInt64"
            + ") ENGINE = ReplacingMergeTree(_version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, cluster_id)");
    statements.add(
        "CREATE TABLE IF NOT EXISTS analyzers_money_flows ("
            + " network String, processing_date Date, window_days UInt16,"
            + " from_address String, to_address String, tx_count UInt64,"
            + " amount_sum Decimal(38, 18), amount_usd_sum Decimal(38, 18),"
            + " first_seen_timestamp UInt64, last_seen_timestamp UInt64, active_days UInt32,"
            + " avg_tx_size_usd Nullable(Float64), unique_assets UInt32, dominant_asset String,"
            + " hourly_pattern Array(Float64), weekly_pattern Array(Float64),"
            + " reciprocity_ratio Nullable(Float64), is_bidirectional UInt8, _version UInt64"
            + ") ENGINE = ReplacingMergeTree(_version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, from_address, to_address)");
    statements.add(
        "CREATE TABLE IF NOT EXISTS core_address_labels ("
            + " network String, processing_date Date, window_days UInt16, address String,"
            + " label String, address_type String, risk_level String,"
            + " confidence_score Float64, source String, _version UInt64"
            + ") ENGINE = ReplacingMergeTree(_version)"
            + " ORDER BY (network, address)");
    return statements;
  }

  /** Every statement the product needs, outputs first. */
  public static List<String> all() {
    List<String> statements = new ArrayList<>(outputTables());
    statements.addAll(sotTables());
    return statements;
  }
}
