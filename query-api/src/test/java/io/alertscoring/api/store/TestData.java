package io.alertscoring.api.store;

import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.util.ArrayList;
import java.util.List;

/**
 * A small set of stored results, shared by the HTTP tests (through {@link InMemoryScoreRepository})
 * and the ClickHouse tests, so both run against the same rows.
 *
 * <ul>
 *   <li>ethereum 2024-03-02, window 7: alerts eth-a1..eth-a5 (two share the score 0.7), six
 *       rankings (eth-a6 ranked but not scored), two clusters, metadata COMPLETED;
 *   <li>ethereum 2024-03-01, windows 7 and 30: alerts eth-b1..eth-b3 (window 7) and eth-b1, eth-c1
 *       (window 30), rankings, a cluster and metadata for both windows;
 *   <li>bitcoin 2024-03-01, window 7: alerts btc-a1, btc-a2, rankings, a cluster, and the metadata
 *       row with the greatest processed_at of all;
 *   <li>bitcoin 2024-02-28, window 7: one alert and a PROCESSING metadata row.
 * </ul>
 *
 * Every row exists in a stale version 1 (score 0.01, model "old", status PROCESSING) and the real
 * version 2: a replay that must replace, not duplicate.
 *
 * <p>Live scores ({@link #liveScores}), whose version is their scoring time: a stale first score
 * without features 500 ms before the current re-score.
 *
 * <ul>
 *   <li>ethereum 2024-03-03 (an open batch: no metadata, no final scores, so not a "date"): eth-n1,
 *       eth-n2 (scored at the same instant), eth-n3 (still without features), and eth-b3, which has
 *       a final score of 2024-03-01 too;
 *   <li>ethereum 2024-03-02: eth-a1 and eth-a2, superseded by their final scores;
 *   <li>ethereum 2024-03-01: eth-b1 at windows 7 and 30;
 *   <li>bitcoin 2024-02-28 (PROCESSING): btc-z2, without features, the newest live score of all.
 * </ul>
 */
public final class TestData {

  public static final String ETH = "ethereum";
  public static final String BTC = "bitcoin";
  public static final String D1 = "2024-03-01";
  public static final String D2 = "2024-03-02";
  public static final String D0 = "2024-02-28";

  /** A date with live scores only: its batch is open. */
  public static final String D3 = "2024-03-03";

  /** The scoring time the live rows are placed around (epoch ms). */
  public static final long LIVE_T = 1_709_450_000_000L;

  /** Live scores lag their current version's scoring time by this much in the stale version. */
  public static final long RESCORE_DELAY_MS = 500;

  public static final String LIVE_MODEL = "alert-live-1.0.0";

  public static final String EXPLANATION =
      "[{\"feature\":\"total_volume_usd\",\"value\":125000.5,\"contribution\":0.42},"
          + "{\"feature\":\"degree_out\",\"value\":17.0,\"contribution\":-0.05}]";

  public static final long STALE = 1;
  public static final long CURRENT = 2;

  private TestData() {}

  public static List<AlertScore> alertScores(long version) {
    List<AlertScore> rows = new ArrayList<>();
    rows.add(score(ETH, D2, 7, "eth-a1", 0.91, "high", version));
    rows.add(score(ETH, D2, 7, "eth-a2", 0.20, "low", version));
    rows.add(score(ETH, D2, 7, "eth-a3", 0.70, "medium", version));
    rows.add(score(ETH, D2, 7, "eth-a4", 0.55, "medium", version));
    rows.add(score(ETH, D2, 7, "eth-a5", 0.70, "medium", version));
    rows.add(score(ETH, D1, 7, "eth-b1", 0.40, "low", version));
    rows.add(score(ETH, D1, 7, "eth-b2", 0.80, "high", version));
    rows.add(score(ETH, D1, 7, "eth-b3", 0.10, "low", version));
    rows.add(score(ETH, D1, 30, "eth-b1", 0.66, "medium", version));
    rows.add(score(ETH, D1, 30, "eth-c1", 0.33, "low", version));
    rows.add(score(BTC, D1, 7, "btc-a1", 0.85, "high", version));
    rows.add(score(BTC, D1, 7, "btc-a2", 0.15, "low", version));
    rows.add(score(BTC, D0, 7, "btc-z1", 0.50, "medium", version));
    return rows;
  }

