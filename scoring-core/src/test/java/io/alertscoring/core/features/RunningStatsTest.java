package io.alertscoring.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

  @Test
  void mergeEqualsSequential() {
    Random random = new Random(7);
    double[] values = new double[1001];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian() * 100 + 5;
    }
    RunningStats sequential = new RunningStats();
    for (double v : values) {
      sequential.add(v);
    }
    for (int split : new int[] {0, 1, 500, 1000, 1001}) {
      RunningStats left = new RunningStats();
      RunningStats right = new RunningStats();
      for (int i = 0; i < values.length; i++) {
        (i < split ? left : right).add(values[i]);
      }
      left.merge(right);
      assertThat(left.count()).isEqualTo(sequential.count());
      assertThat(left.mean()).isCloseTo(sequential.mean(), within(1e-9));
      assertThat(left.variance()).isCloseTo(sequential.variance(), within(1e-6));
    }
  }

  @Test
  void ignoresMissingValuesAndHasNoSpreadForConstants() {
    RunningStats stats = new RunningStats();
    stats.add(3);
    stats.add(Double.NaN);
    stats.add(3);
    assertThat(stats.count()).isEqualTo(2);
    assertThat(stats.zScore(3)).isZero();
    assertThat(stats.zScore(Double.NaN)).isNaN();
    assertThat(new RunningStats().mean()).isNaN();
  }
}
