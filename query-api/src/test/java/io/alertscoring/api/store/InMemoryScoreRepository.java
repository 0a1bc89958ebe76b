package io.alertscoring.api.store;

import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link ScoreRepository} in memory with the semantics of the ClickHouse one: rows replace each
 * other per key, the highest version winning (like ReplacingMergeTree read with FINAL); a scope
 * without a window reads each (network, date) at its smallest window in the table read; dates are
 * those with metadata or alert scores. Thread-safe; for tests of the HTTP layer.
 */
public final class InMemoryScoreRepository implements ScoreRepository {

  private final Map<List<Object>, AlertScore> scores = new LinkedHashMap<>();
  private final Map<List<Object>, AlertRanking> rankings = new LinkedHashMap<>();
  private final Map<List<Object>, ClusterScore> clusters = new LinkedHashMap<>();
  private final Map<List<Object>, BatchMetadata> metadata = new LinkedHashMap<>();
  private final Map<List<Object>, LiveAlertScore> live = new LinkedHashMap<>();
  private final AtomicBoolean available = new AtomicBoolean(true);
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

  public synchronized InMemoryScoreRepository add(AlertScore... rows) {
    for (AlertScore r : rows) {
      put(
          scores,
          List.of(r.network(), r.processingDate(), r.windowDays(), r.alertId()),
          r,
          AlertScore::version);
    }
    return this;
  }

  public synchronized InMemoryScoreRepository add(AlertRanking... rows) {
    for (AlertRanking r : rows) {
      put(
          rankings,
          List.of(r.network(), r.processingDate(), r.windowDays(), r.rank()),
          r,
          AlertRanking::version);
    }
    return this;
  }

  public synchronized InMemoryScoreRepository add(ClusterScore... rows) {
    for (ClusterScore r : rows) {
      put(
          clusters,
          List.of(r.network(), r.processingDate(), r.windowDays(), r.clusterId()),
          r,
          ClusterScore::version);
    }
    return this;
  }

