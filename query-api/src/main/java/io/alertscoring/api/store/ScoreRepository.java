package io.alertscoring.api.store;

import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the stored scoring results, the HTTP API's only view of storage.
 *
 * <p>Dates are ISO {@code YYYY-MM-DD} strings. A {@link Scope} without a network spans every
 * network; a scope without a window reads, for each (network, processing date), the smallest
 * analysis window stored for it. A processing date "exists" for a scope when batch metadata or
 * alert scores were stored for it (live scores alone do not make a date). Implementations throw
 * {@link RepositoryException} when storage cannot answer; they never return partial results.
 *
 * <p>Live scores ({@link LiveAlertScore}) are kept one per (network, processing date, window, alert
 * id), the highest version winning, like every other row; they stay stored after the batch's final
 * scores supersede them for readers.
 */
public interface ScoreRepository extends AutoCloseable {

  /** True if storage answers a trivial query; never throws. */
  boolean isAvailable();

  /**
   * Every network with stored results (batch metadata, final or live scores), sorted by name. This
   * can cost a scan of the tables: the API caches it.
   */
  List<String> networks();

  /** The processing dates with stored results in the scope, most recent first. */
  List<String> availableDates(Scope scope);

  /** The most recent processing date in the scope (over all networks when it names none). */
  Optional<String> latestDate(Scope scope);

  /** Alert scores of a date, by score descending (then network, alert id), one page of them. */
  Page<AlertScore> alertScores(Scope scope, String processingDate, int limit, int offset);

  /**
   * One alert's score. When the alert id was scored in several batches, the one of the most recent
   * processing date (smallest window) is returned.
   */
  Optional<AlertScore> alertScore(String alertId, Optional<String> network);

  /** Rankings of a date, by rank ascending (then network), one page of them. */
  Page<AlertRanking> rankings(Scope scope, String processingDate, int limit, int offset);

  /**
   * The {@code n} best-ranked alerts of the scope's latest processing date, each joined with its
   * score, priority and explanation; empty when the scope has no date at all. The page's total is
   * the number of rankings of that date.
   */
  Optional<Page<RankedAlert>> topRankings(Scope scope, int n);

  /** Cluster scores of a date, by score descending (then network, cluster id), one page. */
  Page<ClusterScore> clusterScores(Scope scope, String processingDate, int limit, int offset);

  /** Batch metadata of a date: one row per network in the scope, sorted by network. */
  List<BatchMetadata> metadata(Scope scope, String processingDate);

  /**
   * The latest batch metadata: with a network, the row of its most recent processing date; without
   * one, the row with the greatest {@code processed_at} over all networks.
   */
  Optional<BatchMetadata> latestMetadata(Scope scope);

  /**
   * Batch metadata rows, most recent processing date first (then network), at most {@code limit}.
   */
  List<BatchMetadata> metadataHistory(Scope scope, int limit);

  /**
   * One alert's live score. When the alert id was live-scored in several batches, the one of the
   * most recent processing date (smallest window, then network) is returned, as by {@link
   * #alertScore}.
   */
  Optional<LiveAlertScore> liveScore(String alertId, Optional<String> network);

  /**
   * Live scores of every date, newest first ({@code scored_at} descending, then alert id, network,
   * processing date descending, window), one page of them; the page is {@link Page#undated}.
   */
  Page<LiveAlertScore> latestLiveScores(Optional<String> network, int limit, int offset);

  /**
   * For each (network, processing date, window) with live scores: how many alerts have one, how
   * many of those were scored without features, the latest scoring time, and the batch's status.
   * Most recent processing date first (then network, window), at most {@code limit} rows.
   */
  List<LiveSummary> liveSummary(Optional<String> network, int limit);

  /** Releases what the repository holds (connections); the default holds nothing. */
  @Override
  default void close() {}
}
