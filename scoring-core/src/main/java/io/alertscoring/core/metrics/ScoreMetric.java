package io.alertscoring.core.metrics;

/**
 * A metric of scores against binary labels, e.g. {@code BinaryMetrics::aucRoc}; what {@link
 * Bootstrap} resamples.
 */
@FunctionalInterface
public interface ScoreMetric {
  double compute(double[] scores, boolean[] labels);
}
