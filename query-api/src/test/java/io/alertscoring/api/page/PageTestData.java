package io.alertscoring.api.page;

import io.alertscoring.api.store.InMemoryScoreRepository;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import java.util.List;
import java.util.Locale;

/**
 * Stored results shaped like a real run's for the analyst page: two networks, {@value #ALERTS}
 * ranked and scored alerts per run with five-entry explanations over real feature names, mixed
 * priorities and typologies in rank order, batch metadata, live scores, and one alert whose id,
 * address and typology are hostile HTML.
 *
 * <ul>
 *   <li>ethereum {@link #LATEST} (run {@link #RUN_LATEST}) and {@link #EARLIER}; bitcoin {@link
 *       #EARLIER}; an open ethereum batch {@link #OPEN} with live scores only.
 *   <li>Alert {@code i} (1-based rank) of a run: id {@code <network>-<date>-<i>}, priority {@link
 *       #priority(int)}, typology {@link #typology(int)}; its explanation leads with {@code
 *       batch_pct_pagerank = 1 - i/100} and carries {@code sot_pagerank = 0.004}, so alert 1 reads
 *       "address PageRank 0.004 is in the top 1% of this batch: +0.61".
 *   <li>Alert {@link #HOSTILE_ID} is ranked last on ethereum {@link #LATEST}.
 * </ul>
 */
public final class PageTestData {

  public static final String ETH = "ethereum";
  public static final String BTC = "bitcoin";
  public static final String LATEST = "2026-03-02";
  public static final String EARLIER = "2026-03-01";
  public static final String OPEN = "2026-03-03";
  public static final String RUN_LATEST = "run-eth-0302";

  /** Scored alerts per published run (the hostile one comes on top on the latest date). */
  public static final int ALERTS = 40;

  public static final String HOSTILE_ID = "<script>alert('id')</script>&x=\"1\"";
  public static final String HOSTILE_TYPOLOGY = "<img src=x onerror=alert(1)>";

  /** Alert ids with both a final score and a live score of the same batch. */
  public static final int LIVE_TOO = 3;

  /** An alert only the open batch has (live score, no final score yet). */
  public static final String ONLY_LIVE = "ethereum-open-1";

  private static final long T0 = 1_772_409_600_000L; // 2026-03-02T00:00Z

  private PageTestData() {}

  /** The id of the alert ranked {@code i} in the network's run of {@code date}. */
  public static String alertId(String network, String date, int i) {
    return network + "-" + date + "-" + i;
  }

  /** Priorities in rank order: high, high, medium, low, high, medium, low, ... */
  public static String priority(int i) {
    return i <= 2 ? "high" : List.of("medium", "low", "high").get((i - 3) % 3);
  }

  public static String typology(int i) {
    return List.of("layering", "fan_in", "peel_chain", "mixer_hop", "structuring").get((i - 1) % 5);
  }

  static double score(int i) {
    return switch (priority(i)) {
      case "high" -> 0.99 - i * 0.002;
      case "medium" -> 0.69 - i * 0.002;
      default -> 0.30 - i * 0.002;
    };
  }

  /** Five entries over real feature names, largest absolute contribution first. */
  public static String explanation(int i, String typology) {
    double volume = 250_000.0 / i;
    String oneHot = "alert_typology_" + typology.replace('-', '_');
    return String.format(
        Locale.ROOT,
        "[{\"feature\":\"batch_pct_pagerank\",\"value\":%s,\"contribution\":%s},"
            + "{\"feature\":\"alert_log_volume_usd\",\"value\":%s,\"contribution\":%s},"
            + "{\"feature\":\"sot_pagerank\",\"value\":0.004,\"contribution\":0.21},"
            + "{\"feature\":\"%s\",\"value\":1.0,\"contribution\":0.12},"
            + "{\"feature\":\"%s\",\"value\":%s,\"contribution\":-0.05}]",
        1 - i / 100.0,
        0.61 - i * 0.001,
        Math.log1p(volume),
        0.35 - i * 0.001,
        oneHot,
        i % 4 == 0 ? "cluster_size" : "flow_in_degree",
        i % 4 == 0 ? "12" : "3");
  }

