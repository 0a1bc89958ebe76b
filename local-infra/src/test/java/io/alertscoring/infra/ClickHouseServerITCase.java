package io.alertscoring.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ClickHouseServerITCase {

  @Test
  void replacingMergeTreeKeepsTheNewestVersion() throws Exception {
    int httpPort;
    Path baseDir;
    try (ClickHouseServer server = ClickHouseServer.start()) {
      httpPort = server.httpPort();
      baseDir = server.baseDir();
      assertThat(server.jdbcUrl())
          .isEqualTo("jdbc:clickhouse://127.0.0.1:" + httpPort + "/default?compress=false");
      assertThat(FreePorts.isFree(httpPort)).isFalse();

      server.execute(
          "CREATE TABLE t (d Date, id String, v Float64, ver UInt64) "
              + "ENGINE = ReplacingMergeTree(ver) ORDER BY (d, id)");

      try (Connection connection = server.connect()) {
        assertThat(connection.getClass().getName()).startsWith("ru.yandex.clickhouse.");
        try (PreparedStatement insert =
            connection.prepareStatement("INSERT INTO t (d, id, v, ver) VALUES (?, ?, ?, ?)")) {
          java.sql.Date day = java.sql.Date.valueOf(LocalDate.of(2024, 3, 1));
          insert.setDate(1, day);
          insert.setString(2, "alert-1");
          insert.setDouble(3, 0.25);
          insert.setLong(4, 1L);
          insert.addBatch();
          insert.setDate(1, day);
          insert.setString(2, "alert-1");
          insert.setDouble(3, 0.75);
          insert.setLong(4, 2L);
          insert.addBatch();
          assertThat(insert.executeBatch()).hasSize(2);
        }
        try (Statement statement = connection.createStatement()) {
          try (ResultSet rs = statement.executeQuery("SELECT count() FROM t FINAL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1L);
          }
          try (ResultSet rs = statement.executeQuery("SELECT d, id, v, ver FROM t FINAL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDate("d").toLocalDate()).isEqualTo(LocalDate.of(2024, 3, 1));
            assertThat(rs.getString("id")).isEqualTo("alert-1");
            assertThat(rs.getDouble("v")).isEqualTo(0.75);
            assertThat(rs.getLong("ver")).isEqualTo(2L);
            assertThat(rs.next()).isFalse();
          }
        }
      }
      assertThat(server.query("SELECT count() FROM t").strip()).isEqualTo("2");
    }
    assertThat(FreePorts.isFree(httpPort)).as("http port released after close").isTrue();
    assertThat(Files.exists(baseDir)).as("temporary directory deleted").isFalse();
  }
}
