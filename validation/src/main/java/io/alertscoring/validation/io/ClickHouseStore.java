package io.alertscoring.validation.io;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.validation.InputAlerts;
import io.alertscoring.validation.LabelSet;
import io.alertscoring.validation.ScoringRun;
import io.alertscoring.validation.Validator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * Reads the product's tables in one ClickHouse database, in SQL that runs on 18.16 and on current
 * releases: every read uses {@code FINAL} (a replayed batch is seen once, with its latest rows),
 * dates are bound as {@code toDate(?)} and read as {@code toString(...)} (no time-zone conversion),
 * and user values are bound parameters.
 *
 * <p>A table without some required column is still read (with the columns it has) so the report can
 * name what is missing instead of failing on the first absent column. Each call opens and closes
 * its own connection: the legacy driver's connections are HTTP clients.
 */
public final class ClickHouseStore implements ScoreSource {
  private static final String PREFIX = "jdbc:clickhouse://";
  private static final int IN_CHUNK = 500;

  /** Non-key columns of {@code alert_scores} the validator reads, in select order. */
  private static final List<String> SCORE_COLUMNS =
      List.of(
          "run_id",
          "alert_id",
          "address",
          "typology_type",
          "score",
          "priority",
          "model_version",
          "model_sha256",
          "explanation_json",
          "latency_ms",
          "processed_at",
          "version");

  private static final List<String> KEY_COLUMNS =
      List.of("network", "processing_date", "window_days");

  private final ClickHouseDriver driver = new ClickHouseDriver();
  private final String jdbcUrl;

