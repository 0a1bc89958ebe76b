package io.alertscoring.launcher.runs;

import io.alertscoring.job.io.ClickHouseSinks;
import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of every stored batch, from {@code batch_metadata} (one row per run) and {@code
 * published_runs} (the current run of each batch), and the removal of runs readers no longer see.
 */
final class RunCatalogue {
  /** One run of a batch and what readers make of it. */
  record Run(
      String network,
      String processingDate,
      int windowDays,
      String runId,
      String status,
      long alerts,
      long closedAt,
      long version,
      String role) {}

  static final String CURRENT = "CURRENT";
  static final String SUPERSEDED = "SUPERSEDED";
  static final String FAILED = "FAILED";
  static final String PROCESSING = "PROCESSING";

  private final String jdbcUrl;

  RunCatalogue(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  Connection connect() throws SQLException {
    return ClickHouseSinks.connect(jdbcUrl);
  }

  private static String batch(String network, String date, int window) {
    return network + "/" + date + "/" + window;
  }

  /** Every run, newest first within a batch, with its role; filtered by network and date. */
  List<Run> runs(String network, String date) throws SQLException {
    String filter = " WHERE (? = '' OR network = ?) AND (? = '' OR toString(processing_date) = ?)";
    Map<String, String> current = new HashMap<>();
    Map<String, Long> currentVersion = new HashMap<>();
    List<Run> runs = new ArrayList<>();
    try (Connection c = connect()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT network, toString(processing_date), window_days, run_id, version FROM "
                  + Tables.PUBLISHED_RUNS.name()
                  + " FINAL"
                  + filter)) {
        bindFilter(ps, network, date);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String key = batch(rs.getString(1), rs.getString(2), rs.getInt(3));
            current.put(key, rs.getString(4));
            currentVersion.put(key, rs.getLong(5));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT network, toString(processing_date), window_days, run_id, status,"
                  + " alerts_received, processed_at, version FROM "
                  + Tables.BATCH_METADATA.name()
                  + " FINAL"
                  + filter
                  + " ORDER BY network, processing_date, window_days, version DESC")) {
        bindFilter(ps, network, date);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String key = batch(rs.getString(1), rs.getString(2), rs.getInt(3));
            String runId = rs.getString(4);
            String status = rs.getString(5);
            long version = rs.getLong(8);
            String role;
            if (runId.equals(current.get(key))) {
              role = CURRENT;
            } else if (status.equals("FAILED")) {
              role = FAILED;
            } else if (status.equals("COMPLETED")
                && version < currentVersion.getOrDefault(key, Long.MIN_VALUE)) {
              role = SUPERSEDED;
            } else {
              // PROCESSING, or COMPLETED an instant before its pointer is written
              role = PROCESSING;
            }
            runs.add(
                new Run(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    runId,
                    status,
                    rs.getLong(6),
                    rs.getLong(7),
                    version,
                    role));
          }
        }
      }
    }
    return runs;
  }

  private static void bindFilter(PreparedStatement ps, String network, String date)
      throws SQLException {
    ps.setString(1, network);
    ps.setString(2, network);
    ps.setString(3, date);
    ps.setString(4, date);
  }

  /**
   * Removes the rows of {@code run} from every run-scoped table (ClickHouse mutations: they run in
   * the background and are idempotent). Never called for a current or processing run.
   */
  void remove(Run run) throws SQLException {
    if (run.role().equals(CURRENT) || run.role().equals(PROCESSING)) {
      throw new IllegalArgumentException("refusing to remove a " + run.role() + " run");
    }
    try (Connection c = connect()) {
      for (Table<?> table : Tables.RUN_SCOPED) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "ALTER TABLE "
                    + table.name()
                    + " DELETE WHERE network = ? AND processing_date = toDate(?)"
                    + " AND window_days = ? AND run_id = ?")) {
          ps.setString(1, run.network());
          ps.setString(2, run.processingDate());
          ps.setInt(3, run.windowDays());
          ps.setString(4, run.runId());
          ps.execute();
        }
      }
    }
  }
}
