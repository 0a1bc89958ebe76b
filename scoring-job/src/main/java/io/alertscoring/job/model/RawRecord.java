package io.alertscoring.job.model;

import io.alertscoring.schemas.RecordKind;

/** One message exactly as it came off its topic, with its origin. Never fails to deserialise. */
public class RawRecord {
  public RecordKind kind;
  public String topic;
  public int partition;
  public long offset;
  public byte[] value;

  /** The run (publication) the record belongs to, from its Kafka header; "" when untagged. */
  public String runId = "";

  public RawRecord() {}

  public RawRecord(RecordKind kind, String topic, int partition, long offset, byte[] value) {
    this.kind = kind;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.value = value;
  }

  public RawRecord(
      RecordKind kind, String topic, int partition, long offset, byte[] value, String runId) {
    this(kind, topic, partition, offset, value);
    this.runId = runId == null ? "" : runId;
  }
}
