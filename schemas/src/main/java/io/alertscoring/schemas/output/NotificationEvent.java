package io.alertscoring.schemas.output;

import java.io.Serializable;
import java.util.Locale;

/**
 * A high-risk alert or cluster worth telling someone about: what the job writes to {@link
 * io.alertscoring.schemas.RecordKind#NOTIFICATION_TOPIC} (one JSON object per message, snake_case)
 * when an alert gets its live score or its final score, or a cluster its score, with a priority
 * that notifications are kept for. The webhook dispatcher matches events to subscriptions and
 * delivers each {@link #dedupKey()} at most once per endpoint.
 *
 * @param entityType {@code alert} or {@code cluster}
 * @param source {@code live} (the live score on arrival) or {@code final} (the batch score)
 * @param entityId the alert id or cluster id
 * @param address the alert's address; empty for a cluster
 * @param typologyType the alert's typology; empty for a cluster
 * @param score in [0, 1]
 * @param priority {@code low}, {@code medium} or {@code high} (wire names)
 * @param topFeature the feature with the largest contribution; empty when not explained
 * @param topContribution its contribution to the raw score
 * @param explanationJson the top contributions as stored with the score (JSON array)
 * @param scoredAt when the score was computed (epoch ms)
 */
public record NotificationEvent(
    String entityType,
    String source,
    String network,
    String processingDate,
    int windowDays,
    String runId,
    String entityId,
    String address,
    String typologyType,
    double score,
    String priority,
    String modelVersion,
    String topFeature,
    double topContribution,
    String explanationJson,
    long scoredAt)
    implements Serializable {

  public static final String ALERT = "alert";
  public static final String CLUSTER = "cluster";
  public static final String LIVE = "live";
  public static final String FINAL = "final";

  /**
   * What is notified at most once per endpoint: the entity and its priority, whatever the run, the
   * source or the score. A live HIGH and a final HIGH of one alert are one notification; a final
   * score that changes the priority is a new one.
   */
  public String dedupKey() {
    return entityType + "/" + network + "/" + entityId + "/" + priority.toLowerCase(Locale.ROOT);
  }

  /** Kafka message key: one entity's events stay in order on one partition. */
  public String messageKey() {
    return entityType + "/" + network + "/" + entityId;
  }
}
