package io.alertscoring.job.testing;

import io.alertscoring.job.JobSinks;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.schemas.output.PublishedRun;

/** Every output of one job run, collected in this JVM (see {@link CollectingSink}). */
public record CollectedOutputs(
    CollectingStore<AlertScore> scores,
    CollectingStore<AlertRanking> rankings,
    CollectingStore<ClusterScore> clusters,
    CollectingSink<BatchMetadata> metadata,
    CollectingSink<DeadLetter> deadLetters,
    CollectingSink<LiveAlertScore> liveScores,
    CollectingStore<PublishedRun> published,
    CollectingSink<NotificationEvent> notifications) {

  public static CollectedOutputs create() {
    return new CollectedOutputs(
        new CollectingStore<>(),
        new CollectingStore<>(),
        new CollectingStore<>(),
        new CollectingSink<>(),
        new CollectingSink<>(),
        new CollectingSink<>(),
        new CollectingStore<>(),
        new CollectingSink<>());
  }

  /**
   * The job's sinks, writing into these collections; COMPLETED rows reach {@link #metadata} through
   * the run's publication, after the run's rows are stored.
   */
  public JobSinks sinks() {
    return new JobSinks(
        scores,
        rankings,
        clusters,
        new CollectingPublication(metadata, published),
        metadata,
        deadLetters,
        liveScores,
        notifications);
  }
}
