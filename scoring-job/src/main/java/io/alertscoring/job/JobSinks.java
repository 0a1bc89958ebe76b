package io.alertscoring.job;

import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.LiveAlertScore;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the job's outputs go: ClickHouse and Kafka in production, collectors in tests. */
public record JobSinks(
    Sink<AlertScore> alertScores,
    Sink<AlertRanking> alertRankings,
    Sink<ClusterScore> clusterScores,
    Sink<BatchMetadata> batchMetadata,
    Sink<DeadLetter> deadLetters,
    Sink<LiveAlertScore> liveScores) {}
