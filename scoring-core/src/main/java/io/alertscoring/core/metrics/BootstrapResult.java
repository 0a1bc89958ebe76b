package io.alertscoring.core.metrics;

/**
 * A paired bootstrap of {@code metric(candidate) - metric(baseline)}.
 *
 * @param baseline the metric of the baseline scores on all items
 * @param candidate the metric of the candidate scores on all items
 * @param difference {@code candidate - baseline} on all items
 * @param meanDifference the mean of the resampled differences
 * @param ciLower lower end of the percentile interval of the resampled differences
 * @param ciUpper upper end of that interval
 * @param confidence the interval's level, e.g. 0.95
 * @param iterations number of resamples
 * @param seed the seed the resamples were drawn with
 */
public record BootstrapResult(
    double baseline,
    double candidate,
    double difference,
    double meanDifference,
    double ciLower,
    double ciUpper,
    double confidence,
    int iterations,
    long seed) {

  /** True when the interval excludes 0: the difference is unlikely to be resampling noise. */
  public boolean significant() {
    return ciLower > 0.0 || ciUpper < 0.0;
  }
}
