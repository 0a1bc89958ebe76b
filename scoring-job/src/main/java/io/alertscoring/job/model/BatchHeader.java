package io.alertscoring.job.model;

import io.alertscoring.schemas.input.BatchControl;

/**
 * The coordinator's small per-batch bookkeeping, kept in one value so a record costs one state
 * write besides its own. Records arriving are counted as they come, duplicates included: the close
 * check reads every record anyway and counts distinct identities there, so no per-record existence
 * check is needed (see ADR 0003).
 */
public class BatchHeader {
  public long startedAt;
  public long timeoutAt;

  /** Records received per data kind (alerts, features, clusters, flows), duplicates included. */
  public long[] arrivals = new long[4];

  /** Arrivals (all kinds) at which the next close check may run: after a shortfall found by one. */
  public long nextCheckAt;

  public BatchControl control;

  /**
   * When the close began (0 before): from then on the alert contexts are emitted in chunks, one
   * chunk per timer call, so checkpoint barriers pass between chunks.
   */
  public long closingAt;

  /**
   * Where a close is: {@link #READING}, {@link #BUILDING_GRAPH}, {@link #RANKING_GRAPH}, {@link
   * #COMPUTING}, {@link #EMITTING}.
   */
  public int closePhase;

  public static final int READING = 1;
  public static final int BUILDING_GRAPH = 2;
  public static final int RANKING_GRAPH = 3;
  public static final int COMPUTING = 4;
  public static final int EMITTING = 5;

  /** Alert contexts of the close already emitted, and the timer of the next step. */
  public int contextsEmitted;

  public long nextChunkAt;

  /** When the batch closed (0 while open), and when its late-record retention ends. */
  public long closedAt;

  public long retentionAt;

  /**
   * The run's id: its publication's tag, or for an untagged run {@code u<first arrival ms>}, so two
   * untagged runs of a date never share one. Every output row of the run carries it.
   */
  public String runId;

  /** How the run ended (COMPLETED or FAILED), for the reason given to late records. */
  public String outcome;

  /**
   * The source topic of each data kind (alerts, features, clusters, flows), from its first record.
   */
  public String[] topics = new String[4];

  public BatchHeader() {}

  public long totalArrivals() {
    return arrivals[0] + arrivals[1] + arrivals[2] + arrivals[3];
  }

  public BatchHeader copy() {
    BatchHeader c = new BatchHeader();
    c.startedAt = startedAt;
    c.timeoutAt = timeoutAt;
    c.arrivals = arrivals.clone();
    c.nextCheckAt = nextCheckAt;
    c.control = control;
    c.closingAt = closingAt;
    c.closePhase = closePhase;
    c.contextsEmitted = contextsEmitted;
    c.nextChunkAt = nextChunkAt;
    c.closedAt = closedAt;
    c.retentionAt = retentionAt;
    c.runId = runId;
    c.outcome = outcome;
    c.topics = topics.clone();
    return c;
  }
}
