package io.alertscoring.launcher.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The history {@code bench api} stores, written by {@code INSERT ... SELECT ... FROM numbers(n)}
 * into the output tables (one INSERT per table and run, so every part holds one run, as the job's
 * sinks write them).
 *
 * <p>For each of {@code dates} processing dates from {@code startDate}, one network, window 7:
 *
 * <ul>
 *   <li>a current (published) run of {@code alertsPerDate} alerts: alert scores with a five-feature
 *       explanation as the job writes it, rankings 1..n (a permutation of the alerts), one cluster
 *       per 200 alerts, its batch_metadata rows (PROCESSING, then COMPLETED) and its {@code
 *       published_runs} pointer;
 *   <li>on every date with {@code i % 7 == 2}, an older run it superseded: as many alerts, half of
 *       them ids the current run does not have, other scores, and an older pointer (lower version);
 *   <li>on the second-to-last date, a FAILED run newer than the published one, with a fifth of the
 *       alerts (same ids, other scores) and no pointer;
 *   <li>on the last date, at-least-once duplicates: a tenth of the current run's scores and
 *       rankings written a second time (same keys, same version);
 *   <li>one date after the last, a PROCESSING run (a tenth of the alerts, no pointer) with live
 *       scores, and live scores for a tenth of the last published date's alerts.
 * </ul>
 *
 * An alert id is {@code <prefix>-<date>-<n>}; ids of the current run are n in [0, alertsPerDate),
 * those only the superseded run has are n in [alertsPerDate, 1.5 alertsPerDate).
 */
final class ApiBenchData {
  static final int WINDOW_DAYS = 7;
  static final String MODEL_VERSION = "alert-scorer-1.2.0";
  static final String RANKER_VERSION = "alert-ranker-1.0.0";
  static final String SHA = "9f2c4e1ab7d35e8f60c2a91d4b7e3f0a5c8d2e6b1f4a7c0d3e9b5a8f2c6d1e4b";
  private static final long T0 = 1_767_300_000_000L;

  final String network;
  final LocalDate startDate;
  final int dates;
  final long alertsPerDate;
  final String prefix;

  ApiBenchData(String network, LocalDate startDate, int dates, long alertsPerDate) {
    this.network = network;
    this.startDate = startDate;
    this.dates = dates;
    this.alertsPerDate = alertsPerDate;
    this.prefix = network.length() >= 3 ? network.substring(0, 3) : network;
  }

  LocalDate date(int i) {
    return startDate.plusDays(i);
  }

  /** The date after the last published one, whose only run is PROCESSING. */
  LocalDate processingDate() {
    return date(dates);
  }

  boolean superseded(int i) {
    return i % 7 == 2 && i < dates;
  }

  int failedDate() {
    return dates >= 2 ? dates - 2 : -1;
  }

  static String runId(LocalDate date, int k) {
    return "run-" + date + "-" + k;
  }

  /** The run each date's pointer names. */
  String currentRun(int i) {
    return runId(date(i), superseded(i) ? 2 : 1);
  }

  String alertId(LocalDate date, long n) {
    return prefix + "-" + date + "-" + n;
  }

