package io.alertscoring.webhooks.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void ceilingDoublesFromInitialUpToMax() {
    Backoff b = new Backoff(500, 30_000, 6, new Random(1));
    assertThat(
            List.of(b.ceilingMs(1), b.ceilingMs(2), b.ceilingMs(3), b.ceilingMs(6), b.ceilingMs(7)))
        .containsExactly(500L, 1000L, 2000L, 16_000L, 30_000L);
    assertThat(b.ceilingMs(1_000)).isEqualTo(30_000); // no overflow
    assertThat(b.ceilingMs(63)).isEqualTo(30_000);
    assertThat(b.ceilingMs(64)).isEqualTo(30_000);
  }

  @Test
  void fullJitterStaysWithinZeroAndTheCeilingAndCoversIt() {
    Backoff b = new Backoff(100, 10_000, 10, new Random(42));
    for (int failures = 1; failures <= 10; failures++) {
      long ceiling = b.ceilingMs(failures);
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int i = 0; i < 2_000; i++) {
        long d = b.delayMs(failures);
        assertThat(d).isBetween(0L, ceiling);
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      assertThat(min).as("spread low, failures=%d", failures).isLessThan(ceiling / 10 + 1);
      assertThat(max).as("spread high, failures=%d", failures).isGreaterThan(ceiling * 9 / 10);
    }
  }

  @Test
  void seededRandomGivesTheSameDelays() {
    assertThat(delays(7)).isEqualTo(delays(7)).isNotEqualTo(delays(8));
  }

  @Test
  void retryAfterRaisesTheDelayButNotAboveMax() {
    Backoff b = new Backoff(10, 5_000, 6, new Random(3));
    assertThat(b.delayMs(1, 2_000)).isEqualTo(2_000);
    assertThat(b.delayMs(1, 60_000)).isEqualTo(5_000);
    assertThat(b.delayMs(1, 0)).isBetween(0L, 10L);
  }

  @Test
  void exhaustedAfterMaxAttempts() {
    Backoff b = new Backoff(10, 10, 4, new Random(0));
    assertThat(b.exhausted(3)).isFalse();
    assertThat(b.exhausted(4)).isTrue();
    assertThat(new Backoff(10, 10, 1, new Random(0)).exhausted(1)).isTrue();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(0, 10, 1, new Random()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(10, 5, 1, new Random()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(10, 10, 0, new Random()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(10, 10, 1, new Random()).delayMs(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Long> delays(long seed) {
    Backoff b = new Backoff(500, 30_000, 6, new Random(seed));
    List<Long> out = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      out.add(b.delayMs(i));
    }
    return out;
  }
}