  public static InMemoryScoreRepository repository() {
    InMemoryScoreRepository r = new InMemoryScoreRepository();
    run(r, ETH, LATEST, RUN_LATEST, true);
    run(r, ETH, EARLIER, "run-eth-0301", false);
    run(r, BTC, EARLIER, "run-btc-0301", false);
    for (int i = 1; i <= LIVE_TOO; i++) {
      r.add(live(ETH, LATEST, alertId(ETH, LATEST, i), 0.5, "medium", T0 + 3_600_000L + i));
    }
    r.add(live(ETH, OPEN, ONLY_LIVE, 0.77, "high", T0 + 86_400_000L + 60_000));
    r.add(processing(ETH, OPEN));
    return r;
  }

  /** Only bitcoin: the page's default network is then the first by name. */
  public static InMemoryScoreRepository bitcoinOnly() {
    InMemoryScoreRepository r = new InMemoryScoreRepository();
    run(r, BTC, EARLIER, "run-btc-0301", false);
    return r;
  }

  private static void run(
      InMemoryScoreRepository r, String network, String date, String runId, boolean hostile) {
    int n = ALERTS + (hostile ? 1 : 0);
    for (int i = 1; i <= n; i++) {
      boolean isHostile = hostile && i == n;
      String id = isHostile ? HOSTILE_ID : alertId(network, date, i);
      String typology = isHostile ? HOSTILE_TYPOLOGY : typology(i);
      r.add(
          new AlertScore(
              network,
              date,
              7,
              runId,
              id,
              isHostile ? "0x<b>bold</b>" : "0x" + Integer.toHexString(0xa11ce000 + i),
              typology,
              // the explanation's volume; rank 3 has none stored (the page falls back to it)
              i == 3 ? Double.NaN : 250_000.0 / i,
              score(i),
              priority(i),
              "alert-scorer-1.2.0",
              "ab12cd",
              explanation(i, isHostile ? "layering" : typology),
              40.0 + i,
              T0 + 600_000 + i,
              1));
      r.add(
          new AlertRanking(
              network, date, 7, runId, i, id, 10.0 - i * 0.1, "alert-ranker-1.0.0", T0, 1));
    }
    // ranks 4..6 form one cluster of the run
    r.add(
        new io.alertscoring.schemas.output.ClusterScore(
            network,
            date,
            7,
            runId,
            "cluster-" + runId,
            0.73,
            "medium",
            3,
            187_500.0,
            io.alertscoring.schemas.json.OutputJson.stringArray(
                new String[] {
                  alertId(network, date, 4), alertId(network, date, 5), alertId(network, date, 6)
                }),
            "cluster-scorer-1.0.0",
            "cd34ef",
            T0,
            1));
    long published = T0 + 700_000;
    r.add(
        new PublishedRun(
            network,
            date,
            7,
            runId,
            n,
            n,
            4,
            "{\"alert_scorer\":\"alert-scorer-1.2.0\",\"ranker\":\"alert-ranker-1.0.0\"}",
            published - 50,
            published,
            1));
    r.add(
        new BatchMetadata(
            network,
            date,
            7,
            runId,
            BatchStatus.COMPLETED,
            n,
            n - 2,
            4,
            120,
            n,
            n - 2,
            4,
            120,
            n,
            n,
            4,
            12.5,
            48.25,
            310.0,
            22.0,
            9.5,
            402.25,
            "{\"alert_scorer\":\"alert-scorer-1.2.0\",\"ranker\":\"alert-ranker-1.0.0\"}",
            "",
            T0,
            published - 100,
            2));
  }

  private static BatchMetadata processing(String network, String date) {
    return new BatchMetadata(
        network,
        date,
        7,
        "run-open",
        BatchStatus.PROCESSING,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        "{}",
        "",
        T0 + 86_400_000L,
        0,
        1);
  }

  private static LiveAlertScore live(
      String network, String date, String id, double score, String priority, long at) {
    return new LiveAlertScore(
        network,
        date,
        7,
        "run-live",
        id,
        "0xlive",
        "layering",
        score,
        priority,
        "alert-live-1.0.0",
        "fe98",
        "[{\"feature\":\"alert_confidence\",\"value\":0.92,\"contribution\":0.4},"
            + "{\"feature\":\"sot_present\",\"value\":0.0,\"contribution\":-0.2}]",
        true,
        at - 20,
        at,
        3.5,
        at);
  }
}
