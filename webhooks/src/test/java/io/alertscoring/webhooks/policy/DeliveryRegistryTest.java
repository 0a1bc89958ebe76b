package io.alertscoring.webhooks.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.webhooks.policy.DeliveryRegistry.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRegistryTest {
  private final DeliveryRegistry<String> r = new DeliveryRegistry<>();
  private final String k = DeliveryRegistry.key("ops", "alert/ethereum/a1/high");

  @Test
  void newThenInFlightThenSettled() {
    assertThat(r.state(k)).isEqualTo(State.NEW);
    r.start(k, "d1");
    assertThat(r.state(k)).isEqualTo(State.IN_FLIGHT);
    assertThat(r.inFlight(k)).isEqualTo("d1");
    r.settle(k);
    assertThat(r.state(k)).isEqualTo(State.SETTLED);
    assertThat(r.inFlight(k)).isNull();
    assertThat(r.settledCount()).isEqualTo(1);
    assertThat(r.inFlightCount()).isZero();
  }

  @Test
  void keysFromTheLedgerAreSettled() {
    r.loadSettled(List.of(k));
    assertThat(r.state(k)).isEqualTo(State.SETTLED);
    assertThatThrownBy(() -> r.start(k, "d")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void oneDeliveryPerKeyInFlight() {
    r.start(k, "d1");
    assertThatThrownBy(() -> r.start(k, "d2")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keysAreScopedByEndpoint() {
    r.settle(k);
    assertThat(r.state(DeliveryRegistry.key("other", "alert/ethereum/a1/high")))
        .isEqualTo(State.NEW);
    // no endpoint id and key combination can collide through the separator
    assertThat(DeliveryRegistry.key("a", "b/c")).isNotEqualTo(DeliveryRegistry.key("a/b", "c"));
  }

  @Test
  void anAbandonedDeliveryMakesTheKeyNewAgainButOnlyItsOwn() {
    r.start(k, "d1");
    r.abandon(k, "other");
    assertThat(r.state(k)).isEqualTo(State.IN_FLIGHT);
    r.abandon(k, "d1");
    assertThat(r.state(k)).isEqualTo(State.NEW);
  }
}
