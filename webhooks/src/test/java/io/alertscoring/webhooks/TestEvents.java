package io.alertscoring.webhooks;

import io.alertscoring.schemas.output.NotificationEvent;

/** Notification events for tests. */
public final class TestEvents {
  private TestEvents() {}

  public static NotificationEvent alert(String network, String alertId, String priority) {
    return alert(network, alertId, priority, "run-1", NotificationEvent.LIVE);
  }

  public static NotificationEvent alert(
      String network, String alertId, String priority, String runId, String source) {
    return new NotificationEvent(
        NotificationEvent.ALERT,
        source,
        network,
        "2026-03-01",
        7,
        runId,
        alertId,
        "0xabc" + alertId,
        "layering",
        0.97,
        priority,
        "alert-scorer-v3",
        "degree_in",
        1.25,
        "[{\"feature\":\"degree_in\",\"contribution\":1.25}]",
        System.currentTimeMillis());
  }

  public static NotificationEvent cluster(String network, String clusterId, String priority) {
    return new NotificationEvent(
        NotificationEvent.CLUSTER,
        NotificationEvent.FINAL,
        network,
        "2026-03-01",
        7,
        "run-1",
        clusterId,
        "",
        "",
        0.91,
        priority,
        "cluster-scorer-v1",
        "",
        0.0,
        "[]",
        System.currentTimeMillis());
  }

  public static NotificationEvent withTypology(NotificationEvent e, String typology) {
    return new NotificationEvent(
        e.entityType(),
        e.source(),
        e.network(),
        e.processingDate(),
        e.windowDays(),
        e.runId(),
        e.entityId(),
        e.address(),
        typology,
        e.score(),
        e.priority(),
        e.modelVersion(),
        e.topFeature(),
        e.topContribution(),
        e.explanationJson(),
        e.scoredAt());
  }
}