  /** The DDL of the tables (issue 10's run model), one statement each. */
  static List<String> ddl() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS alert_scores (network String, processing_date Date,"
            + " window_days UInt16, run_id String, alert_id String, address String,"
            + " typology_type String, score Float64, priority String, model_version String,"
            + " model_sha256 String, explanation_json String, latency_ms Float64,"
            + " processed_at UInt64, version UInt64) ENGINE = ReplacingMergeTree(version)"
            + " PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, run_id, alert_id)",
        "CREATE TABLE IF NOT EXISTS alert_rankings (network String, processing_date Date,"
            + " window_days UInt16, run_id String, rank UInt32, alert_id String,"
            + " ranker_score Float64, model_version String, processed_at UInt64, version UInt64)"
            + " ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, run_id, rank)",
        "CREATE TABLE IF NOT EXISTS cluster_scores (network String, processing_date Date,"
            + " window_days UInt16, run_id String, cluster_id String, score Float64,"
            + " priority String, alert_count UInt32, total_volume_usd Float64,"
            + " model_version String, model_sha256 String, processed_at UInt64, version UInt64)"
            + " ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, run_id, cluster_id)",
        "CREATE TABLE IF NOT EXISTS batch_metadata (network String, processing_date Date,"
            + " window_days UInt16, run_id String, status String, alerts_received UInt64,"
            + " features_received UInt64, clusters_received UInt64, money_flows_received UInt64,"
            + " alerts_expected UInt64, features_expected UInt64, clusters_expected UInt64,"
            + " money_flows_expected UInt64, alert_scores_written UInt64, rankings_written UInt64,"
            + " cluster_scores_written UInt64, assembly_ms Float64, feature_ms Float64,"
            + " scoring_ms Float64, ranking_ms Float64, cluster_scoring_ms Float64,"
            + " total_ms Float64, model_versions String, error_message String,"
            + " started_at UInt64, processed_at UInt64, version UInt64)"
            + " ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, processing_date, window_days, run_id)",
        "CREATE TABLE IF NOT EXISTS alert_live_scores (network String, processing_date Date,"
            + " window_days UInt16, run_id String, alert_id String, address String,"
            + " typology_type String, score Float64, priority String, model_version String,"
            + " model_sha256 String, explanation_json String, features_missing UInt8,"
            + " received_at UInt64, scored_at UInt64, latency_ms Float64, version UInt64)"
            + " ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(processing_date)"
            + " ORDER BY (network, alert_id, processing_date, window_days)",
        "CREATE TABLE IF NOT EXISTS published_runs (network String, processing_date Date,"
            + " window_days UInt16, run_id String, alert_scores UInt64, rankings UInt64,"
            + " cluster_scores UInt64, model_versions String, closed_at UInt64,"
            + " published_at UInt64, version UInt64) ENGINE = ReplacingMergeTree(version)"
            + " ORDER BY (network, processing_date, window_days)",
        "CREATE TABLE IF NOT EXISTS alert_score_index (network String, alert_id String,"
            + " processing_date Date, window_days UInt16, run_id String)"
            + " ENGINE = ReplacingMergeTree()"
            + " ORDER BY (network, alert_id, processing_date, window_days, run_id)",
        "CREATE MATERIALIZED VIEW IF NOT EXISTS alert_score_index_mv TO alert_score_index AS"
            + " SELECT network, alert_id, processing_date, window_days, run_id FROM alert_scores");
  }

  /** The tables {@link #ddl} creates, the view first (dropping it before its target). */
  static List<String> dropStatements() {
    List<String> drops = new ArrayList<>();
    for (String table :
        List.of(
            "alert_score_index_mv",
            "alert_scores",
            "alert_rankings",
            "cluster_scores",
            "batch_metadata",
            "alert_live_scores",
            "published_runs",
            "alert_score_index")) {
      drops.add("DROP TABLE IF EXISTS " + table);
    }
    return drops;
  }

  /** Tables whose merges the bench stops while it measures (see {@link ApiBench}). */
  static List<String> bigTables() {
    return List.of(
        "alert_scores",
        "alert_rankings",
        "cluster_scores",
        "alert_score_index",
        "alert_live_scores");
  }

  /** One step of the fill: a description and its statement. */
  record Step(String what, long rows, String sql) {}

  /** Every INSERT of the fill, in order. */
  List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    long n = alertsPerDate;
    for (int i = 0; i < dates; i++) {
      LocalDate d = date(i);
      long published = T0 + i * 86_400_000L;
      if (superseded(i)) {
        String old = runId(d, 1);
        addRun(steps, d, old, n / 2, n, "old", published - 3_600_000L);
        steps.add(metadata(d, old, "COMPLETED", n, published - 3_600_000L, ""));
        steps.add(pointer(d, old, n, published - 3_600_000L));
      }
      String run = currentRun(i);
      addRun(steps, d, run, 0, n, "cur", published);
      steps.add(metadata(d, run, "COMPLETED", n, published, ""));
      steps.add(pointer(d, run, n, published));
      if (i == failedDate()) {
        String failed = runId(d, 3);
        steps.add(scores(d, failed, 0, Math.max(1, n / 5), "fail", published + 3_600_000L));
        steps.add(
            metadata(
                d,
                failed,
                "FAILED",
                Math.max(1, n / 5),
                published + 3_600_000L,
                "batch timed out before its close"));
      }
      if (i == dates - 1) {
        steps.add(scores(d, run, 0, Math.max(1, n / 10), "cur", published));
        steps.add(rankings(d, run, Math.max(1, n / 10), n, 0, published));
        steps.add(live(d, run, Math.max(1, n / 10), published - 600_000L));
      }
    }
    LocalDate open = processingDate();
    String openRun = runId(open, 1);
    long openPublished = T0 + dates * 86_400_000L;
    steps.add(scores(open, openRun, 0, Math.max(1, n / 10), "open", openPublished));
    steps.add(metadata(open, openRun, "PROCESSING", 0, openPublished, ""));
    steps.add(live(open, openRun, Math.max(1, n / 10), openPublished));
    return steps;
  }

  private void addRun(
      List<Step> steps, LocalDate d, String run, long from, long n, String salt, long at) {
    steps.add(scores(d, run, from, n, salt, at));
    steps.add(rankings(d, run, n, n, from, at));
    steps.add(clusters(d, run, Math.max(1, n / 200), salt, at));
  }

  private String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private String key(LocalDate d, String run) {
    return literal(network)
        + " AS network, toDate('"
        + d
        + "') AS processing_date, toUInt16("
        + WINDOW_DAYS
        + ") AS window_days, "
        + literal(run)
        + " AS run_id";
  }

  private String id(LocalDate d, String numberExpr) {
    return "concat(" + literal(prefix + "-" + d + "-") + ", toString(" + numberExpr + "))";
  }

  /** Alert scores of alerts {@code from .. from+n-1}; the salt varies the scores per run. */
  private Step scores(LocalDate d, String run, long from, long n, String salt, long at) {
    String s = literal(salt);
    String x = "(number + " + from + ")";
    String sql =
        "INSERT INTO alert_scores (network, processing_date, window_days, run_id, alert_id,"
            + " address, typology_type, score, priority, model_version, model_sha256,"
            + " explanation_json, latency_ms, processed_at, version) SELECT "
            + key(d, run)
            + ", "
            + id(d, x)
            + " AS alert_id, concat('0x', lower(hex(sipHash128(concat('address-', toString("
            + x
            + ")))))) AS address, arrayElement(['layering', 'peel_chain', 'fan_in',"
            + " 'fan_out', 'mixing', 'structuring'], "
            + x
            + " % 6 + 1) AS typology_type, (sipHash64("
            + x
            + ", "
            + s
            + ") % 1000000) / 1000000. AS score, multiIf(score >= 0.8, 'high', score >= 0.5,"
            + " 'medium', 'low') AS priority, '"
            + MODEL_VERSION
            + "' AS model_version, '"
            + SHA
            + "' AS model_sha256, concat('[{\"feature\":\"total_volume_usd\",\"value\":',"
            + " toString(round((sipHash64("
            + x
            + ", 'f1') % 100000000) / 100., 2)), ',\"contribution\":', toString(round(score *"
            + " 0.41, 4)), '},{\"feature\":\"tx_count\",\"value\":', toString(sipHash64("
            + x
            + ", 'f2') % 5000), ',\"contribution\":', toString(round(score * 0.23, 4)),"
            + " '},{\"feature\":\"unique_counterparties\",\"value\":', toString(sipHash64("
            + x
            + ", 'f3') % 900), ',\"contribution\":', toString(round(score * 0.14, 4)),"
            + " '},{\"feature\":\"reciprocity_ratio\",\"value\":', toString(round((sipHash64("
            + x
            + ", 'f4') % 1000) / 1000., 3)), ',\"contribution\":', toString(round(score *"
            + " -0.07, 4)), '},{\"feature\":\"active_days\",\"value\":', toString(sipHash64("
            + x
            + ", 'f5') % 30 + 1), ',\"contribution\":', toString(round(score * 0.05, 4)),"
            + " '}]') AS explanation_json, (sipHash64("
            + x
            + ", 'lat') % 500000) / 100. AS latency_ms, toUInt64("
            + at
            + ") AS processed_at, toUInt64("
            + at
            + ") AS version FROM numbers("
            + n
            + ")";
    return new Step("alert_scores " + d + " " + run, n, sql);
  }

  /** Ranks 1..count over a permutation of the run's {@code n} alerts from {@code from}. */
  private Step rankings(LocalDate d, String run, long count, long n, long from, long at) {
    String sql =
        "INSERT INTO alert_rankings (network, processing_date, window_days, run_id, rank,"
            + " alert_id, ranker_score, model_version, processed_at, version) SELECT "
            + key(d, run)
            + ", toUInt32(number + 1) AS rank, "
            + id(d, "((number * 7919 + 13) % " + n + ") + " + from)
            + " AS alert_id, 1. - number / "
            + n
            + ". AS ranker_score, '"
            + RANKER_VERSION
            + "' AS model_version, toUInt64("
            + at
            + ") AS processed_at, toUInt64("
            + at
            + ") AS version FROM numbers("
            + count
            + ")";
    return new Step("alert_rankings " + d + " " + run, count, sql);
  }

  private Step clusters(LocalDate d, String run, long n, String salt, long at) {
    String sql =
        "INSERT INTO cluster_scores (network, processing_date, window_days, run_id, cluster_id,"
            + " score, priority, alert_count, total_volume_usd, model_version, model_sha256,"
            + " processed_at, version) SELECT "
            + key(d, run)
            + ", concat('c-"
            + d
            + "-', toString(number)) AS cluster_id, (sipHash64(number, "
            + literal(salt)
            + ", 'c') % 1000000) / 1000000. AS score, multiIf(score >= 0.8, 'high', score >= 0.5,"
            + " 'medium', 'low') AS priority, toUInt32(number % 40 + 2) AS alert_count,"
            + " (sipHash64(number, 'v') % 1000000000) / 100. AS total_volume_usd, '"
            + MODEL_VERSION
            + "' AS model_version, '"
            + SHA
            + "' AS model_sha256, toUInt64("
            + at
            + ") AS processed_at, toUInt64("
            + at
            + ") AS version FROM numbers("
            + n
            + ")";
    return new Step("cluster_scores " + d + " " + run, n, sql);
  }

  /** The run's PROCESSING row and, unless it is still processing, its final row. */
  private Step metadata(
      LocalDate d, String run, String status, long alerts, long at, String error) {
    long clusters = Math.max(1, alerts / 200);
    String sql =
        "INSERT INTO batch_metadata (network, processing_date, window_days, run_id, status,"
            + " alerts_received, features_received, clusters_received, money_flows_received,"
            + " alerts_expected, features_expected, clusters_expected, money_flows_expected,"
            + " alert_scores_written, rankings_written, cluster_scores_written, assembly_ms,"
            + " feature_ms, scoring_ms, ranking_ms, cluster_scoring_ms, total_ms,"
            + " model_versions, error_message, started_at, processed_at, version) SELECT "
            + key(d, run)
            + ", if(number = 0, 'PROCESSING', "
            + literal(status)
            + ") AS status, toUInt64("
            + alerts
            + "), toUInt64("
            + alerts * 3
            + "), toUInt64("
            + clusters
            + "), toUInt64("
            + alerts * 9
            + "), toUInt64("
            + alerts
            + "), toUInt64("
            + alerts * 3
            + "), toUInt64("
            + clusters
            + "), toUInt64("
            + alerts * 9
            + "), toUInt64(if(number = 0, 0, "
            + alerts
            + ")), toUInt64(if(number = 0, 0, "
            + alerts
            + ")), toUInt64(if(number = 0, 0, "
            + clusters
            + ")), 1200.5, 3400.25, 61000.75, 2100., 800.5, 69000., "
            + literal("{\"alert_scorer\":\"" + MODEL_VERSION + "\"}")
            + ", if(number = 0, '', "
            + literal(error)
            + "), toUInt64("
            + (at - 600_000L)
            + "), toUInt64("
            + at
            + "), toUInt64("
            + at
            + " + number) FROM numbers("
            + (status.equals("PROCESSING") ? 1 : 2)
            + ")";
    return new Step("batch_metadata " + d + " " + run + " " + status, 2, sql);
  }

  private Step pointer(LocalDate d, String run, long n, long at) {
    long clusters = Math.max(1, n / 200);
    String sql =
        "INSERT INTO published_runs (network, processing_date, window_days, run_id,"
            + " alert_scores, rankings, cluster_scores, model_versions, closed_at, published_at,"
            + " version) SELECT "
            + key(d, run)
            + ", toUInt64("
            + n
            + "), toUInt64("
            + n
            + "), toUInt64("
            + clusters
            + "), "
            + literal("{\"alert_scorer\":\"" + MODEL_VERSION + "\"}")
            + ", toUInt64("
            + (at - 60_000L)
            + "), toUInt64("
            + at
            + "), toUInt64("
            + at
            + ")";
    return new Step("published_runs " + d + " " + run, 1, sql);
  }

  private Step live(LocalDate d, String run, long n, long at) {
    String x = "number";
    String sql =
        "INSERT INTO alert_live_scores (network, processing_date, window_days, run_id, alert_id,"
            + " address, typology_type, score, priority, model_version, model_sha256,"
            + " explanation_json, features_missing, received_at, scored_at, latency_ms, version)"
            + " SELECT "
            + key(d, run)
            + ", "
            + id(d, x)
            + " AS alert_id, concat('0x', lower(hex(sipHash128(concat('address-', toString(number))))))"
            + " AS address, arrayElement(['layering', 'peel_chain', 'fan_in', 'fan_out',"
            + " 'mixing', 'structuring'], number % 6 + 1), (sipHash64(number, 'live') % 1000000)"
            + " / 1000000. AS score, multiIf(score >= 0.8, 'high', score >= 0.5, 'medium',"
            + " 'low'), 'alert-live-1.0.0', '"
            + SHA
            + "', concat('[{\"feature\":\"total_volume_usd\",\"value\":', toString(round("
            + "(sipHash64(number, 'f1') % 100000000) / 100., 2)), ',\"contribution\":',"
            + " toString(round(score * 0.5, 4)), '}]'), toUInt8(number % 17 = 0), toUInt64("
            + at
            + " + number % 1000), toUInt64("
            + at
            + " + number % 1000 + 3), 3.5, toUInt64("
            + at
            + " + number % 1000 + 3) FROM numbers("
            + n
            + ")";
    return new Step("alert_live_scores " + d + " " + run, n, sql);
  }

  /** Rows the fill writes into alert_scores (the index gets as many). */
  long alertScoreRows() {
    long n = alertsPerDate;
    long rows = 0;
    for (int i = 0; i < dates; i++) {
      rows += n + (superseded(i) ? n : 0);
      rows += i == failedDate() ? Math.max(1, n / 5) : 0;
      rows += i == dates - 1 ? Math.max(1, n / 10) : 0;
    }
    return rows + Math.max(1, n / 10);
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "%s: %d dates x %,d alerts from %s (window %d)",
        network,
        dates,
        alertsPerDate,
        startDate,
        WINDOW_DAYS);
  }
}