  public synchronized InMemoryScoreRepository add(BatchMetadata... rows) {
    for (BatchMetadata r : rows) {
      put(
          metadata,
          List.of(r.network(), r.processingDate(), r.windowDays()),
          r,
          BatchMetadata::version);
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

  private static <T> void put(
      Map<List<Object>, T> table, List<Object> key, T row, Function<T, Long> version) {
    T old = table.get(key);
    if (old == null || version.apply(row) >= version.apply(old)) {
      table.put(key, row);
    }
  }

  @Override
  public boolean isAvailable() {
    return available.get();
  }

  @Override
  public synchronized List<String> networks() {
    check();
    Set<String> names = new TreeSet<>();
    metadata.values().forEach(m -> names.add(m.network()));
    scores.values().forEach(s -> names.add(s.network()));
    live.values().forEach(s -> names.add(s.network()));
    return List.copyOf(names);
  }

  @Override
  public synchronized List<String> availableDates(Scope scope) {
    check();
    Set<String> dates = new TreeSet<>(Comparator.reverseOrder());
    metadata.values().stream()
        .filter(m -> inScope(scope, m.network(), m.windowDays()))
        .forEach(m -> dates.add(m.processingDate()));
    scores.values().stream()
        .filter(s -> inScope(scope, s.network(), s.windowDays()))
        .forEach(s -> dates.add(s.processingDate()));
    return List.copyOf(dates);
  }

  @Override
  public synchronized Optional<String> latestDate(Scope scope) {
    return availableDates(scope).stream().findFirst();
  }

  @Override
  public synchronized Page<AlertScore> alertScores(
      Scope scope, String date, int limit, int offset) {
    List<AlertScore> rows =
        selected(
                scores.values(),
                scope,
                date,
                AlertScore::network,
                AlertScore::processingDate,
                AlertScore::windowDays)
            .sorted(
                Comparator.comparingDouble(AlertScore::score)
                    .reversed()
                    .thenComparing(AlertScore::network)
                    .thenComparing(AlertScore::alertId))
            .toList();
    return page(date, rows, limit, offset);
  }

  @Override
  public synchronized Optional<AlertScore> alertScore(String alertId, Optional<String> network) {
    check();
    return scores.values().stream()
        .filter(s -> s.alertId().equals(alertId))
        .filter(s -> network.map(n -> n.equals(s.network())).orElse(true))
        .sorted(
            Comparator.comparing(AlertScore::processingDate)
                .reversed()
                .thenComparingInt(AlertScore::windowDays)
                .thenComparing(AlertScore::network))
        .findFirst();
  }

  @Override
  public synchronized Page<AlertRanking> rankings(Scope scope, String date, int limit, int offset) {
    List<AlertRanking> rows = rankingsOf(scope, date);
    return page(date, rows, limit, offset);
  }

  private List<AlertRanking> rankingsOf(Scope scope, String date) {
    return selected(
            rankings.values(),
            scope,
            date,
            AlertRanking::network,
            AlertRanking::processingDate,
            AlertRanking::windowDays)
        .sorted(Comparator.comparingInt(AlertRanking::rank).thenComparing(AlertRanking::network))
        .toList();
  }

  @Override
  public synchronized Optional<Page<RankedAlert>> topRankings(Scope scope, int n) {
    Optional<String> latest = latestDate(scope);
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    String date = latest.get();
    List<AlertRanking> all = rankingsOf(scope, date);
    List<RankedAlert> top = new ArrayList<>();
    for (AlertRanking r : all.subList(0, Math.min(n, all.size()))) {
      AlertScore s =
          scores.get(List.of(r.network(), r.processingDate(), r.windowDays(), r.alertId()));
      top.add(
          new RankedAlert(
              r.network(),
              r.processingDate(),
              r.windowDays(),
              r.rank(),
              r.alertId(),
              r.rankerScore(),
              r.modelVersion(),
              s != null,
              s == null ? 0.0 : s.score(),
              s == null ? null : s.priority(),
              s == null ? null : s.address(),
              s == null ? null : s.typologyType(),
              s == null ? null : s.explanationJson()));
    }
    return Optional.of(new Page<>(date, all.size(), top));
  }

  @Override
  public synchronized Page<ClusterScore> clusterScores(
      Scope scope, String date, int limit, int offset) {
    List<ClusterScore> rows =
        selected(
                clusters.values(),
                scope,
                date,
                ClusterScore::network,
                ClusterScore::processingDate,
                ClusterScore::windowDays)
            .sorted(
                Comparator.comparingDouble(ClusterScore::score)
                    .reversed()
                    .thenComparing(ClusterScore::network)
                    .thenComparing(ClusterScore::clusterId))
            .toList();
    return page(date, rows, limit, offset);
  }

  @Override
  public synchronized List<BatchMetadata> metadata(Scope scope, String date) {
    return selectedMetadata(scope, date)
        .sorted(Comparator.comparing(BatchMetadata::network))
        .toList();
  }

  @Override
  public synchronized Optional<BatchMetadata> latestMetadata(Scope scope) {
    check();
    Stream<BatchMetadata> rows =
        metadata.values().stream().filter(m -> inScope(scope, m.network(), m.windowDays()));
    Comparator<BatchMetadata> order =
        scope.network().isPresent()
            ? Comparator.comparing(BatchMetadata::processingDate)
                .reversed()
                .thenComparingInt(BatchMetadata::windowDays)
            : Comparator.comparingLong(BatchMetadata::processedAt)
                .reversed()
                .thenComparing(Comparator.comparing(BatchMetadata::processingDate).reversed())
                .thenComparing(BatchMetadata::network)
                .thenComparingInt(BatchMetadata::windowDays);
    return rows.sorted(order).findFirst();
  }

  @Override
  public synchronized List<BatchMetadata> metadataHistory(Scope scope, int limit) {
    return selectedMetadata(scope, null)
        .sorted(
            Comparator.comparing(BatchMetadata::processingDate)
                .reversed()
                .thenComparing(BatchMetadata::network)
                .thenComparingInt(BatchMetadata::windowDays))
        .limit(limit)
        .toList();
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
    Page<LiveAlertScore> page = page("", rows, limit, offset);
    return Page.undated(page.total(), page.items());
  }

  @Override
  public synchronized List<LiveSummary> liveSummary(Optional<String> network, int limit) {
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
          BatchMetadata batch = metadata.get(key);
          BatchStatus status = batch == null ? null : batch.status();
          rows.add(
              new LiveSummary(
                  (String) key.get(0),
                  (String) key.get(1),
                  (Integer) key.get(2),
                  scored.size(),
                  scored.stream().filter(LiveAlertScore::featuresMissing).count(),
                  scored.stream().mapToLong(LiveAlertScore::scoredAt).max().orElseThrow(),
                  status,
                  status == BatchStatus.COMPLETED ? batch.alertScoresWritten() : null));
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

  private Stream<BatchMetadata> selectedMetadata(Scope scope, String date) {
    return selected(
        metadata.values(),
        scope,
        date,
        BatchMetadata::network,
        BatchMetadata::processingDate,
        BatchMetadata::windowDays);
  }

  // ---------------------------------------------------------------------------------------------

  private void check() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
  }

  private static boolean inScope(Scope scope, String network, int windowDays) {
    return scope.coversNetwork(network)
        && (scope.windowDays().isEmpty() || scope.windowDays().getAsInt() == windowDays);
  }

  /**
   * Rows of the scope (and date, when not null) at the asked window, or else at the smallest window
   * of their (network, date) in {@code rows}.
   */
  private <T> Stream<T> selected(
      java.util.Collection<T> rows,
      Scope scope,
      String date,
      Function<T, String> network,
      Function<T, String> processingDate,
      ToIntFunction<T> window) {
    check();
    Predicate<T> matches =
        r ->
            scope.coversNetwork(network.apply(r))
                && (date == null || date.equals(processingDate.apply(r)));
    List<T> candidates = rows.stream().filter(matches).toList();
    if (scope.windowDays().isPresent()) {
      int days = scope.windowDays().getAsInt();
      return candidates.stream().filter(r -> window.applyAsInt(r) == days);
    }
    Map<List<String>, Integer> smallest = new HashMap<>();
    for (T r : candidates) {
      smallest.merge(
          List.of(network.apply(r), processingDate.apply(r)), window.applyAsInt(r), Math::min);
    }
    return candidates.stream()
        .filter(
            r ->
                smallest.get(List.of(network.apply(r), processingDate.apply(r)))
                    == window.applyAsInt(r));
  }

  private static <T> Page<T> page(String date, List<T> rows, int limit, int offset) {
    List<T> items =
        offset >= rows.size()
            ? List.of()
            : rows.subList(offset, (int) Math.min((long) offset + limit, rows.size()));
    return new Page<>(date, rows.size(), items);
  }

  /** Every stored row count, by table, for assertions. */
  public synchronized Map<String, Integer> sizes() {
    return Stream.of(
            Map.entry("alert_scores", scores.size()),
            Map.entry("alert_rankings", rankings.size()),
            Map.entry("cluster_scores", clusters.size()),
            Map.entry("batch_metadata", metadata.size()),
            Map.entry("alert_live_scores", live.size()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
