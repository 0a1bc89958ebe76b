package io.alertscoring.job.model;

/** A record held in batch state until the batch closes. */
public class StoredRecord {
  public String json;
  public long receivedAt;

  public StoredRecord() {}

  public StoredRecord(String json, long receivedAt) {
    this.json = json;
    this.receivedAt = receivedAt;
  }
}
