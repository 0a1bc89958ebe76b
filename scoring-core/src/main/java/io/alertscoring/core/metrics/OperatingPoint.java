package io.alertscoring.core.metrics;

/**
 * The confusion counts of "predict positive when {@code score >= threshold}".
 *
 * <p>Ratios whose denominator is zero are 0 (scikit-learn's {@code zero_division=0}): precision
 * with nothing flagged, recall without positives, FPR without negatives. That keeps every value a
 * finite number for JSON reports; the counts are there to tell "0 because empty" apart.
 */
public record OperatingPoint(
    double threshold,
    long truePositives,
    long falsePositives,
    long trueNegatives,
    long falseNegatives) {

  public long flagged() {
    return truePositives + falsePositives;
  }

  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /** Recall, also called the true-positive rate. */
  public double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  public double falsePositiveRate() {
    return ratio(falsePositives, falsePositives + trueNegatives);
  }

  /** Harmonic mean of precision and recall, {@code 2tp / (2tp + fp + fn)}; 0 when tp is 0. */
  public double f1() {
    return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }
}
