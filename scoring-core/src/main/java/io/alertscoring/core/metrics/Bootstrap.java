package io.alertscoring.core.metrics;

import java.util.Arrays;
import java.util.Random;

/**
 * Paired, stratified bootstrap of a metric difference between two score vectors on the same items.
 *
 * <ul>
 *   <li><b>Paired</b>: each resample draws item indices once and evaluates both score vectors on
 *       them, so the noise shared by the two models (which items happen to be in the sample)
 *       cancels; the interval is much narrower than comparing two independent intervals.
 *   <li><b>Stratified</b>: positives are resampled among positives and negatives among negatives,
 *       so every resample keeps the class counts; with few positives an unstratified resample could
 *       contain none and make AUC undefined.
 *   <li><b>Percentile interval</b> (linear interpolation between order statistics). Simple and
 *       transformation-respecting; it can undercover for small samples, where BCa would be more
 *       accurate but also much slower (a jackknife per call).
 *   <li><b>Seeded {@link Random}</b>: its algorithm is specified by the JDK, so the same seed gives
 *       the same interval on every JDK.
 * </ul>
 */
public final class Bootstrap {
  /** Resamples used when the caller has no reason to choose otherwise. */
  public static final int DEFAULT_ITERATIONS = 1000;

  /** The project's fixed default seed. */
  public static final long DEFAULT_SEED = 20_260_101L;

  private Bootstrap() {}

  /** 95% interval, {@link #DEFAULT_ITERATIONS} resamples, {@link #DEFAULT_SEED}. */
  public static BootstrapResult pairedDifference(
      double[] baseline, double[] candidate, boolean[] labels, ScoreMetric metric) {
    return pairedDifference(
        baseline, candidate, labels, metric, DEFAULT_ITERATIONS, DEFAULT_SEED, 0.95);
  }

  /**
   * @param baseline scores of model A, one per item
   * @param candidate scores of model B on the same items, in the same order
   * @param labels the items' labels
   * @param metric e.g. {@code BinaryMetrics::aucRoc}
   * @param iterations number of resamples, {@code >= 1}
   * @param seed seed of the resampling
   * @param confidence level of the interval, in (0,1)
   * @throws IllegalArgumentException on mismatched lengths, or if {@code metric} is undefined on
   *     the full sample (e.g. AUC with a single class)
   */
  public static BootstrapResult pairedDifference(
      double[] baseline,
      double[] candidate,
      boolean[] labels,
      ScoreMetric metric,
      int iterations,
      long seed,
      double confidence) {
    Inputs.check(baseline, labels);
    Inputs.check(candidate, labels);
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    if (!(confidence > 0.0 && confidence < 1.0)) {
      throw new IllegalArgumentException("confidence must be in (0,1), got " + confidence);
    }
    double observedBaseline = metric.compute(baseline, labels);
    double observedCandidate = metric.compute(candidate, labels);

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
    double[] a = new double[n];
    double[] b = new double[n];
    boolean[] y = new boolean[n];
    double[] differences = new double[iterations];
    double sum = 0.0;
    for (int it = 0; it < iterations; it++) {
      int j = 0;
      for (int draw = 0; draw < positives.length; draw++, j++) {
        int item = positives[random.nextInt(positives.length)];
        a[j] = baseline[item];
        b[j] = candidate[item];
        y[j] = true;
      }
      for (int draw = 0; draw < negatives.length; draw++, j++) {
        int item = negatives[random.nextInt(negatives.length)];
        a[j] = baseline[item];
        b[j] = candidate[item];
        y[j] = false;
      }
      differences[it] = metric.compute(b, y) - metric.compute(a, y);
      sum += differences[it];
    }
    Arrays.sort(differences);
    double tail = (1.0 - confidence) / 2.0;
    return new BootstrapResult(
        observedBaseline,
        observedCandidate,
        observedCandidate - observedBaseline,
        sum / iterations,
        quantile(differences, tail),
        quantile(differences, 1.0 - tail),
        confidence,
        iterations,
        seed);
  }

  /** Quantile of sorted values with linear interpolation (Hyndman-Fan type 7, numpy's default). */
  static double quantile(double[] sorted, double probability) {
    double position = probability * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    double fraction = position - lower;
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
  }
}
