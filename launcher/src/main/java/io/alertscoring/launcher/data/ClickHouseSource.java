package io.alertscoring.launcher.data;

import io.alertscoring.generator.source.RecordVisitor;
import io.alertscoring.generator.source.SotSource;
import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Reads batches from a SOT ClickHouse database with the upstream table names and columns (the
 * mirror tables of {@code ClickHouseDdl.sotTables()}): {@code analyzers_alerts}, {@code
 * analyzers_features}, {@code analyzers_alert_clusters}, {@code analyzers_money_flows} and {@code
 * core_address_labels}, always {@code FINAL} (ReplacingMergeTree: the latest version of each key,
 * no duplicates), with bound parameters and a fixed {@code ORDER BY} so two replays publish the
 * same records in the same order.
 *
 * <p>Each row is mapped to its record and checked the way the job checks it (encode, then the
 * strict decoder); a row that fails is a bad row named by table and key. Empty arrays are missing
 * values (the mirror tables cannot hold NULL arrays); NULL numeric features are missing (NaN).
 * Labels are read by their processing date (the date they arrived), once per date.
 */
final class ClickHouseSource implements SotSource {
  private final String url;
  private final Connection connection;
  private final Set<String> labelDatesRead = new HashSet<>();

  ClickHouseSource(String url) throws SQLException {
    this.url = url;
    this.connection = new ru.yandex.clickhouse.ClickHouseDriver().connect(url, new Properties());
    if (connection == null) {
      throw new SQLException("the ClickHouse driver rejected URL " + url);
    }
  }

  @Override
  public String describe() {
    return "SOT ClickHouse " + url;
  }

  private static final String[] DATA_TABLES = {
    "analyzers_alerts", "analyzers_features", "analyzers_alert_clusters", "analyzers_money_flows"
  };

  @Override
  public List<BatchKey> batches(String network, LocalDate from, LocalDate to) throws IOException {
    StringBuilder union = new StringBuilder();
    for (String table : DATA_TABLES) {
      if (union.length() > 0) {
        union.append(" UNION ALL ");
      }
      union.append(
          "SELECT toString(processing_date) AS d, window_days AS w FROM "
              + table
              + " WHERE network = ? AND processing_date >= toDate(?) AND processing_date <= toDate(?)");
    }
    String sql = "SELECT DISTINCT d, w FROM (" + union + ") ORDER BY d, w";
    List<BatchKey> batches = new ArrayList<>();
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      int p = 1;
      for (int i = 0; i < DATA_TABLES.length; i++) {
        st.setString(p++, network);
        st.setString(p++, from.toString());
        st.setString(p++, to.toString());
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          batches.add(new BatchKey(network, rs.getString(1), rs.getInt(2)));
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot list batches in " + url + ": " + e.getMessage(), e);
    }
    return batches;
  }

