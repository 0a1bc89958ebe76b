package io.alertscoring.schemas.output;

import java.io.Serializable;

/** Position of an alert in its batch's investigation order (1 = first). */
public record AlertRanking(
    String network,
    String processingDate,
    int windowDays,
    String runId,
    int rank,
    String alertId,
    double rankerScore,
    String modelVersion,
    long processedAt,
    long version)
    implements Serializable {}
