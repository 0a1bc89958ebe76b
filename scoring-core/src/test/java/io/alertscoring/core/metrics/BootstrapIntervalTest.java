package io.alertscoring.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {

  private static double[] scores(boolean[] labels, double separation, long seed) {
    Random random = new Random(seed);
    double[] s = new double[labels.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = random.nextGaussian() + (labels[i] ? separation : 0);
    }
    return s;
  }

  private static boolean[] labels(int n, int positives) {
    boolean[] y = new boolean[n];
    for (int i = 0; i < positives; i++) {
      y[i * (n / positives)] = true;
    }
    return y;
  }

  @Test
  void theIntervalHoldsTheObservedValueAndNarrowsWithMoreItems() {
    boolean[] small = labels(400, 20);
    boolean[] large = labels(8000, 400);
    BootstrapInterval a = BootstrapInterval.of(scores(small, 1.5, 1), small, BinaryMetrics::aucRoc);
    BootstrapInterval b = BootstrapInterval.of(scores(large, 1.5, 1), large, BinaryMetrics::aucRoc);
    for (BootstrapInterval ci : new BootstrapInterval[] {a, b}) {
      assertThat(ci.lower()).isLessThan(ci.value());
      assertThat(ci.upper()).isGreaterThan(ci.value());
      assertThat(ci.confidence()).isEqualTo(0.95);
      assertThat(ci.iterations()).isEqualTo(Bootstrap.DEFAULT_ITERATIONS);
    }
    assertThat(b.upper() - b.lower()).isLessThan((a.upper() - a.lower()) / 2);
    // the true AUC of two unit normals 1.5 apart is Phi(1.5 / sqrt 2) = 0.856
    assertThat(b.lower()).isLessThan(0.856);
    assertThat(b.upper()).isGreaterThan(0.856);
  }

  @Test
  void theSameSeedGivesTheSameIntervalAndBadArgumentsAreRefused() {
    boolean[] y = labels(500, 50);
    double[] s = scores(y, 1, 3);
    assertThat(BootstrapInterval.of(s, y, BinaryMetrics::averagePrecision, 200, 9, 0.9))
        .isEqualTo(BootstrapInterval.of(s, y, BinaryMetrics::averagePrecision, 200, 9, 0.9));
    assertThatThrownBy(() -> BootstrapInterval.of(s, y, BinaryMetrics::aucRoc, 0, 9, 0.9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BootstrapInterval.of(s, y, BinaryMetrics::aucRoc, 10, 9, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
