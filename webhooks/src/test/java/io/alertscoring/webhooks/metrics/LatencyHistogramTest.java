package io.alertscoring.webhooks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void emptyIsZero() {
    LatencyHistogram.Snapshot s = new LatencyHistogram().snapshot();
    assertThat(s.count()).isZero();
    assertThat(s.p50Ms()).isZero();
    assertThat(s.meanMs()).isZero();
  }

  @Test
  void percentilesAreBucketUpperBoundsCappedByTheMax() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 90; i++) {
      h.record(40); // bucket <= 50
    }
    for (int i = 0; i < 9; i++) {
      h.record(700); // bucket <= 1000
    }
    h.record(4_200); // bucket <= 5000
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50Ms()).isEqualTo(50);
    assertThat(s.percentileMs(0.90)).isEqualTo(50);
    assertThat(s.percentileMs(0.91)).isEqualTo(1_000);
    assertThat(s.p99Ms()).isEqualTo(1_000);
    assertThat(s.percentileMs(1.0)).isEqualTo(4_200);
    assertThat(s.maxMs()).isEqualTo(4_200);
    assertThat(s.meanMs()).isEqualTo((90 * 40 + 9 * 700 + 4_200) / 100.0);
  }

  @Test
  void boundsAreInclusiveAndOverflowReportsTheMax() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(10);
    assertThat(h.snapshot().bucketCounts()[0]).isEqualTo(1);
    h.record(7_200_000);
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.bucketCounts()[LatencyHistogram.BOUNDS_MS.size()]).isEqualTo(1);
    assertThat(s.percentileMs(1.0)).isEqualTo(7_200_000);
  }

  @Test
  void negativeAndNonFiniteCountAsZero() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(-5);
    h.record(Double.NaN);
    assertThat(h.snapshot().bucketCounts()[0]).isEqualTo(2);
    assertThat(h.snapshot().maxMs()).isZero();
  }
}
