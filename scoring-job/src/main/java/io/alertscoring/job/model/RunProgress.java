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

  public static RunProgress completed(String runKey, BatchMetadata row) {
    RunProgress p = new RunProgress();
    p.runKey = runKey;
    p.completed = row;
    return p;
  }
}
