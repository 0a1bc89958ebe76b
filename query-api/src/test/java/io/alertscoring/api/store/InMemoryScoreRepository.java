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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link ScoreRepository} in memory with the semantics of the ClickHouse one: rows replace each
 * other per key (run id included), the highest version winning (as the at-least-once duplicates of
 * a run collapse); {@code published_runs} keeps the highest version per (network, date, window) and
 * {@code batch_metadata} per run. Thread-safe; for tests of the HTTP layer.
 */
public final class InMemoryScoreRepository implements ScoreRepository {

  private final Map<List<Object>, AlertScore> scores = new LinkedHashMap<>();
  private final Map<List<Object>, AlertRanking> rankings = new LinkedHashMap<>();
  private final Map<List<Object>, ClusterScore> clusters = new LinkedHashMap<>();
  private final Map<List<Object>, BatchMetadata> metadata = new LinkedHashMap<>();
  private final Map<List<Object>, PublishedRun> published = new LinkedHashMap<>();
  private final Map<List<Object>, LiveAlertScore> live = new LinkedHashMap<>();
  private final Map<List<Object>, WebhookDelivery> webhooks = new LinkedHashMap<>();
  private final AtomicBoolean available = new AtomicBoolean(true);
  private final AtomicInteger catalogueLoads = new AtomicInteger();
  private volatile RuntimeException failure;

  /** Makes {@link #isAvailable()} answer {@code up}. */
  public InMemoryScoreRepository available(boolean up) {
    available.set(up);
    return this;
  }

  /** Makes every query but {@link #isAvailable()} throw {@code e} (null: answer normally). */
  public InMemoryScoreRepository failWith(RuntimeException e) {
    failure = e;
    return this;
  }

  /** How many times {@link #catalogue()} was called. */
  public int catalogueLoads() {
    return catalogueLoads.get();
  }

  public synchronized InMemoryScoreRepository add(AlertScore... rows) {
    for (AlertScore r : rows) {
      put(
          scores,
          List.of(run(r.network(), r.processingDate(), r.windowDays(), r.runId()), r.alertId()),
          r,
          AlertScore::version);
    }
    return this;
  }

  public synchronized InMemoryScoreRepository add(AlertRanking... rows) {
    for (AlertRanking r : rows) {
      put(
          rankings,
          List.of(run(r.network(), r.processingDate(), r.windowDays(), r.runId()), r.rank()),
          r,
          AlertRanking::version);
    }
    return this;
  }

  public synchronized InMemoryScoreRepository add(ClusterScore... rows) {
    for (ClusterScore r : rows) {
      put(
          clusters,
          List.of(run(r.network(), r.processingDate(), r.windowDays(), r.runId()), r.clusterId()),
          r,
          ClusterScore::version);
    }
    return this;
  }

  public synchronized InMemoryScoreRepository add(BatchMetadata... rows) {
    for (BatchMetadata r : rows) {
      put(
          metadata,
          List.of(run(r.network(), r.processingDate(), r.windowDays(), r.runId())),
          r,
          BatchMetadata::version);
    }
    return this;
  }

  public synchronized InMemoryScoreRepository add(PublishedRun... rows) {
    for (PublishedRun r : rows) {
      put(
          published,
          List.of(r.network(), r.processingDate(), r.windowDays()),
          r,
          PublishedRun::version);
    }
    return this;
  }

  public synchronized InMemoryScoreRepository add(LiveAlertScore... rows) {
    for (LiveAlertScore r : rows) {
      put(
          live,
          List.of(r.network(), r.processingDate(), r.windowDays(), r.alertId()),
          r,
          LiveAlertScore::version);
    }
    return this;
  }

  private static String run(String network, String date, int window, String runId) {
    return network + "/" + date + "/" + window + "/" + runId;
  }

  private static String run(PublishedRun p) {
    return run(p.network(), p.processingDate(), p.windowDays(), p.runId());
  }

  private static <T> void put(
      Map<List<Object>, T> table, List<Object> key, T row, ToLongFunction<T> version) {
    T old = table.get(key);
    if (old == null || version.applyAsLong(row) >= version.applyAsLong(old)) {
      table.put(key, row);
    }
  }

  @Override
  public boolean isAvailable() {
    return available.get();
  }

