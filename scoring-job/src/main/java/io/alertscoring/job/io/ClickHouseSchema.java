package io.alertscoring.job.io;

import io.alertscoring.schemas.ddl.ClickHouseDdl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Creates the product's tables if they are missing, one statement per request. */
public final class ClickHouseSchema {
  private ClickHouseSchema() {}

  public static void apply(String jdbcUrl) throws SQLException {
    try (Connection connection =
            new ru.yandex.clickhouse.ClickHouseDriver().connect(jdbcUrl, new Properties());
        Statement statement = connection.createStatement()) {
      for (String ddl : ClickHouseDdl.all()) {
        statement.execute(ddl);
      }
    }
  }
}
