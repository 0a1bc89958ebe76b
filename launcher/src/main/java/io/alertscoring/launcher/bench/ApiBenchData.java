package io.alertscoring.launcher.bench;

import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
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

  /** The DDL of the output tables and the index view, from the catalogue {@link Tables}. */
  static List<String> ddl() {
    return ClickHouseDdl.outputTables();
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

  /**
   * The at-least-once duplicates of the last date: a tenth of its current run's scores and rankings
   * stored again (same keys, same version), written after the other rows have merged.
   */
  List<Step> duplicates() {
    int i = dates - 1;
    LocalDate d = date(i);
    long n = alertsPerDate;
    long published = T0 + i * 86_400_000L;
    String run = currentRun(i);
    return List.of(
        scores(d, run, 0, Math.max(1, n / 10), "cur", published),
        rankings(d, run, Math.max(1, n / 10), n, 0, published));
  }

  private void addRun(
      List<Step> steps, LocalDate d, String run, long from, long n, String salt, long at) {
    steps.add(scores(d, run, from, n, salt, at));
    steps.add(rankings(d, run, n, n, from, at));
    steps.add(clusters(d, run, Math.max(1, n / 200), salt, at));
  }

  /**
   * {@code INSERT INTO table (its columns)}: the SELECTs below list their values in the catalogue's
   * column order, so a column added to the catalogue breaks the fill loudly.
   */
  private static String insert(Table<?> table) {
    return "INSERT INTO " + table.name() + " (" + table.columnList() + ")";
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
        insert(Tables.ALERT_SCORES)
            + " SELECT "
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
            + ", 'vol') % 100000000) / 100. AS volume_usd, (sipHash64("
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
        insert(Tables.ALERT_RANKINGS)
            + " SELECT "
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
        insert(Tables.CLUSTER_SCORES)
            + " SELECT "
            + key(d, run)
            + ", concat('c-"
            + d
            + "-', toString(number)) AS cluster_id, (sipHash64(number, "
            + literal(salt)
            + ", 'c') % 1000000) / 1000000. AS score, multiIf(score >= 0.8, 'high', score >= 0.5,"
            + " 'medium', 'low') AS priority, toUInt32(number % 40 + 2) AS alert_count,"
            + " (sipHash64(number, 'v') % 1000000000) / 100. AS total_volume_usd, '[]' AS"
            + " alert_ids_json, '"
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
        insert(Tables.BATCH_METADATA)
            + " SELECT "
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
        insert(Tables.PUBLISHED_RUNS)
            + " SELECT "
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
        insert(Tables.ALERT_LIVE_SCORES)
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
