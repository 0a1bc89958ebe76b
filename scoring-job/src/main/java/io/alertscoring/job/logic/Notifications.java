package io.alertscoring.job.logic;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.NotificationEvent;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * Which scored alerts and clusters become notification events, and what the events say. An alert is
 * notified on its live score and again on its final score; the dispatcher's deduplication by
 * (endpoint, alert, priority) sends the second only when the final score changed the priority.
 */
public final class Notifications implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Set<String> priorities;

  /**
   * @param priorities wire names ({@code high}, ...) worth notifying; empty: none
   */
  public Notifications(Set<String> priorities) {
    this.priorities = Set.copyOf(priorities);
  }

  public boolean enabled() {
    return !priorities.isEmpty();
  }

  public boolean notifies(String priority) {
    return priority != null && priorities.contains(priority.toLowerCase(Locale.ROOT));
  }

  /** The event of a live score, or null when its priority is not notified. */
  public NotificationEvent live(LiveAlertScore s) {
    if (!notifies(s.priority())) {
      return null;
    }
    return alert(
        NotificationEvent.LIVE,
        s.network(),
        s.processingDate(),
        s.windowDays(),
        s.runId(),
        s.alertId(),
        s.address(),
        s.typologyType(),
        s.score(),
        s.priority(),
        s.modelVersion(),
        s.explanationJson(),
        s.scoredAt());
  }

  /** The event of a final score, or null when its priority is not notified. */
  public NotificationEvent finalScore(AlertScore s) {
    if (!notifies(s.priority())) {
      return null;
    }
    return alert(
        NotificationEvent.FINAL,
        s.network(),
        s.processingDate(),
        s.windowDays(),
        s.runId(),
        s.alertId(),
        s.address(),
        s.typologyType(),
        s.score(),
        s.priority(),
        s.modelVersion(),
        s.explanationJson(),
        s.processedAt());
  }

  /** The event of a cluster score, or null when its priority is not notified. */
  public NotificationEvent cluster(ClusterScore s) {
    if (!notifies(s.priority())) {
      return null;
    }
    return new NotificationEvent(
        NotificationEvent.CLUSTER,
        NotificationEvent.FINAL,
        s.network(),
        s.processingDate(),
        s.windowDays(),
        s.runId(),
        s.clusterId(),
        "",
        "",
        s.score(),
        s.priority().toLowerCase(Locale.ROOT),
        s.modelVersion(),
        "",
        0.0,
        "[]",
        s.processedAt());
  }

  private static NotificationEvent alert(
      String source,
      String network,
      String date,
      int window,
      String runId,
      String alertId,
      String address,
      String typology,
      double score,
      String priority,
      String modelVersion,
      String explanationJson,
      long scoredAt) {
    String topFeature = "";
    double topContribution = 0;
    // only notified alerts (a few per thousand) pay for this parse
    try {
      JsonNode top = OutputJson.mapper().readTree(explanationJson);
      if (top.isArray() && top.size() > 0) {
        topFeature = top.get(0).path("feature").asText("");
        topContribution = top.get(0).path("contribution").asDouble(0);
      }
    } catch (java.io.IOException | RuntimeException e) {
      // an unparsable explanation leaves the top feature empty; the score is still notified
    }
    return new NotificationEvent(
        NotificationEvent.ALERT,
        source,
        network,
        date,
        window,
        runId,
        alertId,
        address,
        typology,
        score,
        priority.toLowerCase(Locale.ROOT),
        modelVersion,
        topFeature,
        topContribution,
        explanationJson,
        scoredAt);
  }
}
