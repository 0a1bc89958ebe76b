package io.alertscoring.webhooks.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryStatsTest {

  @Test
  void countsPerEndpointAndSnapshotsAreImmutable() {
    DeliveryStats stats = new DeliveryStats();
    stats.register("quiet", () -> 3);
    stats.delivered("ops", 120);
    stats.delivered("ops", 80);
    stats.failed("ops");
    stats.retry("ops");
    stats.retry("ops");
    stats.rateLimitedWait("ops");
    stats.deduplicated("ops");
    stats.malformed();
    stats.backPressurePause();
    DeliveryStats.Snapshot s = stats.snapshot();
    DeliveryStats.EndpointSnapshot ops = s.endpoint("ops");
    assertThat(ops.delivered()).isEqualTo(2);
    assertThat(ops.failed()).isEqualTo(1);
    assertThat(ops.retries()).isEqualTo(2);
    assertThat(ops.rateLimitedWaits()).isEqualTo(1);
    assertThat(ops.deduplicated()).isEqualTo(1);
    assertThat(ops.latency().count()).isEqualTo(2);
    assertThat(ops.latency().p50Ms()).isEqualTo(100);
    assertThat(s.endpoint("quiet").delivered()).isZero();
    assertThat(s.endpoint("quiet").queued()).isEqualTo(3);
    assertThat(s.malformedMessages()).isEqualTo(1);
    assertThat(s.backPressurePauses()).isEqualTo(1);

    stats.delivered("ops", 1);
    assertThat(s.endpoint("ops").delivered()).isEqualTo(2);
    assertThatThrownBy(() -> s.endpoint("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prometheusTextHasCountersGaugesAndACumulativeHistogram() {
    DeliveryStats stats = new DeliveryStats();
    stats.register("ops", () -> 2);
    stats.delivered("ops", 30);
    stats.delivered("ops", 3_000);
    stats.retry("ops");
    String text = stats.snapshot().toPrometheusText();
    assertThat(text)
        .contains("# TYPE webhook_delivered_total counter")
        .contains("webhook_delivered_total{endpoint=\"ops\"} 2")
        .contains("webhook_retries_total{endpoint=\"ops\"} 1")
        .contains("webhook_failed_total{endpoint=\"ops\"} 0")
        .contains("webhook_queue_depth{endpoint=\"ops\"} 2")
        .contains("# TYPE webhook_latency_ms histogram")
        .contains("webhook_latency_ms_bucket{endpoint=\"ops\",le=\"25\"} 0")
        .contains("webhook_latency_ms_bucket{endpoint=\"ops\",le=\"50\"} 1")
        .contains("webhook_latency_ms_bucket{endpoint=\"ops\",le=\"5000\"} 2")
        .contains("webhook_latency_ms_bucket{endpoint=\"ops\",le=\"+Inf\"} 2")
        .contains("webhook_latency_ms_count{endpoint=\"ops\"} 2")
        .contains("webhook_latency_ms_sum{endpoint=\"ops\"} 3030.000")
        .contains("webhook_malformed_messages_total 0");
    for (String line : text.split("\n")) {
      assertThat(line).matches("(# (HELP|TYPE) .*|[a-z_]+(\\{[^}]*\\})? [0-9.]+)");
    }
  }
}
