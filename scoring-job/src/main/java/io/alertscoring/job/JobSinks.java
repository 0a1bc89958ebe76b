package io.alertscoring.job;

import io.alertscoring.job.io.RowStore;
import io.alertscoring.job.io.RunPublication;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.NotificationEvent;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go: ClickHouse and Kafka in production, collectors in tests.
 *
 * @param alertScores the rows of a run, stored before the run is published
 * @param alertRankings the rows of a run, stored before the run is published
 * @param clusterScores the rows of a run, stored before the run is published
 * @param publication makes a run visible (COMPLETED metadata, then its pointer) once all its rows
 *     are stored
 * @param batchMetadata the PROCESSING and FAILED rows of runs, which change no visibility
 * @param notifications high-risk alerts and clusters for the webhook dispatcher (at least once)
 */
public record JobSinks(
    RowStore<AlertScore> alertScores,
    RowStore<AlertRanking> alertRankings,
    RowStore<ClusterScore> clusterScores,
    RunPublication publication,
    Sink<BatchMetadata> batchMetadata,
    Sink<DeadLetter> deadLetters,
    Sink<LiveAlertScore> liveScores,
    Sink<NotificationEvent> notifications) {}
