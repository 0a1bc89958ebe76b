package io.alertscoring.job.testing;

import io.alertscoring.job.JobSinks;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.LiveAlertScore;

/** Every output of one job run, collected in this JVM (see {@link CollectingSink}). */
public record CollectedOutputs(
    CollectingSink<AlertScore> scores,
    CollectingSink<AlertRanking> rankings,
    CollectingSink<ClusterScore> clusters,
    CollectingSink<BatchMetadata> metadata,
    CollectingSink<DeadLetter> deadLetters,
    CollectingSink<LiveAlertScore> liveScores) {

  public static CollectedOutputs create() {
    return new CollectedOutputs(
        new CollectingSink<>(),
        new CollectingSink<>(),
        new CollectingSink<>(),
        new CollectingSink<>(),
        new CollectingSink<>(),
        new CollectingSink<>());
  }

  /** The job's sinks, writing into these collections. */
  public JobSinks sinks() {
    return new JobSinks(scores, rankings, clusters, metadata, deadLetters, liveScores);
  }
}
