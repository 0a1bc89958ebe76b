package io.alertscoring.generator.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkProfileTest {

  @Test
  void addressesHaveTheNetworksFormatAndNeverCollide() {
    NetworkProfile eth = NetworkProfile.of("ethereum");
    NetworkProfile btc = NetworkProfile.of("bitcoin");
    Set<String> seen = new HashSet<>();
    for (long k = 0; k < 200_000; k++) {
      String a = eth.address(Economy.shardKey((int) (k % 5000), (int) (k / 5000)));
      assertThat(a).matches("0x[0-9a-f]{40}");
      assertThat(seen.add(a)).isTrue();
    }
    assertThat(btc.address(1)).matches("bc1q[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{38}");
    assertThat(eth.address(1)).isNotEqualTo(NetworkProfile.of("polygon").address(1));
    assertThat(NetworkProfile.of("tron").name(0)).isEqualTo("TRON");
  }

  @Test
  void pricesAreDeterministicAndPositive() {
    NetworkProfile eth = NetworkProfile.of("ethereum");
    for (long day = 20_000; day < 20_400; day++) {
      assertThat(eth.priceUsd(0, day)).isEqualTo(eth.priceUsd(0, day)).isBetween(1000.0, 9000.0);
      assertThat(eth.priceUsd(1, day)).isEqualTo(1.0);
    }
  }

  @Test
  void rejectsNetworkNamesTheSotRejects() {
    for (String bad : new String[] {"", "Ethereum", "eth net", "-eth", "a".repeat(33)}) {
      assertThatThrownBy(() -> NetworkProfile.of(bad)).hasMessageContaining("bad network");
    }
  }
}
