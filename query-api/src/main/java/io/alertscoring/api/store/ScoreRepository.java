package io.alertscoring.api.store;

import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import io.alertscoring.schemas.output.WebhookDelivery;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the stored scoring results, the HTTP API's only view of storage, in terms of
 * <b>runs</b>: every publication of a batch is a run, and {@code published_runs} names the current
 * run of each (network, processing date, window). The {@link Catalogue} says which runs are
 * published; the API caches it and asks for the rows of one published run at a time, so a reader
 * sees one whole run (the old or the new one), never a mix, and never rows of a run that was not
 * published (PROCESSING, FAILED) or was superseded.
 *
 * <p>Rows of a run may be stored more than once (at-least-once sinks: the same key and version);
 * every read answers each key once. Dates are ISO {@code YYYY-MM-DD} strings. Implementations throw
 * {@link RepositoryException} when storage cannot answer; they never return partial results.
 */
public interface ScoreRepository extends AutoCloseable {

  /** True if storage answers a trivial query; never throws. */
  boolean isAvailable();

  /** The catalogue as storage has it now (a query of the two small tables; the API caches it). */
  Catalogue catalogue();

  /**
   * Alert scores of one published run in key order ({@code alert_id} ascending), {@code limit} from
   * position {@code offset}. The run's size is {@link PublishedRun#alertScores()}.
   */
  List<AlertScore> alertScores(PublishedRun run, long offset, int limit);

  /** Rankings of one published run, ranks {@code offset + 1 .. offset + limit}. */
  List<AlertRanking> rankings(PublishedRun run, long offset, int limit);

  /**
   * The {@code n} best-ranked alerts of one published run, each joined with its score, priority and
   * explanation.
   */
  List<RankedAlert> topRankings(PublishedRun run, int n);

  /** Cluster scores of one published run, by score descending (then cluster id), one page. */
  List<ClusterScore> clusterScores(PublishedRun run, long offset, int limit);

  /**
   * The cluster of {@code score}'s run whose member alerts include {@code score}'s alert (the first
   * by cluster id when several do); empty when none does.
   */
  Optional<ClusterScore> clusterOf(AlertScore score);

  /**
   * One alert's final score from the published runs of {@code catalogue} (of {@code network}, or of
   * every network): the one of the most recent processing date, then smallest window, then network.
   * Scores of runs that are not current are never returned.
   */
  Optional<AlertScore> alertScore(String alertId, Optional<String> network, Catalogue catalogue);

  /**
   * One alert's live score. When the alert id was live-scored in several batches, the one of the
   * most recent processing date (smallest window, then network) is returned.
   */
  Optional<LiveAlertScore> liveScore(String alertId, Optional<String> network);

  /**
   * Live scores of every date, newest first ({@code scored_at} descending, then alert id, network,
   * processing date descending, window), one page of them; the page is {@link Page#undated}.
   */
  Page<LiveAlertScore> latestLiveScores(Optional<String> network, int limit, int offset);

  /**
   * For each (network, processing date, window) with live scores: how many alerts have one, how
   * many of those were scored without features, the latest scoring time, and the state of the
   * batch's newest run in {@code catalogue}. Most recent processing date first (then network,
   * window), at most {@code limit} rows.
   */
  List<LiveSummary> liveSummary(Optional<String> network, int limit, Catalogue catalogue);

  /**
   * The newest settled webhook notifications ({@code webhook_deliveries}), newest first, of one
   * endpoint and one status ({@code DELIVERED}, {@code FAILED}) when given.
   */
  List<WebhookDelivery> webhookDeliveries(
      Optional<String> endpointId, Optional<String> status, int limit);

  /** Per webhook endpoint: counts and latencies of its notifications, by endpoint id. */
  List<WebhookEndpointSummary> webhookEndpoints();

  /**
   * Prepares reading {@code run} (e.g. indexes its positions for pages) before a request needs it;
   * the API calls it, on a background thread, for every run its catalogue shows. Default: nothing.
   */
  default void prepare(PublishedRun run) {}

  /** Releases what the repository holds (connections); the default holds nothing. */
  @Override
  default void close() {}
}
