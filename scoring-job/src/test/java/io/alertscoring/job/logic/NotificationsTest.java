package io.alertscoring.job.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.NotificationEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationsTest {
  static final String EXPLANATION =
      "[{\"feature\":\"volume_usd\",\"value\":3.0,\"contribution\":1.25},"
          + "{\"feature\":\"degree\",\"value\":null,\"contribution\":-0.5}]";
  final Notifications high = new Notifications(Set.of("high"));

  static AlertScore finalScore(String priority) {
    return new AlertScore(
        "ethereum",
        "2026-03-01",
        7,
        "r1",
        "a-1",
        "0xabc",
        "peel_chain",
        1_000.0,
        0.97,
        priority,
        "v1",
        "sha",
        EXPLANATION,
        3.0,
        1_000L,
        5L);
  }

  @Test
  void aHighFinalScoreIsOneAlertEventWithItsTopContribution() {
    NotificationEvent e = high.finalScore(finalScore("high"));
    assertThat(e.entityType()).isEqualTo("alert");
    assertThat(e.source()).isEqualTo("final");
    assertThat(e.entityId()).isEqualTo("a-1");
    assertThat(e.topFeature()).isEqualTo("volume_usd");
    assertThat(e.topContribution()).isEqualTo(1.25);
    assertThat(e.scoredAt()).isEqualTo(1_000L);
    assertThat(e.dedupKey()).isEqualTo("alert/ethereum/a-1/high");
    assertThat(e.messageKey()).isEqualTo("alert/ethereum/a-1");
  }

  @Test
  void otherPrioritiesAndDisabledNotificationsYieldNothing() {
    assertThat(high.finalScore(finalScore("medium"))).isNull();
    assertThat(high.finalScore(finalScore("low"))).isNull();
    Notifications none = new Notifications(Set.of());
    assertThat(none.enabled()).isFalse();
    assertThat(none.finalScore(finalScore("high"))).isNull();
  }

  @Test
  void liveAndFinalEventsOfOnePriorityShareTheirDedupKeyAndAChangeOfPriorityDoesNot() {
    LiveAlertScore live =
        new LiveAlertScore(
            "ethereum",
            "2026-03-01",
            7,
            "r1",
            "a-1",
            "0xabc",
            "peel_chain",
            0.91,
            "high",
            "live-v1",
            "sha",
            "not json",
            false,
            10L,
            20L,
            10.0,
            1L);
    NotificationEvent liveEvent = high.live(live);
    assertThat(liveEvent.source()).isEqualTo("live");
    assertThat(liveEvent.topFeature()).as("unparsable explanation").isEmpty();
    assertThat(liveEvent.dedupKey()).isEqualTo(high.finalScore(finalScore("high")).dedupKey());
    Notifications any = new Notifications(Set.of("high", "medium"));
    assertThat(any.finalScore(finalScore("medium")).dedupKey()).isNotEqualTo(liveEvent.dedupKey());
  }

  @Test
  void aHighClusterIsAClusterEvent() {
    ClusterScore c =
        new ClusterScore(
            "bitcoin",
            "2026-03-01",
            7,
            "r1",
            "c-9",
            0.9,
            "HIGH",
            12,
            1e6,
            "[\"a1\"]",
            "v1",
            "sha",
            7L,
            1L);
    NotificationEvent e = high.cluster(c);
    assertThat(e.entityType()).isEqualTo("cluster");
    assertThat(e.priority()).isEqualTo("high");
    assertThat(e.dedupKey()).isEqualTo("cluster/bitcoin/c-9/high");
    assertThat(
            high.cluster(
                new ClusterScore(
                    "bitcoin",
                    "2026-03-01",
                    7,
                    "r1",
                    "c-9",
                    0.2,
                    "low",
                    12,
                    1e6,
                    "[\"a1\"]",
                    "v1",
                    "sha",
                    7L,
                    1L)))
        .isNull();
  }
}
