package io.alertscoring.job.model;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.FeatureSummary;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.BatchControl;

/**
 * What the per-batch coordinator receives of every validated record: its identity and origin, and
 * only the compact part the batch-wide steps need (alert facts, an address's feature summary, a
 * flow's USD weight, a cluster, the control record). Exactly one payload field is set, by {@link
 * #kind}. A Flink POJO: fields may be added (with defaults) without breaking savepoints.
 */
public class BatchEvent {
  public RecordKind kind;
  public String batchId;

  /** Alert id, address, cluster id, or {@code from->to} for a money flow. */
  public String recordId;

  public String topic;
  public int partition;
  public long offset;

  public AlertFacts alert;
  public FeatureSummary features;

  /** Money flow: its USD amount and the length of its from-address within {@link #recordId}. */
  public double flowUsd;

  public int flowFromLength;

  public ClusterFacts cluster;
  public BatchControl control;

  /**
   * Set only by {@code BatchCoordinatorOperator} at the end of a bounded input: finish the batch's
   * close now instead of from timers.
   */
  public boolean drain;

  public BatchEvent() {}

  public static BatchEvent drain(String batchId) {
    BatchEvent event = new BatchEvent();
    event.batchId = batchId;
    event.drain = true;
    return event;
  }

  public BatchEvent(
      RecordKind kind, String batchId, String recordId, String topic, int partition, long offset) {
    this.kind = kind;
    this.batchId = batchId;
    this.recordId = recordId;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }
}