  public static List<AlertRanking> rankings(long version) {
    List<AlertRanking> rows = new ArrayList<>();
    String[] d2 = {"eth-a1", "eth-a3", "eth-a5", "eth-a4", "eth-a2", "eth-a6"};
    for (int i = 0; i < d2.length; i++) {
      rows.add(
          ranking(ETH, D2, 7, i + 1, version == STALE ? d2[d2.length - 1 - i] : d2[i], version));
    }
    rows.add(ranking(ETH, D1, 7, 1, "eth-b2", version));
    rows.add(ranking(ETH, D1, 7, 2, "eth-b1", version));
    rows.add(ranking(ETH, D1, 7, 3, "eth-b3", version));
    rows.add(ranking(ETH, D1, 30, 1, "eth-b1", version));
    rows.add(ranking(ETH, D1, 30, 2, "eth-c1", version));
    rows.add(ranking(BTC, D1, 7, 1, "btc-a1", version));
    rows.add(ranking(BTC, D1, 7, 2, "btc-a2", version));
    return rows;
  }

  public static List<ClusterScore> clusterScores(long version) {
    List<ClusterScore> rows = new ArrayList<>();
    rows.add(cluster(ETH, D2, 7, "eth-c-1", 0.75, 3, version));
    rows.add(cluster(ETH, D2, 7, "eth-c-2", 0.35, 2, version));
    rows.add(cluster(ETH, D1, 7, "eth-c-3", 0.60, 2, version));
    rows.add(cluster(ETH, D1, 30, "eth-c-4", 0.10, 2, version));
    rows.add(cluster(BTC, D1, 7, "btc-c-1", 0.90, 2, version));
    return rows;
  }

  public static List<BatchMetadata> metadata(long version) {
    List<BatchMetadata> rows = new ArrayList<>();
    rows.add(metadata(ETH, D2, 7, BatchStatus.COMPLETED, 5, 1_709_400_000_000L, version));
    rows.add(metadata(ETH, D1, 7, BatchStatus.COMPLETED, 3, 1_709_300_000_000L, version));
    rows.add(metadata(ETH, D1, 30, BatchStatus.COMPLETED, 2, 1_709_300_100_000L, version));
    rows.add(metadata(BTC, D1, 7, BatchStatus.COMPLETED, 2, 1_709_500_000_000L, version));
    rows.add(metadata(BTC, D0, 7, BatchStatus.PROCESSING, 1, 1_709_100_000_000L, version));
    return rows;
  }

  /** Live scores in the stale (first score, without features) or current (re-score) version. */
  public static List<LiveAlertScore> liveScores(long version) {
    List<LiveAlertScore> rows = new ArrayList<>();
    rows.add(live(ETH, D3, 7, "eth-n1", 0.88, "high", false, LIVE_T + 5_000, version));
    rows.add(live(ETH, D3, 7, "eth-n2", 0.30, "low", false, LIVE_T + 5_000, version));
    rows.add(live(ETH, D3, 7, "eth-n3", 0.45, "medium", true, LIVE_T + 4_000, version));
    rows.add(live(ETH, D3, 7, "eth-b3", 0.62, "medium", false, LIVE_T + 3_000, version));
    rows.add(live(ETH, D2, 7, "eth-a1", 0.86, "high", false, LIVE_T + 2_000, version));
    rows.add(live(ETH, D2, 7, "eth-a2", 0.25, "low", false, LIVE_T + 1_000, version));
    rows.add(live(ETH, D1, 7, "eth-b1", 0.35, "low", false, LIVE_T - 5_000, version));
    rows.add(live(ETH, D1, 30, "eth-b1", 0.60, "medium", false, LIVE_T - 4_000, version));
    rows.add(live(BTC, D0, 7, "btc-z2", 0.52, "medium", true, LIVE_T + 6_000, version));
    return rows;
  }