  @Override
  public synchronized Catalogue catalogue() {
    check();
    catalogueLoads.incrementAndGet();
    return new Catalogue(List.copyOf(published.values()), List.copyOf(metadata.values()));
  }

  private <T> List<T> ofRun(
      Map<List<Object>, T> table, PublishedRun run, Comparator<T> order, long offset, int limit) {
    check();
    String key = run(run);
    return table.entrySet().stream()
        .filter(e -> e.getKey().get(0).equals(key))
        .map(Map.Entry::getValue)
        .sorted(order)
        .skip(offset)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<AlertScore> alertScores(PublishedRun run, long offset, int limit) {
    return ofRun(scores, run, Comparator.comparing(AlertScore::alertId), offset, limit);
  }

  @Override
  public synchronized List<AlertRanking> rankings(PublishedRun run, long offset, int limit) {
    return ofRun(rankings, run, Comparator.comparingInt(AlertRanking::rank), offset, limit);
  }

  @Override
  public synchronized List<RankedAlert> topRankings(PublishedRun run, int n) {
    Map<String, AlertScore> byId = new HashMap<>();
    for (AlertScore s :
        ofRun(scores, run, Comparator.comparing(AlertScore::alertId), 0, Integer.MAX_VALUE)) {
      byId.put(s.alertId(), s);
    }
    return rankings(run, 0, n).stream().map(r -> RankedAlert.of(r, byId.get(r.alertId()))).toList();
  }

  @Override
  public synchronized List<ClusterScore> clusterScores(PublishedRun run, long offset, int limit) {
    return ofRun(
        clusters,
        run,
        Comparator.comparingDouble(ClusterScore::score)
            .reversed()
            .thenComparing(ClusterScore::clusterId),
        offset,
        limit);
  }

  @Override
  public synchronized Optional<ClusterScore> clusterOf(AlertScore score) {
    String quoted = io.alertscoring.schemas.json.OutputJson.encode(score.alertId());
    return clusters.values().stream()
        .filter(
            c ->
                c.network().equals(score.network())
                    && c.processingDate().equals(score.processingDate())
                    && c.windowDays() == score.windowDays()
                    && c.runId().equals(score.runId())
                    && c.alertIdsJson().contains(quoted))
        .min(Comparator.comparing(ClusterScore::clusterId));
  }

  @Override
  public synchronized Optional<AlertScore> alertScore(
      String alertId, Optional<String> network, Catalogue catalogue) {
    check();
    return scores.values().stream()
        .filter(s -> s.alertId().equals(alertId))
        .filter(s -> network.map(n -> n.equals(s.network())).orElse(true))
        .filter(
            s -> catalogue.isCurrent(s.network(), s.processingDate(), s.windowDays(), s.runId()))
        .sorted(
            Comparator.comparing(AlertScore::processingDate)
                .reversed()
                .thenComparingInt(AlertScore::windowDays)
                .thenComparing(AlertScore::network))
        .findFirst();
  }

  @Override
  public synchronized Optional<LiveAlertScore> liveScore(String alertId, Optional<String> network) {
    check();
    return live.values().stream()
        .filter(s -> s.alertId().equals(alertId))
        .filter(s -> network.map(n -> n.equals(s.network())).orElse(true))
        .sorted(
            Comparator.comparing(LiveAlertScore::processingDate)
                .reversed()
                .thenComparingInt(LiveAlertScore::windowDays)
                .thenComparing(LiveAlertScore::network))
        .findFirst();
  }

  @Override
  public synchronized Page<LiveAlertScore> latestLiveScores(
      Optional<String> network, int limit, int offset) {
    check();
    List<LiveAlertScore> rows =
        live.values().stream()
            .filter(s -> network.map(n -> n.equals(s.network())).orElse(true))
            .sorted(
                Comparator.comparingLong(LiveAlertScore::scoredAt)
                    .reversed()
                    .thenComparing(LiveAlertScore::alertId)
                    .thenComparing(LiveAlertScore::network)
                    .thenComparing(Comparator.comparing(LiveAlertScore::processingDate).reversed())
                    .thenComparingInt(LiveAlertScore::windowDays))
            .toList();
    List<LiveAlertScore> items =
        offset >= rows.size()
            ? List.of()
            : rows.subList(offset, (int) Math.min((long) offset + limit, rows.size()));
    return Page.undated(rows.size(), items);
  }

  public synchronized InMemoryScoreRepository add(WebhookDelivery... rows) {
    for (WebhookDelivery r : rows) {
      put(webhooks, List.of(r.endpointId(), r.dedupKey()), r, WebhookDelivery::version);
    }
    return this;
  }

  @Override
  public synchronized List<WebhookDelivery> webhookDeliveries(
      Optional<String> endpointId, Optional<String> status, int limit) {
    check();
    return webhooks.values().stream()
        .filter(d -> endpointId.map(d.endpointId()::equals).orElse(true))
        .filter(d -> status.map(d.status()::equals).orElse(true))
        .sorted(
            java.util.Comparator.comparingLong(WebhookDelivery::settledAt)
                .reversed()
                .thenComparing(WebhookDelivery::endpointId)
                .thenComparing(WebhookDelivery::dedupKey))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<WebhookEndpointSummary> webhookEndpoints() {
    check();
    Map<String, List<WebhookDelivery>> byEndpoint = new java.util.TreeMap<>();
    for (WebhookDelivery d : webhooks.values()) {
      byEndpoint.computeIfAbsent(d.endpointId(), k -> new java.util.ArrayList<>()).add(d);
    }
    List<WebhookEndpointSummary> out = new java.util.ArrayList<>();
    for (Map.Entry<String, List<WebhookDelivery>> e : byEndpoint.entrySet()) {
      double[] latencies =
          e.getValue().stream()
              .filter(d -> d.status().equals(WebhookDelivery.DELIVERED))
              .mapToDouble(WebhookDelivery::latencyMs)
              .sorted()
              .toArray();
      out.add(
          new WebhookEndpointSummary(
              e.getKey(),
              latencies.length,
              e.getValue().stream().filter(d -> d.status().equals(WebhookDelivery.FAILED)).count(),
              e.getValue().stream().mapToLong(WebhookDelivery::attempts).sum(),
              quantile(latencies, 0.5),
              quantile(latencies, 0.99),
              e.getValue().stream().mapToLong(WebhookDelivery::settledAt).max().orElse(0)));
    }
    return out;
  }

  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  @Override
  public synchronized List<LiveSummary> liveSummary(
      Optional<String> network, int limit, Catalogue catalogue) {
    check();
    Map<List<Object>, List<LiveAlertScore>> groups = new HashMap<>();
    live.values().stream()
        .filter(s -> network.map(n -> n.equals(s.network())).orElse(true))
        .forEach(
            s ->
                groups
                    .computeIfAbsent(
                        List.of(s.network(), s.processingDate(), s.windowDays()),
                        k -> new ArrayList<>())
                    .add(s));
    List<LiveSummary> rows = new ArrayList<>();
    groups.forEach(
        (key, scored) -> {
          Optional<BatchMetadata> batch =
              catalogue.newestRun((String) key.get(0), (String) key.get(1), (Integer) key.get(2));
          BatchStatus status = batch.map(BatchMetadata::status).orElse(null);
          rows.add(
              new LiveSummary(
                  (String) key.get(0),
                  (String) key.get(1),
                  (Integer) key.get(2),
                  scored.size(),
                  scored.stream().filter(LiveAlertScore::featuresMissing).count(),
                  scored.stream().mapToLong(LiveAlertScore::scoredAt).max().orElseThrow(),
                  status,
                  status == BatchStatus.COMPLETED ? batch.get().alertScoresWritten() : null));
        });
    return rows.stream()
        .sorted(
            Comparator.comparing(LiveSummary::processingDate)
                .reversed()
                .thenComparing(LiveSummary::network)
                .thenComparingInt(LiveSummary::windowDays))
        .limit(limit)
        .toList();
  }

  private void check() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
  }

  /** Every stored row count, by table, for assertions. */
  public synchronized Map<String, Integer> sizes() {
    return Stream.of(
            Map.entry("alert_scores", scores.size()),
            Map.entry("alert_rankings", rankings.size()),
            Map.entry("cluster_scores", clusters.size()),
            Map.entry("batch_metadata", metadata.size()),
            Map.entry("published_runs", published.size()),
            Map.entry("alert_live_scores", live.size()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
