package io.alertscoring.schemas.output;

import java.io.Serializable;

/**
 * The live score of one alert: given by the live model as soon as the alert and its address's
 * features are both in (or after the configured wait without features), long before the batch
 * closes. Superseded for readers by the alert's {@link AlertScore} once the batch is scored.
 *
 * @param score probability from the live scorer, which sees only the alert-level and SOT columns
 * @param priority low, medium or high, from the live scorer's own thresholds
 * @param explanationJson the top feature contributions, a JSON array of {feature, value,
 *     contribution}
 * @param featuresMissing true when the address's features had not arrived within the wait, so the
 *     SOT columns were scored as missing; a later arrival re-scores the alert with them
 * @param receivedAt when the later of the alert and its features reached the scoring step (epoch
 *     ms)
 * @param scoredAt when the live score was computed (epoch ms)
 * @param latencyMs from {@code receivedAt} (or the alert's arrival, when scored without features)
 *     to the score, in milliseconds
 * @param version the ReplacingMergeTree version: the scoring time, so a re-score with features
 *     replaces the one without
 */
public record LiveAlertScore(
    String network,
    String processingDate,
    int windowDays,
    String runId,
    String alertId,
    String address,
    String typologyType,
    double score,
    String priority,
    String modelVersion,
    String modelSha256,
    String explanationJson,
    boolean featuresMissing,
    long receivedAt,
    long scoredAt,
    double latencyMs,
    long version)
    implements Serializable {}
