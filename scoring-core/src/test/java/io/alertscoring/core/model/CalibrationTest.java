package io.alertscoring.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  /** Labels drawn from a known logistic relation: the fit recovers its slope and intercept. */
  @Test
  void recoversTheSlopeAndInterceptOfLabelsDrawnFromThem() {
    Random random = new Random(11);
    int n = 40_000;
    double[] raw = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      raw[i] = random.nextGaussian() * 2;
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.6 * raw[i] - 2.0)));
    }
    Calibration c = Calibration.fit(raw, labels);
    assertThat(c.a()).isCloseTo(0.6, within(0.05));
    assertThat(c.b()).isCloseTo(-2.0, within(0.08));
  }

  /** Perfectly separated scores: the line search keeps the slope finite and the order intact. */
  @Test
  void staysFiniteOnSeparableScores() {
    double[] raw = new double[200];
    boolean[] labels = new boolean[200];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = i < 180 ? -3 + i * 0.01 : 2 + i * 0.01;
      labels[i] = i >= 180;
    }
    Calibration c = Calibration.fit(raw, labels);
    assertThat(c.a()).isPositive().isLessThan(100);
    assertThat(c.apply(raw[0])).isLessThan(c.apply(raw[179]));
    assertThat(c.apply(raw[179])).isLessThan(0.5);
    assertThat(c.apply(raw[180])).isGreaterThan(0.5).isLessThan(1.0);
  }

  @Test
  void roundTripsThroughTheManifestAndRefusesWhatItCannotApply() {
    Calibration c = new Calibration(0.7, -0.2);
    assertThat(Calibration.fromManifest(c.asMap())).isEqualTo(c);
    assertThat(Calibration.fromManifest(Map.of())).isNull();
    assertThatThrownBy(() -> Calibration.fromManifest(Map.of("method", "isotonic")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("unsupported calibration method");
    assertThatThrownBy(() -> Calibration.fromManifest(Map.of("method", "platt", "a", 1.0)))
        .isInstanceOf(ModelLoadException.class);
    assertThatThrownBy(
            () -> Calibration.fromManifest(Map.of("method", "platt", "a", -1.0, "b", 0.0)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("positive slope");
    assertThatThrownBy(() -> Calibration.fit(new double[] {1, 2}, new boolean[] {true, true}))
        .hasMessageContaining("both classes");
  }
}
