package io.alertscoring.schemas.input;

import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/** An upstream analyzer's alert on one address. */
public record Alert(
    String network,
    String processingDate,
    int windowDays,
    String alertId,
    String address,
    String typologyType,
    String patternId,
    String patternType,
    Severity severity,
    AddressType suspectedAddressType,
    String suspectedAddressSubtype,
    double alertConfidenceScore,
    String description,
    BigDecimal volumeUsd,
    String evidenceJson,
    List<String> riskIndicators)
    implements SotRecord, Serializable {

  public Alert {
    riskIndicators = riskIndicators == null ? List.of() : List.copyOf(riskIndicators);
  }

  @Override
  public BatchKey batchKey() {
    return new BatchKey(network, processingDate, windowDays);
  }

  @Override
  public RecordKind kind() {
    return RecordKind.ALERT;
  }

  @Override
  public String recordId() {
    return alertId;
  }
}
