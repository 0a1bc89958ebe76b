/**
 * One notification to one endpoint, from its queue to its settled outcome: {@link
 * io.alertscoring.webhooks.delivery.Delivery} (the body, the event id, the Kafka records waiting
 * for it) and {@link io.alertscoring.webhooks.delivery.EndpointWorker} (one thread and one bounded
 * queue per endpoint: rate limit, signed POST, retries with backoff, then DELIVERED, or a dead
 * letter and FAILED, recorded in the ledger).
 *
 * <p>One worker per endpoint keeps a slow or failing receiver from delaying the others, and makes
 * the endpoint's rate limit a plain token bucket with no coordination. The cost: one endpoint's
 * events are sent one at a time (a receiver answering in 100 ms gets at most 10 per second,
 * whatever its rate limit). Webhook receivers are usually people's tools, not bulk sinks, so
 * sequential per endpoint is the right default.
 */
package io.alertscoring.webhooks.delivery;
