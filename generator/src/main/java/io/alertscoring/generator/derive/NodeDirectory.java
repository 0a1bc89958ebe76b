package io.alertscoring.generator.derive;

/**
 * What the derivation may know about an account beyond its transfers in the window: whether it is a
 * hub (exchange, mixer, DeFi contract: never alerted, not expanded in k-hop walks), its address,
 * and facts an upstream with the full chain history would have (first activity, dormancy). It must
 * never expose ground truth (who is illicit): features and alerts are derived from behaviour only.
 */
public interface NodeDirectory {
  /** Sentinel of {@link #firstActivityMs}: unknown, use the first transfer in the window. */
  long UNKNOWN = Long.MIN_VALUE;

  boolean isHub(long key);

  boolean isMixer(long key);

  String address(long key);

  /** Time of the account's first transfer ever, or {@link #UNKNOWN}. */
  long firstActivityMs(long key);

  /**
   * 1 when the account came back from a long dormancy within the last 30 days before (or on) the
   * processing date, 0 when not, -1 when the history is unknown.
   */
  int dormantReactivated(long key, long processingEpochDay);
}
