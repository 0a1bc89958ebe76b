package io.alertscoring.launcher.validate;

import static io.alertscoring.launcher.validate.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.output.AlertScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} and {@code compare} as a user runs them, against a real ClickHouse server with
 * the product's tables: scores written with the job's INSERT, batch metadata, the SOT alert mirror
 * and labels. Fails (never skips) when no server can be started.
 */
class ValidateCommandITCase {
  private static ClickHouseServer server;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = ClickHouseServer.start();
    for (String statement : ClickHouseDdl.all()) {
      server.execute(statement);
    }
    for (String db : List.of("rerun", "weak")) {
      server.execute("CREATE DATABASE " + db);
      try (Connection connection = server.connect(db);
          Statement statement = connection.createStatement()) {
        for (String ddl : ClickHouseDdl.outputTables()) {
          statement.execute(ddl);
        }
      }
    }
    insert("default", TestData::good);
    insert("rerun", TestData::good);
    insert("weak", TestData::weak);
    server.execute(
        "INSERT INTO batch_metadata (network, processing_date, window_days, run_id, status,"
            + " alerts_received, alert_scores_written, version) VALUES"
            + " ('ethereum', '2026-01-05', 7, 'r1', 'COMPLETED', 40, 40, 2)");
    StringBuilder alerts =
        new StringBuilder(
            "INSERT INTO analyzers_alerts (network, processing_date, window_days, alert_id,"
                + " address, _version) VALUES ");
    StringBuilder labels =
        new StringBuilder(
            "INSERT INTO core_address_labels (network, processing_date, window_days, address,"
                + " label, risk_level, confidence_score, _version) VALUES ");
    for (int i = 0; i < N; i++) {
      String sep = i == 0 ? "" : ", ";
      alerts
          .append(sep)
          .append("('ethereum', '2026-01-05', 7, '" + id(i) + "', '" + address(i) + "', 1)");
      labels
          .append(sep)
          .append(
              "('ethereum', '2026-01-20', 7, '"
                  + address(i)
                  + "', 'x', '"
                  + (i % 2 == 0 ? "critical" : "low")
                  + "', 1, 1)");
    }
    server.execute(alerts.toString());
    server.execute(labels.toString());
  }

  /** Writes scores with the INSERT and bindings of the table catalogue, as the job does. */
  private static void insert(String db, IntToDoubleFunction f) throws Exception {
    try (Connection connection = server.connect(db);
        PreparedStatement ps = connection.prepareStatement(Tables.ALERT_SCORES.insertStatement())) {
      for (AlertScore s : scores(f)) {
        Tables.ALERT_SCORES.bind(ps, s);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    // the run readers are served (ADR 0006)
    server.execute(
        "INSERT INTO "
            + db
            + ".published_runs (network, processing_date, window_days, run_id, version)"
            + " VALUES ('ethereum', '2026-01-05', 7, 'r1', 2)");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void validatePrintsTheThreeTiersAndTheTotal() throws Exception {
    Path traps = dir.resolve("traps.json");
    Files.writeString(traps, "[{\"alert_id\": \"a-000\", \"expected_score\": 0.55}]");
    Path json = dir.resolve("report.json");
    Captured c = new Captured();
    int status =
        ValidateCommand.run(
            new String[] {
              "--clickhouse-url", server.jdbcUrl(),
              "--network", NETWORK,
              "--date", DATE,
              "--rerun", server.jdbcUrl("rerun"),
              "--traps", traps.toString(),
              "--other-scores", server.jdbcUrl("weak"),
              "--json-out", json.toString()
            },
            c.out,
            c.err);
    assertThat(status).as(c.err()).isZero();
    assertThat(c.out())
        .contains("integrity     0.200 / 0.2  PASS")
        .contains("behaviour     0.250 / 0.3  SCORED")
        .contains("ground truth  0.500 / 0.5  SCORED")
        .contains("total         0.950 / 1.0")
        .doesNotContain("INCOMPLETE");
    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    assertThat(report.get("total").asDouble()).isCloseTo(0.95, within(1e-9));
    assertThat(report.get("complete").asBoolean()).isTrue();
    assertThat(report.get("tiers").get("ground_truth").get("metrics").get("labels_source").asText())
        .contains("core_address_labels");
  }

  @Test
  void withoutASecondScoringTheTotalIsProvisional() {
    Captured c = new Captured();
    int status =
        ValidateCommand.run(
            new String[] {
              "--clickhouse-url", server.jdbcUrl(), "--network", NETWORK, "--date", DATE
            },
            c.out,
            c.err);
    assertThat(status).as(c.err()).isZero();
    assertThat(c.out())
        .contains("integrity     0.000 / 0.2  UNVERIFIED")
        .contains(
            "total         0.800 / 1.0   (1.000 if the not-evaluated integrity checks passed)")
        .contains("INCOMPLETE: not evaluated: integrity.determinism, behaviour.pattern_traps");
  }

  @Test
  void compareTwoDatabases() throws Exception {
    Path json = dir.resolve("ab.json");
    Captured c = new Captured();
    int status =
        CompareCommand.run(
            new String[] {
              "--a", server.jdbcUrl(),
              "--b", server.jdbcUrl("weak"),
              "--network", NETWORK,
              "--date", DATE,
              "--labels-url", server.jdbcUrl(),
              "--bootstrap", "300",
              "--json-out", json.toString()
            },
            c.out,
            c.err);
    assertThat(status).as(c.err()).isZero();
    assertThat(c.out()).contains("ethereum/2026-01-05/7").contains("auc_roc");
    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    JsonNode auc = report.get("differences").get("auc_roc");
    assertThat(auc.get("a").asDouble()).isEqualTo(1.0);
    assertThat(auc.get("difference").asDouble()).isNegative();
    assertThat(auc.get("ci_upper").asDouble()).isLessThan(0.0);
  }
}
