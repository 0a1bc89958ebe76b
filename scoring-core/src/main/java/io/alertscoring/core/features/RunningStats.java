package io.alertscoring.core.features;

/**
 * Mean and variance in one pass (Welford), mergeable so partial results computed apart can be
 * combined: merging two halves gives the statistics of the whole.
 */
public final class RunningStats {
  private long count;
  private double mean;
  private double m2;

  public void add(double value) {
    if (Double.isNaN(value)) {
      return; // missing values do not move the statistics
    }
    count++;
    double delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
  }

  /** Combines another accumulator into this one (Chan et al.). */
  public void merge(RunningStats other) {
    if (other.count == 0) {
      return;
    }
    if (count == 0) {
      count = other.count;
      mean = other.mean;
      m2 = other.m2;
      return;
    }
    long total = count + other.count;
    double delta = other.mean - mean;
    mean += delta * other.count / total;
    m2 += other.m2 + delta * delta * count * other.count / total;
    count = total;
  }

  public long count() {
    return count;
  }

  public double mean() {
    return count == 0 ? Double.NaN : mean;
  }

  /** Population variance. */
  public double variance() {
    return count == 0 ? Double.NaN : m2 / count;
  }

  /** How many standard deviations {@code value} is from the mean; 0 when there is no spread. */
  public double zScore(double value) {
    if (Double.isNaN(value) || count == 0) {
      return Double.NaN;
    }
    double std = Math.sqrt(variance());
    return std < 1e-12 ? 0.0 : (value - mean) / std;
  }
}
