package io.alertscoring.schemas.output;

import java.io.Serializable;

/**
 * The settled outcome of one webhook notification: one row per (endpoint, {@link
 * NotificationEvent#dedupKey() dedup key}), the webhook dispatcher's ledger of what it has already
 * told each endpoint. The dispatcher loads these keys at start and never notifies a settled key
 * again, so restarts, replays (a new run of the same date) and the job's re-emitted events do not
 * reach a receiver twice.
 *
 * @param endpointId the subscription's id
 * @param dedupKey {@link NotificationEvent#dedupKey()}: entity type, network, entity id, priority
 * @param eventId the {@code X-Alert-Scoring-Event-Id} header sent (stable per endpoint and key)
 * @param entityType {@code alert} or {@code cluster}
 * @param processingDate the processing date of the event that was notified (YYYY-MM-DD)
 * @param source {@code live} or {@code final}: which score was notified
 * @param runId the run of the event that was notified
 * @param status {@link #DELIVERED} or {@link #FAILED}
 * @param attempts POST attempts made, the successful one included
 * @param httpStatus the last HTTP status received; 0 when the last attempt got no response
 * @param latencyMs from the event's {@code scored_at} to the 2xx response; 0 when FAILED
 * @param firstAttemptAt when the first POST was sent (epoch ms)
 * @param settledAt when the outcome was decided (epoch ms)
 * @param error the last failure (status or I/O error), empty when delivered at the first attempt
 * @param version ReplacingMergeTree version: {@code settledAt}
 */
public record WebhookDelivery(
    String endpointId,
    String dedupKey,
    String eventId,
    String entityType,
    String network,
    String processingDate,
    String entityId,
    String priority,
    String source,
    String runId,
    String status,
    int attempts,
    int httpStatus,
    double latencyMs,
    long firstAttemptAt,
    long settledAt,
    String error,
    long version)
    implements Serializable {

  /** A 2xx answer was received. */
  public static final String DELIVERED = "DELIVERED";

  /** Every attempt failed; the event went to the webhook dead-letter topic. */
  public static final String FAILED = "FAILED";
}
