package io.alertscoring.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * Everything the job graph needs besides its sources and sinks.
 *
 * @param modelsDirectory directory holding the alert-scorer, alert-ranker, cluster-scorer and
 *     alert-live-scorer models
 * @param batchTimeout how long after its first record a batch may stay open before it is FAILED
 * @param closedBatchRetention how long a closed untagged run (records without a {@code run_id}
 *     header) rejects further untagged records of its date as late; after that, they start a new
 *     run
 * @param closedRunRetention how long a closed tagged run remembers its id, refusing its late
 *     records (a tagged run is never reopened; a new publication comes with a new id)
 * @param allowedNetworks networks accepted; empty accepts any
 * @param liveScoring whether alerts get a live score on arrival (besides the final one at close)
 * @param liveFeatureWait how long an alert waits for its address's features before it is live
 *     scored without them (flagged {@code features_missing}; re-scored if they arrive later)
 * @param finalScoringShare at most this share of each address-join task's time goes to final
 *     scoring while a closed batch is scored and alerts or features keep arriving, in (0, 1]: the
 *     rest stays free for the live path, so a close does not starve it of CPU; with no records
 *     arriving (a bulk replay's close) final scoring runs at full speed (see {@code
 *     AlertScoringOperator})
 */
public record JobConfig(
    String modelsDirectory,
    Duration batchTimeout,
    Duration closedBatchRetention,
    Duration closedRunRetention,
    Set<String> allowedNetworks,
    boolean liveScoring,
    Duration liveFeatureWait,
    double finalScoringShare,
    Set<String> notifyPriorities)
    implements Serializable {

  /**
   * Priorities whose alerts and clusters are written to the notification topic: high only, so a
   * 1M-alert date yields its few thousand worth telling someone about, not a million messages.
   */
  public static final Set<String> DEFAULT_NOTIFY_PRIORITIES = Set.of("high");

  public static final Duration DEFAULT_LIVE_FEATURE_WAIT = Duration.ofSeconds(5);

  /** A day: a closed run's header is about 300 bytes, so a day of replays costs nothing. */
  public static final Duration DEFAULT_CLOSED_RUN_RETENTION = Duration.ofDays(1);

  /**
   * Half of each join task: at parallelism 2 on 2 cores a close takes at most one core, and a
   * 60,000-alert close is scored in about 45 s instead of 25 s (docs/performance.md, live).
   */
  public static final double DEFAULT_FINAL_SCORING_SHARE = 0.5;

  public JobConfig {
    allowedNetworks = allowedNetworks == null ? Set.of() : Set.copyOf(allowedNetworks);
    notifyPriorities =
        notifyPriorities == null ? DEFAULT_NOTIFY_PRIORITIES : Set.copyOf(notifyPriorities);
    for (String p : notifyPriorities) {
      io.alertscoring.schemas.PriorityLabel.fromWire(p); // throws for an unknown priority
    }
    if (liveFeatureWait == null || liveFeatureWait.isNegative()) {
      throw new IllegalArgumentException("the live feature wait must be >= 0");
    }
    if (!(finalScoringShare > 0 && finalScoringShare <= 1)) {
      throw new IllegalArgumentException(
          "the final scoring share must be in (0, 1], got " + finalScoringShare);
    }
  }

  /** These settings with notifications for {@code priorities} (empty: none). */
  public JobConfig withNotifyPriorities(Set<String> priorities) {
    return new JobConfig(
        modelsDirectory,
        batchTimeout,
        closedBatchRetention,
        closedRunRetention,
        allowedNetworks,
        liveScoring,
        liveFeatureWait,
        finalScoringShare,
        priorities);
  }

  public static JobConfig defaults(String modelsDirectory) {
    return new JobConfig(
        modelsDirectory,
        Duration.ofMinutes(10),
        Duration.ofSeconds(30),
        DEFAULT_CLOSED_RUN_RETENTION,
        Set.of(),
        true,
        DEFAULT_LIVE_FEATURE_WAIT,
        DEFAULT_FINAL_SCORING_SHARE,
        DEFAULT_NOTIFY_PRIORITIES);
  }

  public JobConfig withBatchTimeout(Duration timeout) {
    return new JobConfig(
        modelsDirectory,
        timeout,
        closedBatchRetention,
        closedRunRetention,
        allowedNetworks,
        liveScoring,
        liveFeatureWait,
        finalScoringShare,
        notifyPriorities);
  }

  public JobConfig withClosedBatchRetention(Duration retention) {
    return new JobConfig(
        modelsDirectory,
        batchTimeout,
        retention,
        closedRunRetention,
        allowedNetworks,
        liveScoring,
        liveFeatureWait,
        finalScoringShare,
        notifyPriorities);
  }

  public JobConfig withClosedRunRetention(Duration retention) {
    return new JobConfig(
        modelsDirectory,
        batchTimeout,
        closedBatchRetention,
        retention,
        allowedNetworks,
        liveScoring,
        liveFeatureWait,
        finalScoringShare,
        notifyPriorities);
  }

  public JobConfig withLiveScoring(boolean enabled, Duration featureWait) {
    return new JobConfig(
        modelsDirectory,
        batchTimeout,
        closedBatchRetention,
        closedRunRetention,
        allowedNetworks,
        enabled,
        featureWait,
        finalScoringShare,
        notifyPriorities);
  }

  public JobConfig withFinalScoringShare(double share) {
    return new JobConfig(
        modelsDirectory,
        batchTimeout,
        closedBatchRetention,
        closedRunRetention,
        allowedNetworks,
        liveScoring,
        liveFeatureWait,
        share,
        notifyPriorities);
  }
}
