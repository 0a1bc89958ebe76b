package io.alertscoring.job.model;

/**
 * What the finishing step of a batch (ranking, cluster scores, COMPLETED) collects under the batch
 * key: the plan from the coordinator (how many alerts to wait for, the metadata so far), each
 * cluster's partial vector from the coordinator, and each alert's result from the address keys.
 */
public class BatchPart {
  public enum Kind {
    PLAN,
    CLUSTER,
    RESULT
  }

  public Kind kind;
  public String batchId;

  // PLAN
  /** The run's id, which the rankings, cluster scores and metadata rows carry. */
  public String runId;

  public long alertCount;
  public long clusterCount;
  public long[] received;
  public long[] expected;
  public long startedAt;
  public long closedAt;

  /** The batch-control record's {@code published_at}: the run's place among publications. */
  public long publishedAt;

  public long version;
  public double featureMs;
  public String note;

  // CLUSTER
  public String clusterId;
  public int totalAlerts;
  public double totalVolumeUsd;
  public double[] partialColumns;
  public String[] presentMembers;

  // RESULT
  public String alertId;
  public double probability;
  public double rankerScore;

  /** A scoring failure of this alert; the batch is then FAILED. */
  public String error;

  public BatchPart() {}
}
