package io.alertscoring.api.store;

import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import io.alertscoring.schemas.output.WebhookDelivery;
import java.util.ArrayList;
import java.util.List;

/**
 * A small set of stored results in the run model, shared by the HTTP tests (through {@link
 * InMemoryScoreRepository}) and the ClickHouse tests, so both run against the same rows.
 *
 * <p>Published runs (each with a {@code published_runs} pointer), version {@link #CURRENT}:
 *
 * <ul>
 *   <li>ethereum 2024-03-02, window 7, run {@link #RUN_D2}: alerts eth-a1..eth-a5 (two share the
 *       score 0.7), six rankings (eth-a6 ranked but not scored), two clusters, metadata COMPLETED;
 *   <li>ethereum 2024-03-01, windows 7 and 30: alerts eth-b1..eth-b3 (window 7) and eth-b1, eth-c1
 *       (window 30), rankings, a cluster and metadata for both windows;
 *   <li>bitcoin 2024-03-01, window 7: alerts btc-a1, btc-a2, rankings, a cluster, and the metadata
 *       row with the greatest processed_at of all.
 * </ul>
 *
 * Runs that must never be served:
 *
 * <ul>
 *   <li>ethereum 2024-03-02 run {@link #SUPERSEDED_D2} (version {@link #STALE}, published before
 *       {@link #RUN_D2} replaced it, its older pointer kept): eth-a1, eth-a2 with other scores,
 *       eth-gone (an alert only that run has), seven rankings, a cluster eth-c-old;
 *   <li>ethereum 2024-03-02 run {@link #FAILED_D2} (newer than the published one, version 3,
 *       FAILED): eth-a1 and eth-failed, no pointer;
 *   <li>bitcoin 2024-02-28: its only run is PROCESSING (one alert btc-z1 already stored): not a
 *       date.
 * </ul>
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
  public static final long FAILED = 3;

  /** The published run of most dates. */
  public static final String RUN = "run-1";

  /** ethereum 2024-03-02: its published run, the one it superseded, and a newer failed one. */
  public static final String RUN_D2 = "run-2";

  public static final String SUPERSEDED_D2 = "run-1";
  public static final String FAILED_D2 = "run-3";

  private TestData() {}

  /** The rows of the published runs. */
  public static List<AlertScore> alertScores() {
    List<AlertScore> rows = new ArrayList<>();
    rows.add(score(ETH, D2, 7, RUN_D2, "eth-a1", 0.91, "high", CURRENT));
    rows.add(score(ETH, D2, 7, RUN_D2, "eth-a2", 0.20, "low", CURRENT));
    rows.add(score(ETH, D2, 7, RUN_D2, "eth-a3", 0.70, "medium", CURRENT));
    rows.add(score(ETH, D2, 7, RUN_D2, "eth-a4", 0.55, "medium", CURRENT));
    rows.add(score(ETH, D2, 7, RUN_D2, "eth-a5", 0.70, "medium", CURRENT));
    rows.add(score(ETH, D1, 7, RUN, "eth-b1", 0.40, "low", CURRENT));
    rows.add(score(ETH, D1, 7, RUN, "eth-b2", 0.80, "high", CURRENT));
    rows.add(score(ETH, D1, 7, RUN, "eth-b3", 0.10, "low", CURRENT));
    rows.add(score(ETH, D1, 30, RUN, "eth-b1", 0.66, "medium", CURRENT));
    rows.add(score(ETH, D1, 30, RUN, "eth-c1", 0.33, "low", CURRENT));
    rows.add(score(BTC, D1, 7, RUN, "btc-a1", 0.85, "high", CURRENT));
    rows.add(score(BTC, D1, 7, RUN, "btc-a2", 0.15, "low", CURRENT));
    return rows;
  }

  /** The rows of runs that are not published: superseded, failed, processing. */
  public static List<AlertScore> unpublishedAlertScores() {
    List<AlertScore> rows = new ArrayList<>();
    rows.add(score(ETH, D2, 7, SUPERSEDED_D2, "eth-a1", 0.01, "low", STALE));
    rows.add(score(ETH, D2, 7, SUPERSEDED_D2, "eth-a2", 0.01, "low", STALE));
    rows.add(score(ETH, D2, 7, SUPERSEDED_D2, "eth-gone", 0.99, "high", STALE));
    rows.add(score(ETH, D2, 7, FAILED_D2, "eth-a1", 0.02, "low", FAILED));
    rows.add(score(ETH, D2, 7, FAILED_D2, "eth-failed", 0.98, "high", FAILED));
    rows.add(score(BTC, D0, 7, RUN, "btc-z1", 0.50, "medium", CURRENT));
    return rows;
  }

  public static List<AlertRanking> rankings() {
    List<AlertRanking> rows = new ArrayList<>();
    String[] d2 = {"eth-a1", "eth-a3", "eth-a5", "eth-a4", "eth-a2", "eth-a6"};
    for (int i = 0; i < d2.length; i++) {
      rows.add(ranking(ETH, D2, 7, RUN_D2, i + 1, d2[i], CURRENT));
    }
    rows.add(ranking(ETH, D1, 7, RUN, 1, "eth-b2", CURRENT));
    rows.add(ranking(ETH, D1, 7, RUN, 2, "eth-b1", CURRENT));
    rows.add(ranking(ETH, D1, 7, RUN, 3, "eth-b3", CURRENT));
    rows.add(ranking(ETH, D1, 30, RUN, 1, "eth-b1", CURRENT));
    rows.add(ranking(ETH, D1, 30, RUN, 2, "eth-c1", CURRENT));
    rows.add(ranking(BTC, D1, 7, RUN, 1, "btc-a1", CURRENT));
    rows.add(ranking(BTC, D1, 7, RUN, 2, "btc-a2", CURRENT));
    return rows;
  }

  /** The superseded run ranked seven alerts, the last one at a rank the current run lacks. */
  public static List<AlertRanking> unpublishedRankings() {
    List<AlertRanking> rows = new ArrayList<>();
    String[] old = {"eth-gone", "eth-a2", "eth-a1", "eth-a4", "eth-a3", "eth-a5", "eth-a6"};
    for (int i = 0; i < old.length; i++) {
      rows.add(ranking(ETH, D2, 7, SUPERSEDED_D2, i + 1, old[i], STALE));
    }
    return rows;
  }

  public static List<ClusterScore> clusterScores() {
    List<ClusterScore> rows = new ArrayList<>();
    rows.add(cluster(ETH, D2, 7, RUN_D2, "eth-c-1", 0.75, 3, CURRENT));
    rows.add(cluster(ETH, D2, 7, RUN_D2, "eth-c-2", 0.35, 2, CURRENT));
    rows.add(cluster(ETH, D1, 7, RUN, "eth-c-3", 0.60, 2, CURRENT));
    rows.add(cluster(ETH, D1, 30, RUN, "eth-c-4", 0.10, 2, CURRENT));
    rows.add(cluster(BTC, D1, 7, RUN, "btc-c-1", 0.90, 2, CURRENT));
    return rows;
  }

  public static List<ClusterScore> unpublishedClusterScores() {
    return List.of(cluster(ETH, D2, 7, SUPERSEDED_D2, "eth-c-old", 0.95, 4, STALE));
  }

  /** One row per run, the final state of each (PROCESSING rows of finished runs included). */
  public static List<BatchMetadata> metadata() {
    List<BatchMetadata> rows = new ArrayList<>();
    rows.add(metadata(ETH, D2, 7, RUN_D2, BatchStatus.COMPLETED, 5, 1_709_400_000_000L, CURRENT));
    rows.add(metadata(ETH, D1, 7, RUN, BatchStatus.COMPLETED, 3, 1_709_300_000_000L, CURRENT));
    rows.add(metadata(ETH, D1, 30, RUN, BatchStatus.COMPLETED, 2, 1_709_300_100_000L, CURRENT));
    rows.add(metadata(BTC, D1, 7, RUN, BatchStatus.COMPLETED, 2, 1_709_500_000_000L, CURRENT));
    rows.add(
        metadata(ETH, D2, 7, SUPERSEDED_D2, BatchStatus.COMPLETED, 3, 1_709_390_000_000L, STALE));
    rows.add(metadata(ETH, D2, 7, FAILED_D2, BatchStatus.FAILED, 2, 1_709_410_000_000L, FAILED));
    rows.add(metadata(BTC, D0, 7, RUN, BatchStatus.PROCESSING, 1, 1_709_100_000_000L, CURRENT));
    return rows;
  }

  /** The PROCESSING metadata row of a batch whose first run has just begun. */
  public static BatchMetadata processing(String network, String date) {
    return metadata(network, date, 7, RUN, BatchStatus.PROCESSING, 0, LIVE_T, 1);
  }

  /** The pointers: one per published run, and the superseded run's older one. */
  public static List<PublishedRun> published() {
    List<PublishedRun> rows = new ArrayList<>();
    rows.add(pointer(ETH, D2, 7, SUPERSEDED_D2, 3, 7, 1, STALE));
    rows.add(pointer(ETH, D2, 7, RUN_D2, 5, 6, 2, CURRENT));
    rows.add(pointer(ETH, D1, 7, RUN, 3, 3, 1, CURRENT));
    rows.add(pointer(ETH, D1, 30, RUN, 2, 2, 1, CURRENT));
    rows.add(pointer(BTC, D1, 7, RUN, 2, 2, 1, CURRENT));
    return rows;
  }

  public static PublishedRun pointer(
      String network,
      String date,
      int window,
      String runId,
      long scores,
      long rankings,
      long clusters,
      long version) {
    return new PublishedRun(
        network,
        date,
        window,
        runId,
        scores,
        rankings,
        clusters,
        "{\"alert_scorer\":\"1.2.0\"}",
        1_709_400_000_000L + version,
        1_709_400_000_100L + version,
        version);
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

  /** Every row of every run, pointers and live scores, in one repository. */
  /** Settled webhook notifications of two endpoints; the second copy of a key is newer. */
  public static List<WebhookDelivery> webhookDeliveries() {
    List<WebhookDelivery> rows = new ArrayList<>();
    rows.add(delivery("siem", "alert/ethereum/eth-a1/high", "DELIVERED", 1, 120, 1_000));
    rows.add(delivery("siem", "alert/ethereum/eth-n1/high", "DELIVERED", 3, 2_400, 2_000));
    rows.add(delivery("siem", "cluster/bitcoin/btc-c1/high", "FAILED", 6, 0, 3_000));
    rows.add(delivery("pager", "alert/ethereum/eth-a1/high", "DELIVERED", 1, 80, 1_500));
    return rows;
  }

  private static WebhookDelivery delivery(
      String endpoint, String key, String status, int attempts, double latency, long settled) {
    String[] k = key.split("/");
    return new WebhookDelivery(
        endpoint,
        key,
        endpoint + "-" + k[2],
        k[0],
        k[1],
        D2,
        k[2],
        k[3],
        "live",
        "r1",
        status,
        attempts,
        status.equals(WebhookDelivery.DELIVERED) ? 200 : 503,
        latency,
        settled - 100,
        settled,
        status.equals(WebhookDelivery.DELIVERED) ? "" : "HTTP 503",
        settled);
  }

  public static InMemoryScoreRepository inMemory() {
    InMemoryScoreRepository repository = new InMemoryScoreRepository();
    alertScores().forEach(repository::add);
    unpublishedAlertScores().forEach(repository::add);
    rankings().forEach(repository::add);
    unpublishedRankings().forEach(repository::add);
    clusterScores().forEach(repository::add);
    unpublishedClusterScores().forEach(repository::add);
    metadata().forEach(repository::add);
    published().forEach(repository::add);
    for (long version : new long[] {STALE, CURRENT}) {
      liveScores(version).forEach(repository::add);
    }
    webhookDeliveries().forEach(repository::add);
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
        RUN,
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

  public static AlertScore score(
      String network,
      String date,
      int window,
      String runId,
      String id,
      double score,
      String priority,
      long version) {
    boolean current = version == CURRENT;
    return new AlertScore(
        network,
        date,
        window,
        runId,
        id,
        "0x" + id,
        "layering",
        1_000.0,
        score,
        priority,
        current ? "alert-scorer-1.2.0" : "old",
        current ? "ab12cd" : "00",
        current ? EXPLANATION : "[]",
        12.5,
        1_709_400_000_000L + version,
        version);
  }

  static AlertRanking ranking(
      String network, String date, int window, String runId, int rank, String id, long version) {
    boolean current = version == CURRENT;
    return new AlertRanking(
        network,
        date,
        window,
        runId,
        rank,
        id,
        current ? 10.0 - rank : 0.0,
        current ? "alert-ranker-1.0.0" : "old",
        1_709_400_000_000L + version,
        version);
  }

  static ClusterScore cluster(
      String network,
      String date,
      int window,
      String runId,
      String id,
      double score,
      int alerts,
      long version) {
    boolean current = version == CURRENT;
    return new ClusterScore(
        network,
        date,
        window,
        runId,
        id,
        score,
        score >= 0.7 ? "high" : "medium",
        alerts,
        1000.0 * alerts,
        // members: the first alerts of the same run, so that clusterOf finds them
        io.alertscoring.schemas.json.OutputJson.stringArray(
            alertScores().stream()
                .filter(
                    s ->
                        s.network().equals(network)
                            && s.processingDate().equals(date)
                            && s.windowDays() == window
                            && s.runId().equals(runId))
                .map(AlertScore::alertId)
                .sorted()
                .limit(alerts)
                .toArray(String[]::new)),
        current ? "cluster-scorer-1.0.0" : "old",
        "ef34",
        1_709_400_000_000L + version,
        version);
  }

  static BatchMetadata metadata(
      String network,
      String date,
      int window,
      String runId,
      BatchStatus status,
      long alerts,
      long processedAt,
      long version) {
    boolean done = status == BatchStatus.COMPLETED;
    return new BatchMetadata(
        network,
        date,
        window,
        runId,
        status,
        alerts,
        alerts * 3,
        1,
        alerts * 2,
        alerts,
        alerts * 3,
        1,
        alerts * 2,
        done ? alerts : 0,
        done ? alerts : 0,
        done ? 1 : 0,
        1.5,
        2.5,
        3.5,
        4.5,
        5.5,
        17.5,
        "{\"alert_scorer\":\"1.2.0\"}",
        status == BatchStatus.FAILED ? "batch timed out" : "",
        processedAt - 60_000,
        processedAt,
        version);
  }
}
