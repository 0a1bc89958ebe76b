package io.alertscoring.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {
  @Test
  void pearsonByHand() {
    // dx = -2 -1 0 1 2, dy = -2 0 1 0 1: sxy 6, sxx 10, syy 6 -> 6 / sqrt(60)
    double r = Correlation.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
    assertThat(r).isCloseTo(6 / Math.sqrt(60), within(1e-12));
  }

  @Test
  void linearRelationsAreOneOrMinusOneEvenFarFromZero() {
    double[] x = {1e9 + 1, 1e9 + 2, 1e9 + 3};
    assertThat(Correlation.pearson(x, new double[] {2, 4, 6})).isCloseTo(1.0, within(1e-12));
    assertThat(Correlation.pearson(x, new double[] {6, 4, 2})).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void undefinedCasesAreNaN() {
    assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {5, 5, 5})).isNaN();
    assertThat(Correlation.pearson(new double[] {1}, new double[] {2})).isNaN();
  }
}
