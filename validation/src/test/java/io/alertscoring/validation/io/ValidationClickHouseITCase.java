package io.alertscoring.validation.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.validation.CheckStatus;
import io.alertscoring.validation.Comparison;
import io.alertscoring.validation.ComparisonReport;
import io.alertscoring.validation.TierStatus;
import io.alertscoring.validation.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator over a real ClickHouse server (Debian's 18.16 here): the product's DDL, scores
 * written as the job writes them (including a stale lower-version row that only FINAL hides), batch
 * metadata, SOT alerts and labels. No server means a failure, never a skip.
 */
class ValidationClickHouseITCase {
  private static final BatchKey BATCH = new BatchKey("ethereum", "2026-01-05", 7);
  private static final int N = 40;

  private static ClickHouseServer server;

  @TempDir Path dir;

  /** Model A: positives (even) 0.55.., negatives (odd) below 0.5, except alert 1 at 0.80. */
  static double scoreA(int i) {
    if (i == 1) {
      return 0.80;
    }
    return i % 2 == 0 ? 0.55 + 0.4 * i / N : 0.05 + 0.4 * i / N;
  }

  /** Model B: weaker, half the positives pushed below the negatives' median. */
  static double scoreB(int i) {
    return i % 4 == 0 ? 0.12 + 0.001 * i : scoreA(i);
  }

  @BeforeAll
  static void start() throws Exception {
    server = ClickHouseServer.start();
    for (String statement : ClickHouseDdl.all()) {
      server.execute(statement);
    }
    for (String db : List.of("rerun", "candidate", "legacy")) {
      server.execute("CREATE DATABASE " + db);
    }
    for (String db : List.of("rerun", "candidate")) {
      try (Connection connection = server.connect(db);
          Statement statement = connection.createStatement()) {
        for (String ddl : ClickHouseDdl.outputTables()) {
          statement.execute(ddl);
        }
      }
    }
    // an older schema without latency_ms
    server.execute(
        "CREATE TABLE legacy.alert_scores (network String, processing_date Date,"
            + " window_days UInt16, alert_id String, address String, typology_type String,"
            + " score Float64, priority String, model_version String, model_sha256 String,"
            + " explanation_json String, processed_at UInt64, version UInt64)"
            + " ENGINE = ReplacingMergeTree(version) ORDER BY (network, processing_date,"
            + " window_days, alert_id)");

    // a stale first scoring of alert 0 (version 1), replaced by the real one (version 2)
    server.execute(
        "INSERT INTO alert_scores VALUES ('ethereum', '2026-01-05', 7, 'r1', 'a-000', '0xaddr000',"
            + " 'layering', 1000.0, 0.0001, 'low', 'v0', '"
            + "00".repeat(32)
            + "', '[]', 1.0, 1, 1)");
    insertScores("default", 2, false, i -> scoreA(i));
    insertScores("rerun", 2, false, i -> scoreA(i));
    insertScores("candidate", 2, false, i -> scoreB(i));
    insertScores("legacy", 2, true, i -> scoreA(i));

    server.execute(
        "INSERT INTO batch_metadata (network, processing_date, window_days, run_id, status,"
            + " alerts_received, alert_scores_written, version) VALUES"
            + " ('ethereum', '2026-01-05', 7, 'r1', 'PROCESSING', 10, 0, 1)");
    server.execute(
        "INSERT INTO batch_metadata (network, processing_date, window_days, run_id, status,"
            + " alerts_received, alert_scores_written, version) VALUES"
            + " ('ethereum', '2026-01-05', 7, 'r1', 'COMPLETED', 40, 40, 2)");
    // each database's published run, which the validator reads (ADR 0006)
    for (String db : List.of("default", "rerun", "candidate")) {
      server.execute(
          "INSERT INTO "
              + db
              + ".published_runs (network, processing_date, window_days, run_id, version)"
              + " VALUES ('ethereum', '2026-01-05', 7, 'r1', 2)");
    }

    StringBuilder alerts =
        new StringBuilder(
            "INSERT INTO analyzers_alerts (network, processing_date, window_days, alert_id,"
                + " address, typology_type, _version) VALUES ");
    StringBuilder labels =
        new StringBuilder(
            "INSERT INTO core_address_labels (network, processing_date, window_days, address,"
                + " label, address_type, risk_level, confidence_score, source, _version) VALUES ");
    for (int i = 0; i < N; i++) {
      alerts.append(i == 0 ? "" : ", ");
      alerts.append(
          String.format(
              Locale.ROOT,
              "('ethereum', '2026-01-05', 7, '%s', '%s', 'layering', 1)",
              id(i),
              address(i)));
      labels.append(i == 0 ? "" : ", ");
      labels.append(
          String.format(
              Locale.ROOT,
              "('ethereum', '2026-01-25', 7, '%s', '%s', 'eoa', '%s', 0.9, 'test', 1)",
              address(i),
              i % 2 == 0 ? "scam" : "benign",
              i % 2 == 0 ? (i % 3 == 0 ? "critical" : "high") : (i % 3 == 0 ? "medium" : "low")));
    }
    server.execute(alerts.toString());
    server.execute(labels.toString());
    // a label of another network for the same address must not leak in
    server.execute(
        "INSERT INTO core_address_labels (network, processing_date, window_days, address,"
            + " label, address_type, risk_level, confidence_score, source, _version) VALUES"
            + " ('bitcoin', '2026-01-25', 7, '0xaddr001', 'scam', 'eoa', 'critical', 1, 't', 1)");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String id(int i) {
    return String.format("a-%03d", i);
  }

  private static String address(int i) {
    return String.format("0xaddr%03d", i);
  }

  private static void insertScores(
      String db, long version, boolean legacy, java.util.function.IntToDoubleFunction score) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + db + ".alert_scores VALUES ");
    for (int i = 0; i < N; i++) {
      double s = score.applyAsDouble(i);
      sql.append(i == 0 ? "" : ", ")
          .append(
              String.format(
                  Locale.ROOT,
                  "('ethereum', '2026-01-05', 7, %s'%s', '%s', 'layering', %s%.17g, '%s', 'v1', '%s',"
                      + " '[{\"feature\":\"x\",\"value\":1,\"contribution\":0.1}]', %s 1000, %d)",
                  legacy ? "" : "'r1', ",
                  id(i),
                  address(i),
                  legacy ? "" : "1000.0, ",
                  s,
                  s >= 0.7 ? "high" : s >= 0.4 ? "medium" : "low",
                  "ab".repeat(32),
                  legacy ? "" : (10 + i % 5) + ",",
                  version));
    }
    server.execute(sql.toString());
  }

  private String url(String db) {
    return server.jdbcUrl(db);
  }

  private ValidationRunner.ValidateRequest request(
      String db, String rerun, List<String> others, Path traps, String labelsUrl) {
    return new ValidationRunner.ValidateRequest(
        url(db),
        BATCH.network(),
        BATCH.processingDate(),
        null,
        null,
        labelsUrl,
        null,
        rerun,
        others,
        traps);
  }

  private static boolean[] labels() {
    boolean[] y = new boolean[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % 2 == 0;
    }
    return y;
  }

  private static double[] scores(java.util.function.IntToDoubleFunction f) {
    double[] s = new double[N];
    for (int i = 0; i < N; i++) {
      s[i] = f.applyAsDouble(i);
    }
    return s;
  }

  @Test
  void aFullyEvidencedRunReadWithFinalScoresEveryTier() throws Exception {
    Path traps = dir.resolve("traps.json");
    // alert 2 is answered at its trap value (caught); alert 4 is not
    Files.writeString(
        traps,
        String.format(
            Locale.ROOT,
            "[{\"alert_id\": \"a-002\", \"expected_score\": %.17g},"
                + " {\"alert_id\": \"a-004\", \"expected_score\": 0.01}]",
            scoreA(2) + 0.005));
    ValidationReport report =
        new ValidationRunner()
            .validate(request("default", url("rerun"), List.of(url("candidate")), traps, null));

    assertThat(report.batch()).isEqualTo(BATCH);
    assertThat(report.scoreRows()).isEqualTo(N); // FINAL hid the stale row
    assertThat(report.integrity().status()).as(report.toText()).isEqualTo(TierStatus.PASS);
    assertThat(report.integrity().score()).isEqualTo(0.2);
    assertThat(report.integrity().check("same_alert_ids").orElseThrow().detail())
        .contains("all 40 input alert ids scored");
    assertThat(report.integrity().check("determinism").orElseThrow().value()).isEqualTo(0.0);
    assertThat(report.behaviour().score()).isEqualTo(0.25);
    assertThat(report.behaviour().check("pattern_trap:a-002").orElseThrow().status())
        .isEqualTo(CheckStatus.FAIL);
    assertThat(
            report
                .behaviour()
                .check(
                    "correlation:"
                        + "jdbc:clickhouse://127.0.0.1:"
                        + server.httpPort()
                        + "/candidate")
                .orElseThrow()
                .status())
        .isEqualTo(CheckStatus.PASS);

    double auc = BinaryMetrics.aucRoc(scores(ValidationClickHouseITCase::scoreA), labels());
    double ap =
        BinaryMetrics.averagePrecision(scores(ValidationClickHouseITCase::scoreA), labels());
    assertThat(auc).isLessThan(1.0);
    assertThat(report.groundTruth().status()).isEqualTo(TierStatus.SCORED);
    assertThat((Double) report.groundTruth().metrics().get("auc_roc"))
        .isCloseTo(auc, within(1e-12));
    assertThat(report.groundTruth().score()).isCloseTo(0.3 * auc + 0.2 * ap, within(1e-9));
    assertThat(report.groundTruth().metrics().get("labels_source").toString())
        .contains("core_address_labels");
    assertThat(report.total()).isCloseTo(0.2 + 0.25 + 0.3 * auc + 0.2 * ap, within(1e-9));
    assertThat(report.complete()).isTrue();
  }

  @Test
  void onlyThePublishedRunIsRead() throws Exception {
    server.execute("CREATE DATABASE IF NOT EXISTS runs");
    try (Connection connection = server.connect("runs");
        Statement statement = connection.createStatement()) {
      for (String ddl : ClickHouseDdl.outputTables()) {
        statement.execute(ddl);
      }
      // run r1 had three alerts, run r2 (published) two, run r3 is still processing
      statement.execute(
          "INSERT INTO alert_scores (network, processing_date, window_days, run_id, alert_id,"
              + " score, version) VALUES ('ethereum', '2026-01-05', 7, 'r1', 'x1', 0.1, 1),"
              + " ('ethereum', '2026-01-05', 7, 'r1', 'x2', 0.2, 1),"
              + " ('ethereum', '2026-01-05', 7, 'r1', 'x3', 0.3, 1),"
              + " ('ethereum', '2026-01-05', 7, 'r2', 'x1', 0.4, 2),"
              + " ('ethereum', '2026-01-05', 7, 'r2', 'x2', 0.5, 2),"
              + " ('ethereum', '2026-01-05', 7, 'r3', 'x9', 0.9, 3)");
      statement.execute(
          "INSERT INTO published_runs (network, processing_date, window_days, run_id, version)"
              + " VALUES ('ethereum', '2026-01-05', 7, 'r1', 1), ('ethereum', '2026-01-05', 7,"
              + " 'r2', 2)");
    }
    ClickHouseStore store = new ClickHouseStore(server.jdbcUrl("runs"));
    BatchKey batch = new BatchKey("ethereum", "2026-01-05", 7);
    assertThat(store.publishedRun(batch)).contains("r2");
    assertThat(store.read(batch).scores())
        .extracting(score -> score.runId() + ":" + score.alertId() + ":" + score.score())
        .containsExactly("r2:x1:0.4", "r2:x2:0.5");
    BatchKey unpublished = new BatchKey("ethereum", "2026-01-06", 7);
    assertThat(store.read(unpublished).scores()).isEmpty();
    assertThat(store.read(unpublished).source()).contains("no published run");
  }

  @Test
  void withoutARerunIntegrityIsUnverifiedNotPassed() {
    ValidationReport report =
        new ValidationRunner().validate(request("default", null, List.of(), null, null));
    assertThat(report.integrity().status()).isEqualTo(TierStatus.UNVERIFIED);
    assertThat(report.integrity().score()).isZero();
    assertThat(report.notEvaluated()).contains("integrity.determinism", "behaviour.pattern_traps");
    assertThat(report.totalIfUnverifiedPass() - report.total()).isCloseTo(0.2, within(1e-9));
    // the metadata row read with FINAL is the COMPLETED one
    assertThat(report.integrity().check("one_score_per_input_alert").orElseThrow().detail())
        .contains("COMPLETED");
  }

  @Test
  void aTableWithoutARequiredColumnFailsIntegrityAndLabelsCanComeFromElsewhere() {
    ValidationReport noLabels =
        new ValidationRunner().validate(request("legacy", null, List.of(), null, null));
    assertThat(noLabels.integrity().check("required_columns").orElseThrow().detail())
        .contains("missing columns [latency_ms]");
    assertThat(noLabels.integrity().status()).isEqualTo(TierStatus.FAIL);
    assertThat(noLabels.groundTruth().status()).isEqualTo(TierStatus.NOT_EVALUATED);
    assertThat(noLabels.groundTruth().reason()).contains("no core_address_labels table");

    ValidationReport labelled =
        new ValidationRunner().validate(request("legacy", null, List.of(), null, url("default")));
    assertThat(labelled.groundTruth().status()).isEqualTo(TierStatus.SCORED);
  }

  @Test
  void compareTwoDatabases() {
    ComparisonReport report =
        new ValidationRunner()
            .compare(
                new ValidationRunner.CompareRequest(
                    url("default"),
                    url("candidate"),
                    BATCH.network(),
                    List.of(BATCH.processingDate()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    new Comparison.Options(300, 7, 0.95)));
    assertThat(report.sharedAlerts()).isEqualTo(N);
    assertThat(report.positives()).isEqualTo(20);
    double aucA = BinaryMetrics.aucRoc(scores(ValidationClickHouseITCase::scoreA), labels());
    double aucB = BinaryMetrics.aucRoc(scores(ValidationClickHouseITCase::scoreB), labels());
    assertThat(report.differences().get("auc_roc").difference())
        .isCloseTo(aucB - aucA, within(1e-12));
    assertThat(report.differences().get("auc_roc").ciUpper()).isLessThan(0.0);
    assertThat(report.reportsA().get(0).groundTruth().score())
        .isGreaterThan(report.reportsB().get(0).groundTruth().score());
    assertThat(report.reportsA().get(0).integrity().check("same_alert_ids").orElseThrow().status())
        .isEqualTo(CheckStatus.PASS);
  }

  @Test
  void anExplicitWindowWithoutDataGivesAnEmptyRunThatFailsIntegrity() {
    ValidationReport report =
        new ValidationRunner()
            .validate(
                new ValidationRunner.ValidateRequest(
                    url("default"),
                    BATCH.network(),
                    BATCH.processingDate(),
                    30,
                    null,
                    null,
                    null,
                    null,
                    new ArrayList<>(),
                    null));
    assertThat(report.scoreRows()).isZero();
    assertThat(report.notes()).anyMatch(n -> n.contains("no scores"));
    assertThat(report.total()).isZero();
  }
}
