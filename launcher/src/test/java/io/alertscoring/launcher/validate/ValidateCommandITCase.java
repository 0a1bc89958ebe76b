package io.alertscoring.launcher.validate;

import static io.alertscoring.launcher.validate.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
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
        "INSERT INTO batch_metadata (network, processing_date, window_days, status,"
            + " alerts_received, alert_scores_written, version) VALUES"
            + " ('ethereum', '2026-01-05', 7, 'COMPLETED', 40, 40, 2)");
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

  /** Writes scores with the same INSERT the job's sink uses. */
  private static void insert(String db, IntToDoubleFunction f) throws Exception {
    String sql =
        "INSERT INTO alert_scores (network, processing_date, window_days, alert_id, address,"
            + " typology_type, score, priority, model_version, model_sha256, explanation_json,"
            + " latency_ms, processed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection connection = server.connect(db);
        PreparedStatement ps = connection.prepareStatement(sql)) {
      for (AlertScore s : scores(f)) {
        ps.setString(1, s.network());
        ps.setString(2, s.processingDate());
        ps.setInt(3, s.windowDays());
        ps.setString(4, s.alertId());
        ps.setString(5, s.address());
        ps.setString(6, s.typologyType());
        ps.setDouble(7, s.score());
        ps.setString(8, s.priority());
        ps.setString(9, s.modelVersion());
        ps.setString(10, s.modelSha256());
        ps.setString(11, s.explanationJson());
        ps.setDouble(12, s.latencyMs());
        ps.setLong(13, s.processedAt());
        ps.setLong(14, s.version());
        ps.addBatch();
      }
      ps.executeBatch();
    }
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
