package io.alertscoring.schemas.output;

import java.io.Serializable;

/**
 * The score of one cluster of related alerts.
 *
 * @param alertIdsJson the member alerts present in the batch, a JSON array of alert ids in the
 *     cluster's own order: how an analyst goes from an alert to its cluster
 */
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
    String alertIdsJson,
    String modelVersion,
    String modelSha256,
    long processedAt,
    long version)
    implements Serializable {}
