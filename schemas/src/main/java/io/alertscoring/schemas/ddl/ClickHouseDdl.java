package io.alertscoring.schemas.ddl;

import io.alertscoring.schemas.input.FeatureColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE statements, one string per statement (ClickHouse 18.16 accepts no multi-statement
 * requests). The output tables come from the catalogue {@link Tables}; the upstream SOT mirrors are
 * written out here.
 */
public final class ClickHouseDdl {
  private ClickHouseDdl() {}

  public static final String ALERT_SCORES = Tables.ALERT_SCORES.name();
  public static final String ALERT_RANKINGS = Tables.ALERT_RANKINGS.name();
  public static final String CLUSTER_SCORES = Tables.CLUSTER_SCORES.name();
  public static final String BATCH_METADATA = Tables.BATCH_METADATA.name();
  public static final String ALERT_LIVE_SCORES = Tables.ALERT_LIVE_SCORES.name();
  public static final String PUBLISHED_RUNS = Tables.PUBLISHED_RUNS.name();
  public static final String ALERT_SCORE_INDEX = Tables.ALERT_SCORE_INDEX.name();

  /** The output tables and the index view, in creation order, from {@link Tables}. */
  public static List<String> outputTables() {
    List<String> statements = new ArrayList<>();
    for (Table<?> table : Tables.OUTPUT) {
      statements.add(table.createStatement());
    }
    statements.add(Tables.ALERT_SCORE_INDEX_VIEW);
    return statements;
  }

  /**
   * The statement adding {@code column} of {@code table} to a table of an older layout, after the
   * column before it, with its {@link Tables#ADDED_COLUMN_DEFAULTS default} for the rows already
   * stored; empty when the column is not one that may be added in place.
   */
  public static java.util.Optional<String> addColumn(Table<?> table, String column) {
    String defaultValue = Tables.ADDED_COLUMN_DEFAULTS.get(table.name() + "." + column);
    if (defaultValue == null) {
      return java.util.Optional.empty();
    }
    List<Column<?>> columns = new ArrayList<>(table.columns());
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return java.util.Optional.of(
            "ALTER TABLE "
                + table.name()
                + " ADD COLUMN "
                + column
                + " "
                + columns.get(i).type().sql()
                + " DEFAULT "
                + defaultValue
                + (i > 0 ? " AFTER " + columns.get(i - 1).name() : ""));
      }
    }
    return java.util.Optional.empty();
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
    statements.add(Tables.ADDRESS_LABELS.createStatement());
    return statements;
  }

  /** Every statement the product needs, outputs first. */
  public static List<String> all() {
    List<String> statements = new ArrayList<>(outputTables());
    statements.addAll(sotTables());
    return statements;
  }
}