  /**
   * @param jdbcUrl {@code jdbc:clickhouse://host:port/database[?params]}; {@code compress=false} is
   *     added unless the URL sets {@code compress}
   */
  public ClickHouseStore(String jdbcUrl) {
    String url = jdbcUrl.strip();
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "not a ClickHouse JDBC URL (expected " + PREFIX + "host:port/database): " + jdbcUrl);
    }
    if (!url.matches(".*[?&]compress=.*")) {
      url = url + (url.contains("?") ? "&" : "?") + "compress=false";
    }
    this.jdbcUrl = url;
  }

  @Override
  public String description() {
    int question = jdbcUrl.indexOf('?');
    return question < 0 ? jdbcUrl : jdbcUrl.substring(0, question);
  }

  /** The URL connections are opened with. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  Connection open() throws SQLException {
    Connection connection = driver.connect(jdbcUrl, new Properties());
    if (connection == null) {
      throw new SQLException("the ClickHouse driver did not accept " + description());
    }
    return connection;
  }

  /** Column names of {@code table} in the URL's database; empty when the table does not exist. */
  public Set<String> columns(String table) {
    return new LinkedHashSet<>(
        query(
            "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = ?",
            List.of(table),
            rs -> rs.getString(1)));
  }

  @Override
  public List<Integer> windows(String network, String processingDate) {
    Set<Integer> windows = new TreeSet<>();
    for (String table : List.of(ClickHouseDdl.ALERT_SCORES, ClickHouseDdl.BATCH_METADATA)) {
      if (columns(table).isEmpty()) {
        continue;
      }
      windows.addAll(
          query(
              "SELECT window_days FROM "
                  + table
                  + " FINAL WHERE network = ? AND processing_date = toDate(?)"
                  + " GROUP BY window_days",
              List.of(network, processingDate),
              rs -> rs.getInt(1)));
    }
    return List.copyOf(windows);
  }

  @Override
  public ScoringRun read(BatchKey batch) {
    Set<String> present = columns(ClickHouseDdl.ALERT_SCORES);
    if (present.isEmpty()) {
      throw new ValidationException("no alert_scores table in " + description());
    }
    for (String key : KEY_COLUMNS) {
      if (!present.contains(key)) {
        throw new ValidationException(
            "alert_scores in " + description() + " has no key column " + key);
      }
    }
    Set<String> missing = new TreeSet<>();
    for (String column : Validator.REQUIRED_COLUMNS) {
      if (!present.contains(column)) {
        missing.add(column);
      }
    }
    List<String> selected = SCORE_COLUMNS.stream().filter(present::contains).toList();
    Optional<String> run = present.contains("run_id") ? publishedRun(batch) : Optional.empty();
    if (present.contains("run_id") && run.isEmpty() && hasRunPointers()) {
      // Nothing of the batch is visible to readers: an empty run, which fails integrity, named so.
      return new ScoringRun(
          description() + " (no published run of " + batch + ": processing, failed or absent)",
          List.of(),
          missing,
          metadata(batch));
    }
    List<Object> params =
        new ArrayList<>(List.of(batch.network(), batch.processingDate(), batch.windowDays()));
    run.ifPresent(params::add);
    String sql =
        "SELECT "
            + String.join(", ", selected)
            + " FROM alert_scores FINAL"
            + " WHERE network = ? AND processing_date = toDate(?) AND window_days = ?"
            + (run.isPresent() ? " AND run_id = ?" : "")
            + " ORDER BY alert_id";
    List<AlertScore> scores =
        query(
            sql,
            params,
            rs -> {
              Map<String, Object> row = new HashMap<>();
              for (int i = 0; i < selected.size(); i++) {
                String column = selected.get(i);
                // UInt64 through a double would lose precision above 2^53
                boolean wide = column.equals("processed_at") || column.equals("version");
                row.put(column, wide ? (Object) rs.getLong(i + 1) : rs.getObject(i + 1));
              }
              return new AlertScore(
                  batch.network(),
                  batch.processingDate(),
                  batch.windowDays(),
                  row.containsKey("run_id") ? text(row, "run_id") : "",
                  text(row, "alert_id"),
                  text(row, "address"),
                  text(row, "typology_type"),
                  row.containsKey("volume_usd") ? number(row, "volume_usd") : Double.NaN,
                  number(row, "score"),
                  text(row, "priority"),
                  text(row, "model_version"),
                  text(row, "model_sha256"),
                  text(row, "explanation_json"),
                  number(row, "latency_ms"),
                  integer(row, "processed_at"),
                  integer(row, "version"));
            });
    return new ScoringRun(description(), scores, missing, metadata(batch));
  }

  /** Whether the database has the product's run pointers ({@code published_runs}). */
  boolean hasRunPointers() {
    return !columns(Tables.PUBLISHED_RUNS.name()).isEmpty();
  }

  /**
   * The batch's published run: the run readers are served (ADR 0006). Empty when the database has
   * no run pointers (another submission's tables) or no run of the batch is published yet.
   */
  public Optional<String> publishedRun(BatchKey batch) {
    if (!hasRunPointers()) {
      return Optional.empty();
    }
    return query(
            "SELECT run_id FROM "
                + Tables.PUBLISHED_RUNS.name()
                + " FINAL WHERE network = ? AND processing_date = toDate(?) AND window_days = ?",
            List.of(batch.network(), batch.processingDate(), batch.windowDays()),
            rs -> rs.getString(1))
        .stream()
        .findFirst();
  }

  /**
   * The {@code batch_metadata} row of the batch's published run (or, without run pointers, the
   * batch's only row), read through the table catalogue; empty if there is none.
   */
  public Optional<BatchMetadata> metadata(BatchKey batch) {
    Set<String> present = columns(ClickHouseDdl.BATCH_METADATA);
    if (present.isEmpty()) {
      return Optional.empty();
    }
    if (!present.containsAll(
        Tables.BATCH_METADATA.columns().stream().map(c -> c.name()).toList())) {
      return Optional.empty(); // another layout (e.g. another submission's): metadata is optional
    }
    Optional<String> run = publishedRun(batch);
    List<Object> params =
        new ArrayList<>(List.of(batch.network(), batch.processingDate(), batch.windowDays()));
    run.ifPresent(params::add);
    String sql =
        "SELECT "
            + Tables.BATCH_METADATA.columnList()
            + " FROM batch_metadata FINAL"
            + " WHERE network = ? AND processing_date = toDate(?) AND window_days = ?"
            + (run.isPresent() ? " AND run_id = ?" : "")
            + " ORDER BY version DESC LIMIT 1";
    List<BatchMetadata> rows =
        query(
            sql,
            params,
            rs -> {
              try {
                return Tables.BATCH_METADATA.read(rs);
              } catch (IllegalArgumentException e) {
                throw new ValidationException(
                    "batch_metadata of " + batch + " has an unknown status: " + e.getMessage());
              }
            });
    return rows.stream().findFirst();
  }

  /**
   * The labels of {@code addresses} on {@code network} from {@code core_address_labels} (one row
   * per network and address after FINAL). Rows with a risk level the product does not know are left
   * out and counted in the label set's description.
   */
  public LabelSet labels(String network, Collection<String> addresses) {
    Set<String> present = columns("core_address_labels");
    if (present.isEmpty()) {
      return LabelSet.none("no core_address_labels table in " + description());
    }
    List<String> unique = new ArrayList<>(new TreeSet<>(addresses));
    Map<String, AddressLabel> byAddress = new HashMap<>();
    int[] unknownRisk = {0};
    for (int from = 0; from < unique.size(); from += IN_CHUNK) {
      List<String> chunk = unique.subList(from, Math.min(from + IN_CHUNK, unique.size()));
      List<Object> params = new ArrayList<>();
      params.add(network);
      params.addAll(chunk);
      String sql =
          "SELECT address, label, address_type, risk_level, confidence_score, source,"
              + " toString(processing_date), window_days FROM core_address_labels FINAL"
              + " WHERE network = ? AND address IN ("
              + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
              + ")";
      List<AddressLabel> rows =
          query(
              sql,
              params,
              rs -> {
                Severity risk;
                try {
                  risk = Severity.fromWire(rs.getString(4));
                } catch (IllegalArgumentException e) {
                  unknownRisk[0]++;
                  return null;
                }
                return new AddressLabel(
                    network,
                    rs.getString(7),
                    rs.getInt(8),
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    risk,
                    rs.getDouble(5),
                    rs.getString(6));
              });
      for (AddressLabel label : rows) {
        if (label != null) {
          byAddress.put(label.address(), label);
        }
      }
    }
    String source =
        "core_address_labels in "
            + description()
            + (unknownRisk[0] == 0
                ? ""
                : " (" + unknownRisk[0] + " rows with an unknown risk_level ignored)");
    return new LabelSet(source, byAddress);
  }

  /**
   * The alert ids of the batch in the {@code analyzers_alerts} mirror of the SOT, when that table
   * exists and holds rows for the batch.
   */
  public Optional<InputAlerts> inputAlerts(BatchKey batch) {
    if (columns("analyzers_alerts").isEmpty()) {
      return Optional.empty();
    }
    List<String> ids =
        query(
            "SELECT alert_id FROM analyzers_alerts FINAL"
                + " WHERE network = ? AND processing_date = toDate(?) AND window_days = ?"
                + " ORDER BY alert_id",
            List.of(batch.network(), batch.processingDate(), batch.windowDays()),
            rs -> rs.getString(1));
    return ids.isEmpty()
        ? Optional.empty()
        : Optional.of(new InputAlerts("analyzers_alerts in " + description(), ids));
  }

  // ---------------------------------------------------------------------------------------------

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper) {
    try (Connection connection = open();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        if (p instanceof Integer n) {
          statement.setInt(i + 1, n);
        } else {
          statement.setString(i + 1, String.valueOf(p));
        }
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new ValidationException(
          "ClickHouse query failed on " + description() + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String text(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? "" : value.toString();
  }

  private static double number(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value.toString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static long integer(Map<String, Object> row, String column) {
    return row.get(column) instanceof Long n ? n : 0L;
  }
}
