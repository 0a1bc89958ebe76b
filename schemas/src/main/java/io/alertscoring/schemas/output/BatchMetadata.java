package io.alertscoring.schemas.output;

import io.alertscoring.schemas.BatchStatus;
import java.io.Serializable;

/**
 * The state of one batch: what came in, what went out, how long each stage took. The job writes a
 * PROCESSING row when the batch's first record arrives and a COMPLETED or FAILED row, with a higher
 * version, when it closes.
 */
public record BatchMetadata(
    String network,
    String processingDate,
    int windowDays,
    String runId,
    BatchStatus status,
    long alertsReceived,
    long featuresReceived,
    long clustersReceived,
    long moneyFlowsReceived,
    long alertsExpected,
    long featuresExpected,
    long clustersExpected,
    long moneyFlowsExpected,
    long alertScoresWritten,
    long rankingsWritten,
    long clusterScoresWritten,
    double assemblyMs,
    double featureMs,
    double scoringMs,
    double rankingMs,
    double clusterScoringMs,
    double totalMs,
    String modelVersions,
    String errorMessage,
    long startedAt,
    long processedAt,
    long version)
    implements Serializable {}
