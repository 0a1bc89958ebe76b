package io.alertscoring.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Creates {@link PrometheusTextReporter}s; found by Flink through {@code META-INF/services} and
 * named in {@code metrics.reporter.<name>.factory.class}.
 */
public final class PrometheusTextReporterFactory implements MetricReporterFactory {
  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return new PrometheusTextReporter();
  }
}
