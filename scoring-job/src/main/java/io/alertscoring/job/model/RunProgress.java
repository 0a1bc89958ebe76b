package io.alertscoring.job.model;

import io.alertscoring.schemas.output.BatchMetadata;

/**
 * What the publication step of a run (keyed by run) hears: how many of the run's rows a store task
 * has just stored in one table, or the run's COMPLETED row with the counts to wait for.
 */
public class RunProgress {
  /** The run, as {@code Runs.key(network, date, window, runId)}. */
  public String runKey;

  /** {@link #SCORES}, {@link #RANKINGS}, {@link #CLUSTERS}; -1 for the COMPLETED row. */
  public int table = -1;

  /** Rows of {@link #table} stored by one flush. */
  public long stored;

  /** The COMPLETED row (when {@link #table} is -1). */
  public BatchMetadata completed;

  /**
   * With the COMPLETED row: the run's place among the date's publications (its batch-control
   * record's {@code published_at}, or its close time without one); the pointer's version, so the
   * latest publication is served even if an earlier one closes after it.
   */
  public long publicationOrder;

  public static final int SCORES = 0;
  public static final int RANKINGS = 1;
  public static final int CLUSTERS = 2;

  public RunProgress() {}

  public static RunProgress stored(String runKey, int table, long rows) {
    RunProgress p = new RunProgress();
    p.runKey = runKey;
    p.table = table;
    p.stored = rows;
    return p;
  }

  public static RunProgress completed(String runKey, BatchMetadata row, long publicationOrder) {
    RunProgress p = new RunProgress();
    p.runKey = runKey;
    p.completed = row;
    p.publicationOrder = publicationOrder;
    return p;
  }
}
