package io.alertscoring.job.io;

import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/** Stores rows into one table of the catalogue with one batched INSERT per call. */
public final class ClickHouseRowStore<T> implements RowStore<T> {
  private static final long serialVersionUID = 1L;
  private final String jdbcUrl;
  private final String tableName;

  public ClickHouseRowStore(String jdbcUrl, Table<T> table) {
    this.jdbcUrl = jdbcUrl;
    this.tableName = table.name();
  }

  @Override
  public Writer<T> open() throws Exception {
    Table<T> table = Tables.byName(tableName);
    return new Writer<>() {
      private Connection connection;

      private Connection connection() throws Exception {
        if (connection == null || connection.isClosed()) {
          connection = ClickHouseSinks.connect(jdbcUrl);
        }
        return connection;
      }

      @Override
      public void write(List<T> rows) throws Exception {
        try (PreparedStatement ps = connection().prepareStatement(table.insertStatement())) {
          for (T row : rows) {
            table.bind(ps, row);
            ps.addBatch();
          }
          ps.executeBatch();
        } catch (Exception e) {
          // A broken connection is not reused: the retry opens a new one.
          close();
          throw e;
        }
      }

      @Override
      public void close() throws Exception {
        if (connection != null) {
          Connection c = connection;
          connection = null;
          c.close();
        }
      }
    };
  }

  @Override
  public String toString() {
    return tableName;
  }
}
