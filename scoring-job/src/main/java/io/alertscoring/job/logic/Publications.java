package io.alertscoring.job.logic;

import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.PublishedRun;

/** When a run may be published, and its pointer row. */
public final class Publications {
  private Publications() {}

  /**
   * Whether every row the COMPLETED row announces has been stored.
   *
   * @param stored rows stored so far: scores, rankings, cluster scores
   */
  public static boolean allStored(BatchMetadata completed, long[] stored) {
    return stored[0] >= completed.alertScoresWritten()
        && stored[1] >= completed.rankingsWritten()
        && stored[2] >= completed.clusterScoresWritten();
  }

  /**
   * The pointer that makes {@code completed}'s run the current run of its batch.
   *
   * @param publicationOrder the run's place among the date's publications (ms): its version, so a
   *     later publication replaces an earlier one and an earlier one that closes late does not
   */
  public static PublishedRun pointer(BatchMetadata completed, long publicationOrder, long now) {
    return new PublishedRun(
        completed.network(),
        completed.processingDate(),
        completed.windowDays(),
        completed.runId(),
        completed.alertScoresWritten(),
        completed.rankingsWritten(),
        completed.clusterScoresWritten(),
        completed.modelVersions(),
        completed.processedAt(),
        now,
        publicationOrder * 10 + 1);
  }

  public static String runKey(BatchMetadata m) {
    return Runs.key(m.network(), m.processingDate(), m.windowDays(), m.runId());
  }

  public static String runKey(AlertScore s) {
    return Runs.key(s.network(), s.processingDate(), s.windowDays(), s.runId());
  }

  public static String runKey(AlertRanking r) {
    return Runs.key(r.network(), r.processingDate(), r.windowDays(), r.runId());
  }

  public static String runKey(ClusterScore c) {
    return Runs.key(c.network(), c.processingDate(), c.windowDays(), c.runId());
  }
}
