package io.alertscoring.api.store;

/**
 * One webhook endpoint's deliveries so far, from the dispatcher's ledger.
 *
 * @param endpointId the subscription's id
 * @param delivered notifications answered with a 2xx
 * @param failed notifications that exhausted their retries (in the webhook dead-letter topic)
 * @param attempts POSTs made, retries included
 * @param latencyP50Ms median time from the score to the 2xx answer, over delivered ones
 * @param latencyP99Ms its 99th percentile
 * @param lastSettledAt when the newest notification was settled (epoch ms)
 */
public record WebhookEndpointSummary(
    String endpointId,
    long delivered,
    long failed,
    long attempts,
    double latencyP50Ms,
    double latencyP99Ms,
    long lastSettledAt) {}
