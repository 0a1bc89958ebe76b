package io.alertscoring.launcher.cluster;

import io.alertscoring.schemas.ddl.Column;
import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a user can see of each processing date: the rows of the date's published run ({@code
 * published_runs}, ADR 0006) in {@code alert_scores}, {@code alert_rankings} and {@code
 * cluster_scores}, read with {@code FINAL} as the API reads them, each row reduced to its content
 * (without the run id, timings and version, which differ between two runs of the same data).
 *
 * <p>Two snapshots of the same input compare equal when the same multiset of rows is visible:
 * nothing missing, nothing twice, nothing different. The snapshot also counts rows visible twice
 * under one key (an alert scored twice in a run) and physical rows that {@code FINAL} folded away
 * (duplicates written by a replay after a restore, which readers never see).
 */
public final class VisibleRows {
  /** Columns that differ between two runs of the same input. */
  static final Set<String> VOLATILE = Set.of("run_id", "latency_ms", "processed_at", "version");

  /** The content of one date: per table, each visible row's content and how often it is seen. */
  public record DateRows(
      String batch,
      String runId,
      Map<String, Map<String, Integer>> rowsByTable,
      long visibleTwice,
      long foldedDuplicates) {
    public long rows(String table) {
      return rowsByTable.getOrDefault(table, Map.of()).values().stream()
          .mapToLong(Integer::longValue)
          .sum();
    }
  }

  /** Every published date. */
  public record Snapshot(Map<String, DateRows> dates) {
    public long visibleTwice() {
      return dates.values().stream().mapToLong(DateRows::visibleTwice).sum();
    }

    public long foldedDuplicates() {
      return dates.values().stream().mapToLong(DateRows::foldedDuplicates).sum();
    }

    /**
     * The differences to {@code expected}, one line each (empty when the same rows are visible).
     * Rows of {@code expected} missing here count as lost, rows here that are not expected as
     * extra.
     */
    public Diff diff(Snapshot expected) {
      List<String> lines = new ArrayList<>();
      long missing = 0;
      long extra = 0;
      for (Map.Entry<String, DateRows> e : expected.dates().entrySet()) {
        DateRows actual = dates.get(e.getKey());
        for (Map.Entry<String, Map<String, Integer>> t : e.getValue().rowsByTable().entrySet()) {
          Map<String, Integer> got =
              actual == null ? Map.of() : actual.rowsByTable().getOrDefault(t.getKey(), Map.of());
          long tableMissing = 0;
          long tableExtra = 0;
          for (Map.Entry<String, Integer> row : t.getValue().entrySet()) {
            int have = got.getOrDefault(row.getKey(), 0);
            tableMissing += Math.max(0, row.getValue() - have);
          }
          for (Map.Entry<String, Integer> row : got.entrySet()) {
            int want = t.getValue().getOrDefault(row.getKey(), 0);
            tableExtra += Math.max(0, row.getValue() - want);
          }
          if (tableMissing > 0 || tableExtra > 0) {
            lines.add(
                e.getKey()
                    + " "
                    + t.getKey()
                    + ": "
                    + tableMissing
                    + " rows missing, "
                    + tableExtra
                    + " rows not in the undisturbed run"
                    + (actual == null ? " (date not published)" : ""));
          }
          missing += tableMissing;
          extra += tableExtra;
        }
      }
      for (String date : dates.keySet()) {
        if (!expected.dates().containsKey(date)) {
          lines.add(date + ": published, but not in the undisturbed run");
        }
      }
      return new Diff(missing, extra, visibleTwice(), lines);
    }
  }

  /** How a snapshot differs from the expected one. */
  public record Diff(long missing, long extra, long visibleTwice, List<String> lines) {
    public boolean identical() {
      return missing == 0 && extra == 0 && visibleTwice == 0 && lines.isEmpty();
    }

    @Override
    public String toString() {
      return identical()
          ? "identical"
          : missing
              + " missing, "
              + extra
              + " extra, "
              + visibleTwice
              + " visible twice: "
              + String.join("; ", lines);
    }
  }

  private static final List<Keyed<?>> TABLES =
      List.of(
          new Keyed<>(Tables.ALERT_SCORES, "alert_id"),
          new Keyed<>(Tables.ALERT_RANKINGS, "rank"),
          new Keyed<>(Tables.CLUSTER_SCORES, "cluster_id"));

  private record Keyed<T>(Table<T> table, String key) {}

  private VisibleRows() {}

  /** Reads what is visible now, for every published date. */
  public static Snapshot read(String clickhouseUrl) throws SQLException {
    Map<String, DateRows> dates = new TreeMap<>();
    try (Connection c =
        new ru.yandex.clickhouse.ClickHouseDriver().connect(clickhouseUrl, new Properties())) {
      List<String[]> published = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT network, toString(processing_date), window_days, run_id"
                      + " FROM published_runs FINAL ORDER BY network, processing_date")) {
        while (rs.next()) {
          published.add(
              new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
      for (String[] p : published) {
        String batch = p[0] + "/" + p[1] + "/" + p[2];
        Map<String, Map<String, Integer>> byTable = new TreeMap<>();
        long twice = 0;
        long folded = 0;
        for (Keyed<?> k : TABLES) {
          TableRows rows = read(c, k, p);
          byTable.put(k.table().name(), rows.contents());
          twice += rows.visibleTwice();
          folded += rows.physical() - rows.visible();
        }
        dates.put(batch, new DateRows(batch, p[3], byTable, twice, folded));
      }
    }
    return new Snapshot(dates);
  }

  private record TableRows(
      Map<String, Integer> contents, long visible, long physical, long visibleTwice) {}

  private static TableRows read(Connection c, Keyed<?> keyed, String[] p) throws SQLException {
    List<String> content = new ArrayList<>();
    int keyIndex = -1;
    for (Column<?> col : keyed.table().columns()) {
      if (!VOLATILE.contains(col.name())) {
        if (col.name().equals(keyed.key())) {
          keyIndex = content.size();
        }
        content.add(col.name());
      }
    }
    String where = " WHERE network = ? AND processing_date = ? AND window_days = ? AND run_id = ?";
    Map<String, Integer> contents = new HashMap<>();
    Map<String, Integer> perKey = new HashMap<>();
    long visible = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + String.join(", ", content)
                + " FROM "
                + keyed.table().name()
                + " FINAL"
                + where)) {
      bind(ps, p);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= content.size(); i++) {
            row.append(i == 1 ? "" : "\t").append(rs.getString(i));
          }
          contents.merge(row.toString(), 1, Integer::sum);
          perKey.merge(rs.getString(keyIndex + 1), 1, Integer::sum);
          visible++;
        }
      }
    }
    long physical;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT count() FROM " + keyed.table().name() + where)) {
      bind(ps, p);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        physical = rs.getLong(1);
      }
    }
    long twice = perKey.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    return new TableRows(contents, visible, physical, twice);
  }

  private static void bind(PreparedStatement ps, String[] p) throws SQLException {
    ps.setString(1, p[0]);
    ps.setString(2, p[1]);
    ps.setInt(3, Integer.parseInt(p[2]));
    ps.setString(4, p[3]);
  }
}
