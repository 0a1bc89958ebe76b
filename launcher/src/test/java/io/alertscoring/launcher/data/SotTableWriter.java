package io.alertscoring.launcher.data;

import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: writes SOT records into the upstream mirror tables (as the upstream analyzers would)
 * with plain {@code INSERT ... VALUES} statements over HTTP, 500 rows per statement.
 */
final class SotTableWriter {
  private SotTableWriter() {}

  static void insert(ClickHouseServer server, List<? extends SotRecord> records, long version) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    Map<String, String> columns = new LinkedHashMap<>();
    for (SotRecord r : records) {
      String table;
      String cols;
      String row;
      String key =
          "'"
              + esc(r.batchKey().network())
              + "', '"
              + r.batchKey().processingDate()
              + "', "
              + r.batchKey().windowDays();
      if (r instanceof Alert a) {
        table = "analyzers_alerts";
        cols =
            "network, processing_date, window_days, alert_id, address, typology_type, pattern_id,"
                + " pattern_type, severity, suspected_address_type, suspected_address_subtype,"
                + " alert_confidence_score, description, volume_usd, evidence_json,"
                + " risk_indicators, _version";
        row =
            String.join(
                ", ",
                key,
                s(a.alertId()),
                s(a.address()),
                s(a.typologyType()),
                s(a.patternId()),
                s(a.patternType()),
                s(a.severity().wireName()),
                s(a.suspectedAddressType().wireName()),
                s(a.suspectedAddressSubtype()),
                Double.toString(a.alertConfidenceScore()),
                s(a.description()),
                d(a.volumeUsd()),
                s(a.evidenceJson()),
                strings(a.riskIndicators()),
                Long.toString(version));
      } else if (r instanceof AddressFeatures f) {
        table = "analyzers_features";
        cols =
            "network, processing_date, window_days, address, "
                + String.join(", ", FeatureColumns.NUMERIC)
                + ", dominant_asset_in, dominant_asset_out, hourly_activity, daily_activity, _version";
        List<String> parts = new ArrayList<>();
        parts.add(key);
        parts.add(s(f.address()));
        for (double v : f.values()) {
          parts.add(Double.isNaN(v) ? "NULL" : Double.toString(v));
        }
        parts.add(f.dominantAssetIn() == null ? "NULL" : s(f.dominantAssetIn()));
        parts.add(f.dominantAssetOut() == null ? "NULL" : s(f.dominantAssetOut()));
        parts.add(doubles(f.hourlyActivity()));
        parts.add(doubles(f.dailyActivity()));
        parts.add(Long.toString(version));
        row = String.join(", ", parts);
      } else if (r instanceof AlertCluster c) {
        table = "analyzers_alert_clusters";
        cols =
            "network, processing_date, window_days, cluster_id, cluster_type, primary_address,"
                + " pattern_id, primary_alert_id, related_alert_ids, addresses_involved,"
                + " total_alerts, total_volume_usd, severity_max, confidence_avg,"
                + " earliest_alert_timestamp, latest_alert_timestamp, _version";
        row =
            String.join(
                ", ",
                key,
                s(c.clusterId()),
                s(c.clusterType()),
                s(c.primaryAddress()),
                s(c.patternId()),
                s(c.primaryAlertId()),
                strings(c.relatedAlertIds()),
                strings(c.addressesInvolved()),
                Integer.toString(c.totalAlerts()),
                d(c.totalVolumeUsd()),
                s(c.severityMax().wireName()),
                Double.toString(c.confidenceAvg()),
                Long.toString(c.earliestAlertTimestamp()),
                Long.toString(c.latestAlertTimestamp()),
                Long.toString(version));
      } else if (r instanceof MoneyFlow m) {
        table = "analyzers_money_flows";
        cols =
            "network, processing_date, window_days, from_address, to_address, tx_count,"
                + " amount_sum, amount_usd_sum, first_seen_timestamp, last_seen_timestamp,"
                + " active_days, avg_tx_size_usd, unique_assets, dominant_asset, hourly_pattern,"
                + " weekly_pattern, reciprocity_ratio, is_bidirectional, _version";
        row =
            String.join(
                ", ",
                key,
                s(m.fromAddress()),
                s(m.toAddress()),
                Long.toString(m.txCount()),
                d(m.amountSum()),
                d(m.amountUsdSum()),
                Long.toString(m.firstSeenTimestamp()),
                Long.toString(m.lastSeenTimestamp()),
                Integer.toString(m.activeDays()),
                Double.isNaN(m.avgTxSizeUsd()) ? "NULL" : Double.toString(m.avgTxSizeUsd()),
                Integer.toString(m.uniqueAssets()),
                s(m.dominantAsset()),
                doubles(m.hourlyPattern()),
                doubles(m.weeklyPattern()),
                Double.isNaN(m.reciprocityRatio()) ? "NULL" : Double.toString(m.reciprocityRatio()),
                m.bidirectional() ? "1" : "0",
                Long.toString(version));
      } else if (r instanceof AddressLabel l) {
        table = "core_address_labels";
        cols =
            "network, processing_date, window_days, address, label, address_type, risk_level,"
                + " confidence_score, source, _version";
        row =
            String.join(
                ", ",
                key,
                s(l.address()),
                s(l.label()),
                s(l.addressType()),
                s(l.riskLevel().wireName()),
                Double.toString(l.confidenceScore()),
                s(l.source()),
                Long.toString(version));
      } else {
        throw new IllegalArgumentException("no SOT table for " + r.kind());
      }
      columns.put(table, cols);
      rows.computeIfAbsent(table, t -> new ArrayList<>()).add("(" + row + ")");
    }
    for (Map.Entry<String, List<String>> e : rows.entrySet()) {
      List<String> all = e.getValue();
      for (int i = 0; i < all.size(); i += 500) {
        server.execute(
            "INSERT INTO "
                + e.getKey()
                + " ("
                + columns.get(e.getKey())
                + ") VALUES "
                + String.join(", ", all.subList(i, Math.min(all.size(), i + 500))));
      }
    }
  }

  /** Inserts one raw row (for malformed-row tests). */
  static void insertRaw(ClickHouseServer server, String table, String columns, String values) {
    server.execute("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")");
  }

  static String s(String v) {
    return v == null ? "''" : "'" + esc(v) + "'";
  }

  static String esc(String v) {
    return v.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static String d(BigDecimal v) {
    return v.toPlainString();
  }

  private static String strings(List<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String v : values) {
      quoted.add(s(v));
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  private static String doubles(double[] values) {
    if (values == null) {
      return "[]";
    }
    List<String> parts = new ArrayList<>();
    for (double v : values) {
      parts.add(Double.toString(v));
    }
    return "[" + String.join(", ", parts) + "]";
  }
}
