package io.alertscoring.api.store;

/**
 * A ranking row joined with the score of the same alert, for the top-N view of a batch.
 *
 * @param scored false when no score row exists for the ranked alert; score, priority, address,
 *     typology and explanation are then empty
 * @param explanationJson the score's explanation as stored: a JSON array of feature contributions
 */
public record RankedAlert(
    String network,
    String processingDate,
    int windowDays,
    int rank,
    String alertId,
    double rankerScore,
    String rankerModelVersion,
    boolean scored,
    double score,
    String priority,
    String address,
    String typologyType,
    String explanationJson) {}