  /** The stale and the current rows of every table, in one repository. */
  public static InMemoryScoreRepository inMemory() {
    InMemoryScoreRepository repository = new InMemoryScoreRepository();
    for (long version : new long[] {STALE, CURRENT}) {
      alertScores(version).forEach(repository::add);
      rankings(version).forEach(repository::add);
      clusterScores(version).forEach(repository::add);
      metadata(version).forEach(repository::add);
      liveScores(version).forEach(repository::add);
    }
    return repository;
  }

  /**
   * One live score whose ReplacingMergeTree version is its scoring time. {@code version} says which
   * edition: {@link #STALE} is the first score, 500 ms before {@code scoredAt}, without features,
   * score 0.01, model "old"; any other value gives the score as passed.
   */
  public static LiveAlertScore live(
      String network,
      String date,
      int window,
      String id,
      double score,
      String priority,
      boolean featuresMissing,
      long scoredAt,
      long version) {
    boolean stale = version == STALE;
    long at = stale ? scoredAt - RESCORE_DELAY_MS : scoredAt;
    return new LiveAlertScore(
        network,
        date,
        window,
        id,
        "0x" + id,
        "layering",
        stale ? 0.01 : score,
        stale ? "low" : priority,
        stale ? "old" : LIVE_MODEL,
        stale ? "00" : "fe98",
        stale ? "[]" : EXPLANATION,
        stale || featuresMissing,
        at - 20,
        at,
        stale ? 20.0 : 3.5,
        at);
  }

  static AlertScore score(
      String network,
      String date,
      int window,
      String id,
      double score,
      String priority,
      long version) {
    boolean stale = version == STALE;
    return new AlertScore(
        network,
        date,
        window,
        id,
        "0x" + id,
        "layering",
        stale ? 0.01 : score,
        stale ? "low" : priority,
        stale ? "old" : "alert-scorer-1.2.0",
        stale ? "00" : "ab12cd",
        stale ? "[]" : EXPLANATION,
        12.5,
        1_709_400_000_000L + version,
        version);
  }

  static AlertRanking ranking(
      String network, String date, int window, int rank, String id, long version) {
    boolean stale = version == STALE;
    return new AlertRanking(
        network,
        date,
        window,
        rank,
        id,
        stale ? 0.0 : 10.0 - rank,
        stale ? "old" : "alert-ranker-1.0.0",
        1_709_400_000_000L + version,
        version);
  }

  static ClusterScore cluster(
      String network, String date, int window, String id, double score, int alerts, long version) {
    boolean stale = version == STALE;
    return new ClusterScore(
        network,
        date,
        window,
        id,
        stale ? 0.01 : score,
        score >= 0.7 ? "high" : "medium",
        alerts,
        1000.0 * alerts,
        stale ? "old" : "cluster-scorer-1.0.0",
        "ef34",
        1_709_400_000_000L + version,
        version);
  }

  static BatchMetadata metadata(
      String network,
      String date,
      int window,
      BatchStatus status,
      long alerts,
      long processedAt,
      long version) {
    boolean stale = version == STALE;
    return new BatchMetadata(
        network,
        date,
        window,
        stale ? BatchStatus.PROCESSING : status,
        alerts,
        alerts * 3,
        1,
        alerts * 2,
        alerts,
        alerts * 3,
        1,
        alerts * 2,
        stale ? 0 : alerts,
        stale ? 0 : alerts,
        stale ? 0 : 1,
        1.5,
        2.5,
        3.5,
        4.5,
        5.5,
        17.5,
        "{\"alert_scorer\":\"1.2.0\"}",
        "",
        processedAt - 60_000,
        stale ? processedAt - 30_000 : processedAt,
        version);
  }
}
