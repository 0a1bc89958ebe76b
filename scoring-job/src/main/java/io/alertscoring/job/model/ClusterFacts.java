package io.alertscoring.job.model;

import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AlertCluster;
import java.math.BigDecimal;
import java.util.List;

/**
 * An alert cluster in a form Flink serializes as a POJO (arrays instead of lists), converted back
 * to the exact {@link AlertCluster} at close. The USD volume is kept as its decimal text so the
 * conversion is lossless.
 */
public class ClusterFacts {
  public String network;
  public String processingDate;
  public int windowDays;
  public String clusterId;
  public String clusterType;
  public String primaryAddress;
  public String patternId;
  public String primaryAlertId;
  public String[] relatedAlertIds;
  public String[] addressesInvolved;
  public int totalAlerts;
  public String totalVolumeUsd;
  public Severity severityMax;
  public double confidenceAvg;
  public long earliestAlertTimestamp;
  public long latestAlertTimestamp;

  public ClusterFacts() {}

  public static ClusterFacts of(AlertCluster c) {
    ClusterFacts f = new ClusterFacts();
    f.network = c.network();
    f.processingDate = c.processingDate();
    f.windowDays = c.windowDays();
    f.clusterId = c.clusterId();
    f.clusterType = c.clusterType();
    f.primaryAddress = c.primaryAddress();
    f.patternId = c.patternId();
    f.primaryAlertId = c.primaryAlertId();
    f.relatedAlertIds = c.relatedAlertIds().toArray(String[]::new);
    f.addressesInvolved = c.addressesInvolved().toArray(String[]::new);
    f.totalAlerts = c.totalAlerts();
    f.totalVolumeUsd = c.totalVolumeUsd().toString();
    f.severityMax = c.severityMax();
    f.confidenceAvg = c.confidenceAvg();
    f.earliestAlertTimestamp = c.earliestAlertTimestamp();
    f.latestAlertTimestamp = c.latestAlertTimestamp();
    return f;
  }

  public AlertCluster toCluster() {
    return new AlertCluster(
        network,
        processingDate,
        windowDays,
        clusterId,
        clusterType,
        primaryAddress,
        patternId,
        primaryAlertId,
        List.of(relatedAlertIds),
        List.of(addressesInvolved),
        totalAlerts,
        new BigDecimal(totalVolumeUsd),
        severityMax,
        confidenceAvg,
        earliestAlertTimestamp,
        latestAlertTimestamp);
  }
}
