/**
 * The decisions of the dispatcher as plain, clock-injectable classes without I/O: how fast an
 * endpoint may be called ({@link io.alertscoring.webhooks.policy.TokenBucket}), how long to wait
 * before a retry ({@link io.alertscoring.webhooks.policy.Backoff}), which Kafka offset may be
 * committed ({@link io.alertscoring.webhooks.policy.OffsetTracker}) and whether a notification is
 * new, already in flight or already settled ({@link
 * io.alertscoring.webhooks.policy.DeliveryRegistry}).
 */
package io.alertscoring.webhooks.policy;
