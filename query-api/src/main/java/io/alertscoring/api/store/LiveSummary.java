package io.alertscoring.api.store;

import io.alertscoring.schemas.BatchStatus;
import java.util.Objects;

/**
 * The live scores of one (network, processing date, window) beside the state of its batch: how far
 * live scoring got in a batch that is still open, and whether the final scores replaced it yet.
 *
 * @param liveAlerts alerts with a live score (each alert once, at its latest re-score)
 * @param featuresMissing how many of them were scored without their address's features
 * @param lastScoredAt the latest {@code scored_at} of them (epoch ms)
 * @param batchStatus the batch's status in {@code batch_metadata}; null when no row exists yet
 * @param finalScoresWritten the batch's {@code alert_scores_written} when it is COMPLETED; null
 *     otherwise
 */
public record LiveSummary(
    String network,
    String processingDate,
    int windowDays,
    long liveAlerts,
    long featuresMissing,
    long lastScoredAt,
    BatchStatus batchStatus,
    Long finalScoresWritten) {

  public LiveSummary {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(processingDate, "processingDate");
    if (batchStatus != BatchStatus.COMPLETED && finalScoresWritten != null) {
      throw new IllegalArgumentException("final scores are counted for COMPLETED batches only");
    }
  }
}
