package io.alertscoring.schemas.output;

import java.io.Serializable;

/** The score of one cluster of related alerts. */
public record ClusterScore(
    String network,
    String processingDate,
    int windowDays,
    String runId,
    String clusterId,
    double score,
    String priority,
    int alertCount,
    double totalVolumeUsd,
    String modelVersion,
    String modelSha256,
    long processedAt,
    long version)
    implements Serializable {}
