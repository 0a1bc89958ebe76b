package io.alertscoring.api.store;

import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.PublishedRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What storage has published, as one immutable snapshot: the current run of every (network,
 * processing date, window) from {@code published_runs}, and every run's {@code batch_metadata} row
 * (PROCESSING, COMPLETED, FAILED, superseded ones included). Both tables are small (one row per
 * date, one per run); the API holds a snapshot in memory and answers the catalogue questions (which
 * networks, which dates, which run of a date, its counts and metadata) from it without a query.
 *
 * <p>A date "exists" for readers when it has a published run. A network is known when it has a
 * published run or any batch metadata (a network whose first batch is still open is known: its live
 * scores are served).
 */
public final class Catalogue {

  private static final Catalogue EMPTY = new Catalogue(List.of(), List.of());

  /** Most recent date first, then network, then window. */
  public static final Comparator<PublishedRun> NEWEST_FIRST =
      Comparator.comparing(PublishedRun::processingDate)
          .reversed()
          .thenComparing(PublishedRun::network)
          .thenComparingInt(PublishedRun::windowDays);

  private final List<PublishedRun> published;
  private final List<BatchMetadata> runs;
  private final List<String> networks;
  private final Set<String> networkSet;
  private final Map<String, PublishedRun> byKey = new HashMap<>();
  private final Map<String, BatchMetadata> metadataByRun = new HashMap<>();

  /**
   * @param published one row per (network, date, window): the current run (FINAL already applied)
   * @param runs one batch_metadata row per run (FINAL already applied)
   */
  public Catalogue(List<PublishedRun> published, List<BatchMetadata> runs) {
    List<PublishedRun> sorted = new ArrayList<>(published);
    sorted.sort(NEWEST_FIRST);
    this.published = List.copyOf(sorted);
    this.runs = List.copyOf(runs);
    TreeSet<String> names = new TreeSet<>();
    for (PublishedRun p : this.published) {
      names.add(p.network());
      byKey.put(key(p.network(), p.processingDate(), p.windowDays()), p);
    }
    for (BatchMetadata m : this.runs) {
      names.add(m.network());
      metadataByRun.put(runKey(m.network(), m.processingDate(), m.windowDays(), m.runId()), m);
    }
    this.networks = List.copyOf(names);
    this.networkSet = Set.copyOf(names);
  }

  public static Catalogue empty() {
    return EMPTY;
  }

  private static String key(String network, String date, int window) {
    return network + "\u0000" + date + "\u0000" + window;
  }

  private static String runKey(String network, String date, int window, String runId) {
    return key(network, date, window) + "\u0000" + runId;
  }

  /** Every known network, sorted. */
  public List<String> networks() {
    return networks;
  }

  public boolean knows(String network) {
    return networkSet.contains(network);
  }

  /** Every published run, most recent date first (then network, window). */
  public List<PublishedRun> published() {
    return published;
  }

  /** Every run's metadata row, in storage order. */
  public List<BatchMetadata> runs() {
    return runs;
  }

  /** The current run of one (network, date, window). */
  public Optional<PublishedRun> current(String network, String date, int window) {
    return Optional.ofNullable(byKey.get(key(network, date, window)));
  }

  /** True if {@code runId} is the current run of its (network, date, window). */
  public boolean isCurrent(String network, String date, int window, String runId) {
    PublishedRun p = byKey.get(key(network, date, window));
    return p != null && p.runId().equals(runId);
  }

  /** The metadata row of one run. */
  public Optional<BatchMetadata> metadata(PublishedRun run) {
    return Optional.ofNullable(
        metadataByRun.get(
            runKey(run.network(), run.processingDate(), run.windowDays(), run.runId())));
  }

  /**
   * The published runs a scope reads, most recent date first, then network: with a window, the runs
   * of that window; without, each (network, date)'s run of its smallest published window.
   */
  public List<PublishedRun> select(Scope scope) {
    Map<String, PublishedRun> chosen = new HashMap<>();
    List<PublishedRun> out = new ArrayList<>();
    for (PublishedRun p : published) {
      if (!scope.coversNetwork(p.network())) {
        continue;
      }
      if (scope.windowDays().isPresent()) {
        if (p.windowDays() == scope.windowDays().getAsInt()) {
          out.add(p);
        }
        continue;
      }
      chosen.merge(
          p.network() + "\u0000" + p.processingDate(),
          p,
          (a, b) -> a.windowDays() <= b.windowDays() ? a : b);
    }
    if (scope.windowDays().isEmpty()) {
      out.addAll(chosen.values());
    }
    out.sort(NEWEST_FIRST);
    return out;
  }

  /** The runs of one date in the scope, sorted by network. */
  public List<PublishedRun> select(Scope scope, String date) {
    List<PublishedRun> out = new ArrayList<>();
    for (PublishedRun p : select(scope)) {
      if (p.processingDate().equals(date)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The processing dates with a published run in the scope, most recent first. */
  public List<String> dates(Scope scope) {
    TreeSet<String> dates = new TreeSet<>(Comparator.reverseOrder());
    for (PublishedRun p : select(scope)) {
      dates.add(p.processingDate());
    }
    return List.copyOf(dates);
  }

  /** The most recent processing date with a published run in the scope. */
  public Optional<String> latestDate(Scope scope) {
    return dates(scope).stream().findFirst();
  }

  /**
   * Every run of one date in the scope's networks (and window, when it names one), published or
   * not, newest first ({@code started_at} then version descending).
   */
  public List<BatchMetadata> runsOf(Scope scope, String date) {
    List<BatchMetadata> out = new ArrayList<>();
    for (BatchMetadata m : runs) {
      if (scope.coversNetwork(m.network())
          && m.processingDate().equals(date)
          && (scope.windowDays().isEmpty() || m.windowDays() == scope.windowDays().getAsInt())) {
        out.add(m);
      }
    }
    out.sort(
        Comparator.comparing(BatchMetadata::network)
            .thenComparingInt(BatchMetadata::windowDays)
            .thenComparing(Comparator.comparingLong(BatchMetadata::startedAt).reversed())
            .thenComparing(Comparator.comparingLong(BatchMetadata::version).reversed()));
    return out;
  }

  /**
   * The state of a (network, date, window) as the live summary reports it: its newest run by
   * version, except that a FAILED run does not hide an earlier run that did not fail (the newest
   * FAILED one is answered only when every run failed).
   */
  public Optional<BatchMetadata> newestRun(String network, String date, int window) {
    BatchMetadata best = null;
    BatchMetadata bestFailed = null;
    for (BatchMetadata m : runs) {
      if (!m.network().equals(network)
          || !m.processingDate().equals(date)
          || m.windowDays() != window) {
        continue;
      }
      if (m.status() == io.alertscoring.schemas.BatchStatus.FAILED) {
        if (bestFailed == null || m.version() > bestFailed.version()) {
          bestFailed = m;
        }
      } else if (best == null || m.version() > best.version()) {
        best = m;
      }
    }
    return Optional.ofNullable(best != null ? best : bestFailed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Catalogue c
        && c.published.equals(published)
        && Set.copyOf(c.runs).equals(Set.copyOf(runs));
  }

  @Override
  public int hashCode() {
    return Objects.hash(published, Set.copyOf(runs));
  }
}
