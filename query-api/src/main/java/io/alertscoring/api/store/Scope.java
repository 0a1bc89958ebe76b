package io.alertscoring.api.store;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which part of the stored results a query reads.
 *
 * @param network one network, or empty to span every network
 * @param windowDays one analysis window, or empty to read, for each (network, processing date), the
 *     smallest window stored for it
 */
public record Scope(Optional<String> network, OptionalInt windowDays) {

  private static final Scope ALL = new Scope(Optional.empty(), OptionalInt.empty());

  public Scope {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(windowDays, "windowDays");
  }

  /** Every network, smallest window per date. */
  public static Scope all() {
    return ALL;
  }

  /** One network, smallest window per date. */
  public static Scope network(String network) {
    return new Scope(Optional.of(network), OptionalInt.empty());
  }

  /** Same networks, one window. */
  public Scope withWindowDays(int days) {
    return new Scope(network, OptionalInt.of(days));
  }

  /** True if {@code rowNetwork} belongs to this scope's networks. */
  public boolean coversNetwork(String rowNetwork) {
    return network.map(n -> n.equals(rowNetwork)).orElse(true);
  }
}
