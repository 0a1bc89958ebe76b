package io.alertscoring.job.logic;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.output.BatchMetadata;

/** Builds {@code batch_metadata} rows; one place for the column arithmetic of every stage. */
public final class MetadataRows {
  private MetadataRows() {}

  /** Stage durations of a close; all zero for PROCESSING and FAILED rows. */
  public record Stages(
      double featureMs,
      double scoringMs,
      double rankingMs,
      double clusterMs,
      long alertScores,
      long rankings,
      long clusterScores) {
    public static final Stages NONE = new Stages(0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * @param received distinct records received per data kind (alerts, features, clusters, flows)
   * @param expected the batch-control record's counts in the same order, or {@code null}
   */
  public static BatchMetadata row(
      BatchKey key,
      String runId,
      BatchStatus status,
      long[] received,
      long[] expected,
      long startedAt,
      long now,
      long version,
      String message,
      Stages stages,
      String models) {
    long[] c = received == null ? new long[4] : received;
    long[] e = expected == null ? new long[4] : expected;
    // Assembly runs from the first record to the close decision; the scoring stages follow it.
    double assembly = now - startedAt;
    double total =
        assembly
            + stages.featureMs()
            + stages.scoringMs()
            + stages.rankingMs()
            + stages.clusterMs();
    return new BatchMetadata(
        key.network(),
        key.processingDate(),
        key.windowDays(),
        runId,
        status,
        c[0],
        c[1],
        c[2],
        c[3],
        e[0],
        e[1],
        e[2],
        e[3],
        stages.alertScores(),
        stages.rankings(),
        stages.clusterScores(),
        assembly,
        stages.featureMs(),
        stages.scoringMs(),
        stages.rankingMs(),
        stages.clusterMs(),
        total,
        models == null ? "" : models,
        message == null ? "" : message,
        startedAt,
        now,
        version);
  }

  /** The control record's counts as (alerts, features, clusters, flows), or {@code null}. */
  public static long[] expected(BatchControl control) {
    return control == null
        ? null
        : new long[] {
          control.alertCount(),
          control.featureCount(),
          control.clusterCount(),
          control.moneyFlowCount()
        };
  }

  /** The batch of a run key ({@code network/date/window/run}, see {@link Runs#key}). */
  public static BatchKey keyOf(String batchId) {
    return Runs.batchOf(batchId);
  }
}
