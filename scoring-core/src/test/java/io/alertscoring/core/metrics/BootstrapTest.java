package io.alertscoring.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static final int N = 400;

  private static boolean[] labels() {
    boolean[] labels = new boolean[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 5 == 0; // 80 positives
    }
    return labels;
  }

  /** Scores with signal {@code strength}: positives shifted up by it. */
  private static double[] scores(boolean[] labels, double strength, long seed) {
    Random random = new Random(seed);
    double[] scores = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      double z = random.nextGaussian() + (labels[i] ? strength : 0.0);
      scores[i] = 1.0 / (1.0 + Math.exp(-z));
    }
    return scores;
  }

  @Test
  void sameSeedSameResult() {
    boolean[] y = labels();
    double[] a = scores(y, 0.5, 1);
    double[] b = scores(y, 1.0, 2);
    BootstrapResult first =
        Bootstrap.pairedDifference(a, b, y, BinaryMetrics::aucRoc, 200, 9, 0.95);
    BootstrapResult second =
        Bootstrap.pairedDifference(a, b, y, BinaryMetrics::aucRoc, 200, 9, 0.95);
    assertThat(second).isEqualTo(first);
    assertThat(first.difference())
        .isCloseTo(BinaryMetrics.aucRoc(b, y) - BinaryMetrics.aucRoc(a, y), within(1e-15));
    assertThat(first.ciLower()).isLessThanOrEqualTo(first.meanDifference());
    assertThat(first.ciUpper()).isGreaterThanOrEqualTo(first.meanDifference());
  }

  @Test
  void identicalModelsDifferByExactlyZero() {
    boolean[] y = labels();
    double[] a = scores(y, 1.0, 3);
    BootstrapResult result =
        Bootstrap.pairedDifference(a, a.clone(), y, BinaryMetrics::averagePrecision);
    assertThat(result.meanDifference()).isZero();
    assertThat(result.ciLower()).isZero();
    assertThat(result.ciUpper()).isZero();
    assertThat(result.significant()).isFalse();
    assertThat(result.iterations()).isEqualTo(Bootstrap.DEFAULT_ITERATIONS);
  }

  @Test
  void aClearlyBetterModelHasAnIntervalAboveZero() {
    boolean[] y = labels();
    BootstrapResult result =
        Bootstrap.pairedDifference(
            scores(y, 0.2, 4), scores(y, 3.0, 5), y, BinaryMetrics::aucRoc, 500, 11, 0.95);
    assertThat(result.ciLower()).isGreaterThan(0.0);
    assertThat(result.significant()).isTrue();
    // Brier: lower is better, so the better model's difference is negative
    BootstrapResult brier =
        Bootstrap.pairedDifference(
            scores(y, 0.2, 4), scores(y, 3.0, 5), y, BinaryMetrics::brier, 500, 11, 0.95);
    assertThat(brier.difference()).isLessThan(0.0);
  }

  @Test
  void resamplesKeepTheClassCounts() {
    boolean[] y = labels();
    double[] a = scores(y, 1.0, 6);
    Bootstrap.pairedDifference(
        a,
        a,
        y,
        (s, labels) -> {
          assertThat(BinaryMetrics.positives(labels)).isEqualTo(80);
          assertThat(labels).hasSize(N);
          return 0.0;
        },
        50,
        1,
        0.9);
  }

  @Test
  void quantileInterpolatesLinearly() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(Bootstrap.quantile(sorted, 0.0)).isEqualTo(1.0);
    assertThat(Bootstrap.quantile(sorted, 1.0)).isEqualTo(5.0);
    assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(3.0);
    assertThat(Bootstrap.quantile(sorted, 0.1)).isCloseTo(1.4, within(1e-12));
  }
}
