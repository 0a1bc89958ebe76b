package io.alertscoring.job.logic;

/**
 * ReplacingMergeTree versions. A PROCESSING row gets {@code start * 10}; a run's COMPLETED or
 * FAILED row and all its score rows get {@code close * 10 + 1}. Close is never before start, so the
 * close row always wins over its own PROCESSING row, and a later replay always wins over an earlier
 * run.
 */
public final class RowVersions {
  private RowVersions() {}

  public static long processing(long startedAtMs) {
    return startedAtMs * 10;
  }

  public static long closed(long closedAtMs) {
    return closedAtMs * 10 + 1;
  }
}
