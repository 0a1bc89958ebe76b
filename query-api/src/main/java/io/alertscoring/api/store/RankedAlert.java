package io.alertscoring.api.store;

import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;

/**
 * A ranking row joined with the score of the same alert in the same run, for the top-N view of a
 * batch.
 *
 * @param scored false when no score row exists for the ranked alert; score, priority, address,
 *     typology and explanation are then empty
 * @param explanationJson the score's explanation as stored: a JSON array of feature contributions
 */
public record RankedAlert(
    String network,
    String processingDate,
    int windowDays,
    String runId,
    int rank,
    String alertId,
    double rankerScore,
    String rankerModelVersion,
    boolean scored,
    double score,
    String priority,
    String address,
    String typologyType,
    double volumeUsd,
    String explanationJson) {

  /** The ranking joined with {@code score} (null: the ranked alert has no score row). */
  public static RankedAlert of(AlertRanking r, AlertScore score) {
    boolean scored = score != null;
    return new RankedAlert(
        r.network(),
        r.processingDate(),
        r.windowDays(),
        r.runId(),
        r.rank(),
        r.alertId(),
        r.rankerScore(),
        r.modelVersion(),
        scored,
        scored ? score.score() : 0.0,
        scored ? score.priority() : null,
        scored ? score.address() : null,
        scored ? score.typologyType() : null,
        scored ? score.volumeUsd() : Double.NaN,
        scored ? score.explanationJson() : null);
  }
}
