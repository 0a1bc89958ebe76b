package io.alertscoring.schemas.input;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/** A cluster of related alerts as grouped by the upstream analyzers. */
public record AlertCluster(
    String network,
    String processingDate,
    int windowDays,
    String clusterId,
    String clusterType,
    String primaryAddress,
    String patternId,
    String primaryAlertId,
    List<String> relatedAlertIds,
    List<String> addressesInvolved,
    int totalAlerts,
    BigDecimal totalVolumeUsd,
    Severity severityMax,
    double confidenceAvg,
    long earliestAlertTimestamp,
    long latestAlertTimestamp)
    implements SotRecord, Serializable {

  public AlertCluster {
    relatedAlertIds = relatedAlertIds == null ? List.of() : List.copyOf(relatedAlertIds);
    addressesInvolved = addressesInvolved == null ? List.of() : List.copyOf(addressesInvolved);
  }

  @Override
  public BatchKey batchKey() {
    return new BatchKey(network, processingDate, windowDays);
  }

  @Override
  public RecordKind kind() {
    return RecordKind.CLUSTER;
  }

  @Override
  public String recordId() {
    return clusterId;
  }
}
