package io.alertscoring.schemas.input;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import java.io.Serializable;

/**
 * Ground truth about an address, arriving days after its alerts. For training and validation only:
 * never a model input.
 */
public record AddressLabel(
    String network,
    String processingDate,
    int windowDays,
    String address,
    String label,
    String addressType,
    Severity riskLevel,
    double confidenceScore,
    String source)
    implements SotRecord, Serializable {

  /** An alert on this address counts as illicit when the label's risk is high or critical. */
  public boolean isPositive() {
    return riskLevel == Severity.HIGH || riskLevel == Severity.CRITICAL;
  }

  @Override
  public BatchKey batchKey() {
    return new BatchKey(network, processingDate, windowDays);
  }

  @Override
  public RecordKind kind() {
    return RecordKind.ADDRESS_LABEL;
  }

  @Override
  public String recordId() {
    return address;
  }
}
