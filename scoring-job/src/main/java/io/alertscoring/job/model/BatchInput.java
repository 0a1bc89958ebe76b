package io.alertscoring.job.model;

import io.alertscoring.schemas.RecordKind;

/** A validated input record on its way to its batch, in canonical JSON, with its origin. */
public class BatchInput {
  public RecordKind kind;
  public String batchId;
  public String recordId;
  public String json;
  public String topic;
  public int partition;
  public long offset;

  public BatchInput() {}

  public BatchInput(
      RecordKind kind,
      String batchId,
      String recordId,
      String json,
      String topic,
      int partition,
      long offset) {
    this.kind = kind;
    this.batchId = batchId;
    this.recordId = recordId;
    this.json = json;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }
}
