package io.alertscoring.schemas.output;

import java.io.Serializable;

/**
 * The score of one alert.
 *
 * @param volumeUsd the alert's volume in USD, as the analyzer reported it (NaN when unknown)
 * @param score probability that the alert is illicit, in [0,1]
 * @param priority low, medium or high, from the model's calibrated thresholds
 * @param explanationJson the top feature contributions, a JSON array of {feature, value,
 *     contribution}
 * @param latencyMs time from the batch's close to this alert's score, in milliseconds
 */
public record AlertScore(
    String network,
    String processingDate,
    int windowDays,
    String runId,
    String alertId,
    String address,
    String typologyType,
    double volumeUsd,
    double score,
    String priority,
    String modelVersion,
    String modelSha256,
    String explanationJson,
    double latencyMs,
    long processedAt,
    long version)
    implements Serializable {}
