package io.alertscoring.launcher.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code runs list} and {@code runs prune} on a real ClickHouse. No server means a failure. */
class RunsCommandITCase {
  static ClickHouseServer server;

  @BeforeAll
  static void start() {
    server = ClickHouseServer.start();
    for (String ddl : ClickHouseDdl.outputTables()) {
      server.execute(ddl);
    }
    // r1 superseded by r2 (current); r3 failed; r4 still processing, its rows already stored
    String[][] runs = {
      {"r1", "COMPLETED", "10"},
      {"r2", "COMPLETED", "20"},
      {"r3", "FAILED", "30"},
      {"r4", "PROCESSING", "40"}
    };
    for (String[] run : runs) {
      server.execute(
          "INSERT INTO batch_metadata (network, processing_date, window_days, run_id, status,"
              + " alerts_received, processed_at, version) VALUES ('ethereum', '2026-03-01', 7, '"
              + run[0]
              + "', '"
              + run[1]
              + "', 2, 1000, "
              + run[2]
              + ")");
      server.execute(
          "INSERT INTO alert_scores (network, processing_date, window_days, run_id, alert_id,"
              + " version) VALUES ('ethereum', '2026-03-01', 7, '"
              + run[0]
              + "', 'a1', 1), ('ethereum', '2026-03-01', 7, '"
              + run[0]
              + "', 'a2', 1)");
      server.execute(
          "INSERT INTO alert_rankings (network, processing_date, window_days, run_id, rank,"
              + " alert_id, version) VALUES ('ethereum', '2026-03-01', 7, '"
              + run[0]
              + "', 1, 'a1', 1)");
    }
    server.execute(
        "INSERT INTO published_runs (network, processing_date, window_days, run_id, version)"
            + " VALUES ('ethereum', '2026-03-01', 7, 'r2', 20)");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        RunsCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      String.valueOf(status),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void listsEveryRunWithItsRoleAndPrunesOnlySupersededAndFailedRuns() throws Exception {
    String[] list = run("list", "--clickhouse-url", server.jdbcUrl(), "--network", "ethereum");
    assertThat(list[0]).isEqualTo("0");
    assertThat(list[1])
        .containsPattern("r4\\s+PROCESSING")
        .containsPattern("r3\\s+FAILED")
        .containsPattern("r2\\s+CURRENT")
        .containsPattern("r1\\s+SUPERSEDED");

    String[] dry =
        run("prune", "--clickhouse-url", server.jdbcUrl(), "--grace-minutes", "0", "--dry-run");
    assertThat(dry[1]).contains("would remove 2 run(s)");
    assertThat(server.query("SELECT count() FROM alert_scores").strip()).isEqualTo("8");

    String[] prune = run("prune", "--clickhouse-url", server.jdbcUrl(), "--grace-minutes", "0");
    assertThat(prune[0]).isEqualTo("0");
    assertThat(prune[1]).contains("removing ").contains("removed 2 run(s)");
    // mutations run in the background, one after another: wait for both tables to settle
    for (String table : java.util.List.of("alert_scores", "alert_rankings")) {
      String sql = "SELECT DISTINCT run_id FROM " + table + " ORDER BY run_id";
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!server.query(sql).strip().equals("r2\nr4") && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(server.query(sql).strip()).as(table).isEqualTo("r2\nr4");
    }
  }

  @Test
  void aBadUrlIsAUsageErrorInOneLine() {
    String[] result = run("prune", "--clickhouse-url", "http://localhost:8123");
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2].strip()).startsWith("alert-scoring: runs prune: --clickhouse-url must be");
    assertThat(result[2].strip().lines()).hasSize(1);
  }
}
