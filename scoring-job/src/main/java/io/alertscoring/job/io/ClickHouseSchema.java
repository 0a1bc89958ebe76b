package io.alertscoring.job.io;

import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.ddl.Column;
import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates the product's tables if they are missing, one statement per request, adds the columns
 * added since a table's first layout ({@link Tables#ADDED_COLUMN_DEFAULTS}) to a table that lacks
 * them, and refuses to start on output tables of an older layout otherwise (CREATE IF NOT EXISTS
 * would keep them as they are, and every insert would fail later, row by row).
 */
public final class ClickHouseSchema {
  private ClickHouseSchema() {}

  public static void apply(String jdbcUrl) throws SQLException {
    try (Connection connection = ClickHouseSinks.connect(jdbcUrl);
        Statement statement = connection.createStatement()) {
      for (Table<?> table : Tables.OUTPUT) {
        statement.execute(table.createStatement());
      }
      // the layout first: the index view reads columns an older layout may lack
      for (Table<?> table : Tables.OUTPUT) {
        List<String> missing = missingColumns(connection, table);
        List<String> additions = new ArrayList<>();
        for (String column : missing) {
          ClickHouseDdl.addColumn(table, column).ifPresent(additions::add);
        }
        if (!missing.isEmpty() && additions.size() == missing.size()) {
          for (String alter : additions) {
            statement.execute(alter);
          }
          missing = missingColumns(connection, table);
        }
        if (!missing.isEmpty()) {
          throw new SQLException(
              "table "
                  + table.name()
                  + " has an older layout (no "
                  + String.join(", ", missing)
                  + "): move it aside (RENAME TABLE) or use another database; the new layout keys"
                  + " every row by run (docs/decisions/0006-runs-published-whole.md)");
        }
      }
      statement.execute(Tables.ALERT_SCORE_INDEX_VIEW);
      for (String ddl : ClickHouseDdl.sotTables()) {
        statement.execute(ddl);
      }
    }
  }

  static List<String> missingColumns(Connection connection, Table<?> table) throws SQLException {
    Set<String> present = new HashSet<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = ?")) {
      ps.setString(1, table.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getString(1));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (Column<?> column : table.columns()) {
      if (!present.contains(column.name())) {
        missing.add(column.name());
      }
    }
    return missing;
  }
}
