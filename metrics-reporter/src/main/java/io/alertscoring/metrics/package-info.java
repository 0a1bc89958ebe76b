/**
 * Flink metrics in the Prometheus text format. {@link
 * io.alertscoring.metrics.PrometheusTextReporter} is a Flink {@code MetricReporter} that keeps the
 * metrics Flink registers with it and renders them on every scrape of {@code GET /metrics} (the
 * JDK's HTTP server, one per JobManager or TaskManager process); {@link
 * io.alertscoring.metrics.PrometheusText} is the plain formatting. Configured as Flink's own
 * Prometheus reporter is:
 *
 * <pre>
 * metrics.reporter.prom.factory.class: io.alertscoring.metrics.PrometheusTextReporterFactory
 * metrics.reporter.prom.port: 9249-9260
 * </pre>
 *
 * <p>Names and labels follow Flink's {@code PrometheusReporter}, so dashboards written for it work:
 * {@code flink_<logical scope>_<name>} with every scope variable as a label ({@code job_name},
 * {@code operator_name}, {@code subtask_index}, ... and user groups such as {@code reason} of
 * {@code addGroup("reason", value)}).
 */
package io.alertscoring.metrics;
