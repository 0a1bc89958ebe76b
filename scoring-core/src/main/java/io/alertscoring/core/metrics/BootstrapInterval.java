package io.alertscoring.core.metrics;

import java.util.Arrays;
import java.util.Random;

/**
 * Percentile bootstrap interval of one metric on one score vector: stratified (positives among
 * positives, negatives among negatives, so every resample keeps the class counts and AUC stays
 * defined) and seeded with {@link Random}, whose algorithm the JDK specifies, so the same seed
 * gives the same interval everywhere. The same choices as {@link Bootstrap}, for a single model.
 *
 * @param value the metric on all items
 * @param lower lower end of the percentile interval
 * @param upper upper end
 * @param confidence the interval's level, e.g. 0.95
 * @param iterations resamples drawn
 */
public record BootstrapInterval(
    double value, double lower, double upper, double confidence, int iterations) {

  /** 95 %, {@link Bootstrap#DEFAULT_ITERATIONS} resamples, {@link Bootstrap#DEFAULT_SEED}. */
  public static BootstrapInterval of(double[] scores, boolean[] labels, ScoreMetric metric) {
    return of(scores, labels, metric, Bootstrap.DEFAULT_ITERATIONS, Bootstrap.DEFAULT_SEED, 0.95);
  }

  /**
   * @throws IllegalArgumentException on mismatched lengths, fewer than one iteration, a confidence
   *     outside (0,1), or a metric undefined on the full sample
   */
  public static BootstrapInterval of(
      double[] scores,
      boolean[] labels,
      ScoreMetric metric,
      int iterations,
      long seed,
      double confidence) {
    Inputs.check(scores, labels);
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    if (!(confidence > 0.0 && confidence < 1.0)) {
      throw new IllegalArgumentException("confidence must be in (0,1), got " + confidence);
    }
    double observed = metric.compute(scores, labels);
    int n = labels.length;
    int[] positives = new int[Inputs.positives(labels)];
    int[] negatives = new int[n - positives.length];
    int p = 0;
    int q = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i]) {
        positives[p++] = i;
      } else {
        negatives[q++] = i;
      }
    }
    Random random = new Random(seed);
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    double[] values = new double[iterations];
    for (int it = 0; it < iterations; it++) {
      int j = 0;
      for (int draw = 0; draw < positives.length; draw++, j++) {
        s[j] = scores[positives[random.nextInt(positives.length)]];
        y[j] = true;
      }
      for (int draw = 0; draw < negatives.length; draw++, j++) {
        s[j] = scores[negatives[random.nextInt(negatives.length)]];
        y[j] = false;
      }
      values[it] = metric.compute(s, y);
    }
    Arrays.sort(values);
    double tail = (1.0 - confidence) / 2.0;
    return new BootstrapInterval(
        observed,
        Bootstrap.quantile(values, tail),
        Bootstrap.quantile(values, 1.0 - tail),
        confidence,
        iterations);
  }
}
