package io.alertscoring.schemas.input;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.io.Serializable;

/**
 * Announces that a batch has been fully published and how many distinct records of each kind it
 * holds, so the job can close it deterministically.
 */
public record BatchControl(
    String network,
    String processingDate,
    int windowDays,
    long alertCount,
    long featureCount,
    long clusterCount,
    long moneyFlowCount,
    long publishedAt)
    implements SotRecord, Serializable {

  @Override
  public BatchKey batchKey() {
    return new BatchKey(network, processingDate, windowDays);
  }

  @Override
  public RecordKind kind() {
    return RecordKind.BATCH_CONTROL;
  }

  @Override
  public String recordId() {
    return "control";
  }
}