  @Override
  public long estimate(BatchKey batch) throws IOException {
    long total = 0;
    for (String table : DATA_TABLES) {
      try (PreparedStatement st =
          connection.prepareStatement(
              "SELECT count() FROM "
                  + table
                  + " FINAL WHERE network = ? AND processing_date = toDate(?) AND window_days = ?")) {
        bind(st, batch);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          total += rs.getLong(1);
        }
      } catch (SQLException e) {
        throw new IOException("cannot count " + table + ": " + e.getMessage(), e);
      }
    }
    return total;
  }

  private static void bind(PreparedStatement st, BatchKey batch) throws SQLException {
    st.setString(1, batch.network());
    st.setString(2, batch.processingDate());
    st.setInt(3, batch.windowDays());
  }

  private interface RowMapper {
    SotRecord map(ResultSet rs, BatchKey batch) throws SQLException;
  }

  @Override
  public void read(BatchKey batch, RecordVisitor visitor) throws IOException {
    query(
        batch,
        visitor,
        "analyzers_alerts",
        "alert_id, address, typology_type, pattern_id, pattern_type, severity,"
            + " suspected_address_type, suspected_address_subtype, alert_confidence_score,"
            + " description, volume_usd, evidence_json, risk_indicators",
        "alert_id",
        ClickHouseSource::alert);
    query(
        batch,
        visitor,
        "analyzers_features",
        "address, "
            + String.join(", ", FeatureColumns.NUMERIC)
            + ", dominant_asset_in, dominant_asset_out, hourly_activity, daily_activity",
        "address",
        ClickHouseSource::features);
    query(
        batch,
        visitor,
        "analyzers_alert_clusters",
        "cluster_id, cluster_type, primary_address, pattern_id, primary_alert_id,"
            + " related_alert_ids, addresses_involved, total_alerts, total_volume_usd,"
            + " severity_max, confidence_avg, earliest_alert_timestamp, latest_alert_timestamp",
        "cluster_id",
        ClickHouseSource::cluster);
    query(
        batch,
        visitor,
        "analyzers_money_flows",
        "from_address, to_address, tx_count, amount_sum, amount_usd_sum, first_seen_timestamp,"
            + " last_seen_timestamp, active_days, avg_tx_size_usd, unique_assets, dominant_asset,"
            + " hourly_pattern, weekly_pattern, reciprocity_ratio, is_bidirectional",
        "from_address, to_address",
        ClickHouseSource::flow);
    if (labelDatesRead.add(batch.network() + "/" + batch.processingDate())) {
      labels(batch, visitor);
    }
  }

  private void query(
      BatchKey batch,
      RecordVisitor visitor,
      String table,
      String columns,
      String orderBy,
      RowMapper mapper)
      throws IOException {
    String sql =
        "SELECT "
            + columns
            + " FROM "
            + table
            + " FINAL WHERE network = ? AND processing_date = toDate(?) AND window_days = ?"
            + " ORDER BY "
            + orderBy;
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      bind(st, batch);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String origin = table + "[" + rs.getString(1) + "]";
          SotRecord record;
          try {
            record = mapper.map(rs, batch);
            SotJson.decode(record.kind(), SotJson.encode(record));
          } catch (RecordValidationException | RuntimeException e) {
            visitor.bad(origin, e.getMessage());
            continue;
          }
          visitor.record(record);
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot read " + table + " from " + url + ": " + e.getMessage(), e);
    }
  }

  private void labels(BatchKey batch, RecordVisitor visitor) throws IOException {
    String sql =
        "SELECT address, label, address_type, risk_level, confidence_score, source, window_days"
            + " FROM core_address_labels FINAL WHERE network = ? AND processing_date = toDate(?)"
            + " ORDER BY address";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, batch.network());
      st.setString(2, batch.processingDate());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String origin = "core_address_labels[" + rs.getString(1) + "]";
          try {
            SotRecord label =
                new AddressLabel(
                    batch.network(),
                    batch.processingDate(),
                    rs.getInt(7),
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    severity(rs.getString(4), "risk_level"),
                    rs.getDouble(5),
                    rs.getString(6));
            SotJson.decode(label.kind(), SotJson.encode(label));
            visitor.record(label);
          } catch (RecordValidationException | RuntimeException e) {
            visitor.bad(origin, e.getMessage());
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot read core_address_labels: " + e.getMessage(), e);
    }
  }

  private static Alert alert(ResultSet rs, BatchKey b) throws SQLException {
    return new Alert(
        b.network(),
        b.processingDate(),
        b.windowDays(),
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        severity(rs.getString(6), "severity"),
        addressType(rs.getString(7)),
        rs.getString(8),
        rs.getDouble(9),
        rs.getString(10),
        decimal(rs, 11),
        rs.getString(12),
        strings(rs, 13));
  }

  private static AddressFeatures features(ResultSet rs, BatchKey b) throws SQLException {
    double[] values = new double[FeatureColumns.count()];
    for (int i = 0; i < values.length; i++) {
      double v = rs.getDouble(2 + i);
      values[i] = rs.wasNull() ? Double.NaN : v;
    }
    int c = 2 + values.length;
    return new AddressFeatures(
        b.network(),
        b.processingDate(),
        b.windowDays(),
        rs.getString(1),
        values,
        rs.getString(c),
        rs.getString(c + 1),
        doublesOrNull(rs, c + 2),
        doublesOrNull(rs, c + 3));
  }

  private static AlertCluster cluster(ResultSet rs, BatchKey b) throws SQLException {
    return new AlertCluster(
        b.network(),
        b.processingDate(),
        b.windowDays(),
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        strings(rs, 6),
        strings(rs, 7),
        rs.getInt(8),
        decimal(rs, 9),
        severity(rs.getString(10), "severity_max"),
        rs.getDouble(11),
        rs.getLong(12),
        rs.getLong(13));
  }

  private static MoneyFlow flow(ResultSet rs, BatchKey b) throws SQLException {
    double avg = rs.getDouble(9);
    if (rs.wasNull()) {
      avg = Double.NaN;
    }
    double reciprocity = rs.getDouble(14);
    if (rs.wasNull()) {
      reciprocity = Double.NaN;
    }
    String dominant = rs.getString(11);
    return new MoneyFlow(
        b.network(),
        b.processingDate(),
        b.windowDays(),
        rs.getString(1),
        rs.getString(2),
        rs.getLong(3),
        decimal(rs, 4),
        decimal(rs, 5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getInt(8),
        avg,
        rs.getInt(10),
        dominant == null || dominant.isEmpty() ? null : dominant,
        doublesOrNull(rs, 12),
        doublesOrNull(rs, 13),
        reciprocity,
        rs.getInt(15) != 0);
  }

  private static Severity severity(String value, String column) {
    try {
      return Severity.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(column + ": " + e.getMessage());
    }
  }

  private static AddressType addressType(String value) {
    try {
      return AddressType.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("suspected_address_type: " + e.getMessage());
    }
  }

  /** Decimal(38, 18) without its trailing zeros (and never in exponent form). */
  private static BigDecimal decimal(ResultSet rs, int column) throws SQLException {
    BigDecimal d = rs.getBigDecimal(column);
    if (d == null) {
      throw new IllegalArgumentException("NULL decimal in column " + column);
    }
    BigDecimal stripped = d.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static List<String> strings(ResultSet rs, int column) throws SQLException {
    java.sql.Array array = rs.getArray(column);
    List<String> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    Object values = array.getArray();
    for (int i = 0; i < Array.getLength(values); i++) {
      out.add(String.valueOf(Array.get(values, i)));
    }
    return out;
  }

  /** A numeric array, or null (missing) when empty. */
  private static double[] doublesOrNull(ResultSet rs, int column) throws SQLException {
    java.sql.Array array = rs.getArray(column);
    if (array == null) {
      return null;
    }
    Object values = array.getArray();
    int n = Array.getLength(values);
    if (n == 0) {
      return null;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = ((Number) Array.get(values, i)).doubleValue();
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
