/**
 * Delivery counters and the score-to-delivered latency per endpoint, read as an immutable snapshot
 * and rendered in the Prometheus text format.
 *
 * <p>Micrometer ({@code io.micrometer:micrometer-registry-prometheus}) is not in the root pom's
 * dependency management, so no MeterRegistry is bound: the counters are plain {@code LongAdder}s,
 * the latency a fixed-bucket histogram (HdrHistogram is not available either), and {@link
 * io.alertscoring.webhooks.metrics.DeliveryStats.Snapshot#toPrometheusText()} writes the text
 * format that {@code WebhooksMain --metrics-port} serves. Binding these to Micrometer later is a
 * matter of registering function counters over the same adders.
 */
package io.alertscoring.webhooks.metrics;
