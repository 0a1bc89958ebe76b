package io.alertscoring.webhooks.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** A clock that only moves when the bucket sleeps (or the test advances it). */
  private final AtomicLong now = new AtomicLong(1_000 * SECOND);

  private TokenBucket bucket(double rate, int burst) {
    return new TokenBucket(rate, burst, now::get, now::addAndGet);
  }

  @Test
  void startsFullThenRefillsAtTheRate() {
    TokenBucket b = bucket(2, 3);
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
    assertThat(b.nanosUntilAvailable()).isEqualTo(SECOND / 2);
    now.addAndGet(SECOND / 2 - 1);
    assertThat(b.tryAcquire()).isFalse();
    now.addAndGet(1);
    assertThat(b.tryAcquire()).isTrue();
  }

  @Test
  void neverHoldsMoreThanTheBurst() {
    TokenBucket b = bucket(10, 4);
    now.addAndGet(3600 * SECOND);
    assertThat(b.available()).isEqualTo(4);
    int taken = 0;
    while (b.tryAcquire()) {
      taken++;
    }
    assertThat(taken).isEqualTo(4);
  }

  @Test
  void acquireSleepsUntilATokenIsThereAndReportsTheWait() throws Exception {
    TokenBucket b = bucket(2, 2);
    assertThat(b.acquire()).isZero();
    assertThat(b.acquire()).isZero();
    long t0 = now.get();
    assertThat(b.acquire()).isEqualTo(SECOND / 2);
    assertThat(now.get() - t0).isEqualTo(SECOND / 2);
  }

  @Test
  void tenCallsAtTwoPerSecondWithBurstTwoTakeFourSecondsAndNoSecondHoldsMoreThanFour()
      throws Exception {
    TokenBucket b = bucket(2, 2);
    List<Long> times = new ArrayList<>();
    long start = now.get();
    for (int i = 0; i < 10; i++) {
      b.acquire();
      times.add(now.get() - start);
    }
    assertThat(times.get(9)).isEqualTo(4 * SECOND);
    for (int i = 0; i < times.size(); i++) {
      long from = times.get(i);
      long inWindow = times.stream().filter(t -> t >= from && t < from + SECOND).count();
      assertThat(inWindow).as("window from %d ns", from).isLessThanOrEqualTo(2 + 2);
    }
  }

  @Test
  void fractionalRates() throws Exception {
    TokenBucket b = bucket(0.5, 1);
    b.acquire();
    long t0 = now.get();
    b.acquire();
    assertThat(now.get() - t0).isEqualTo(2 * SECOND);
  }

  @Test
  void anInterruptedWaitTakesNoToken() {
    TokenBucket b =
        new TokenBucket(
            1,
            1,
            now::get,
            nanos -> {
              throw new InterruptedException("stop");
            });
    assertThat(b.tryAcquire()).isTrue();
    assertThatThrownBy(b::acquire).isInstanceOf(InterruptedException.class);
    now.addAndGet(SECOND);
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.tryAcquire()).isFalse();
  }

  @Test
  void realClockSmoke() throws Exception {
    TokenBucket b = new TokenBucket(50, 1);
    long t0 = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      b.acquire();
    }
    // 5 waits of 20 ms after the first token
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(95));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> bucket(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bucket(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bucket(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
