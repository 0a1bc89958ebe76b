package io.alertscoring.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alertscoring.generator.economy.ShardDay;
import io.alertscoring.schemas.RecordKind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The share of true positives among alerts: the default (5 %) against the analyzers' own mix (share
 * 1) on the same economy, the alert count unchanged, and the label noise scaled so that wrong
 * positive labels do not outnumber the true ones.
 */
class PositiveShareTest {
  static final double NOISE = 0.05;
  static Generated realistic;
  static Generated analyzersOwnMix;

  @TempDir static Path dir;

  static GeneratorConfig config(Path out, double share) {
    return new GeneratorConfig(
        List.of("ethereum"),
        LocalDate.parse("2026-03-01"),
        5,
        1_500,
        42,
        7,
        false,
        NOISE,
        out,
        2,
        share);
  }

  @BeforeAll
  static void generate() throws Exception {
    realistic =
        new Generated(config(dir.resolve("default"), GeneratorConfig.DEFAULT_POSITIVE_SHARE));
    analyzersOwnMix = new Generated(config(dir.resolve("own"), 1.0));
  }

  static double truePositiveShare(Generated g) {
    return g.alertTruth.values().stream().filter(ShardDay.Truth::illicit).count()
        / (double) g.alertTruth.size();
  }

  @Test
  void theDefaultShareOfTruePositivesIsFivePercentAndTheAlertCountStays() throws Exception {
    assertThat(GeneratorConfig.DEFAULT_POSITIVE_SHARE).isEqualTo(0.05);
    assertThat(realistic.records(RecordKind.ALERT)).hasSize(5 * 1_500);
    assertThat(analyzersOwnMix.records(RecordKind.ALERT)).hasSize(5 * 1_500);
    // per alerted address and date (an address may hold two alerts of one batch)
    assertThat(truePositiveShare(realistic)).isCloseTo(0.05, within(0.01));
    assertThat(truePositiveShare(analyzersOwnMix)).isGreaterThan(0.15);
  }

  @Test
  void benignLabelsFlipInProportionSoWrongPositivesStayAFractionOfTheTrueOnes() {
    long truePositive = 0;
    long wrongPositive = 0;
    long benign = 0;
    for (ShardDay.LabelEvent e : realistic.labels) {
      if (!e.source().equals("investigation")) {
        continue;
      }
      if (e.illicit()) {
        truePositive += e.label().isPositive() ? 1 : 0;
      } else {
        benign++;
        wrongPositive += e.label().isPositive() ? 1 : 0;
      }
    }
    assertThat(benign).isGreaterThan(4_000);
    double benignFlipRate = wrongPositive / (double) benign;
    assertThat(benignFlipRate).isCloseTo(NOISE * 0.05 / 0.95, within(0.002));
    assertThat(wrongPositive).isLessThan(truePositive / 5);
  }

  @Test
  void aShareOutsideZeroToOneIsRefused(@TempDir Path tmp) {
    assertThatThrownBy(() -> config(tmp, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive share");
    assertThatThrownBy(() -> config(tmp, 1.5)).hasMessageContaining("positive share");
  }
}
