package io.alertscoring.webhooks.policy;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deduplication state of (endpoint, dedup key) pairs: settled ones (loaded from the ledger at
 * start, added as deliveries are recorded) and the deliveries in flight. A notification is started
 * only when its key is neither: a second event for an in-flight key (a live and a final score of
 * the same priority arriving close together, a duplicate message, a replay) joins the in-flight
 * delivery instead, so its Kafka offset waits for that delivery too.
 *
 * <p>A key is marked settled only once its ledger row is stored ({@link #settle}), and added to the
 * settled set before it leaves the in-flight map, so a concurrent reader sees it in one or the
 * other, never neither.
 *
 * <p>Memory: one string per settled key of every endpoint, for the ledger's whole history (a few
 * hundred bytes each; 100k notified keys are tens of MB). A bound by processing-date age would cut
 * it, at the price of re-notifying an old key that reappears; not done while volumes are small.
 *
 * @param <D> the in-flight delivery
 */
public final class DeliveryRegistry<D> {

  /** Where a key stands. */
  public enum State {
    NEW,
    IN_FLIGHT,
    SETTLED
  }

  private final Set<String> settled = ConcurrentHashMap.newKeySet();
  private final Map<String, D> inFlight = new ConcurrentHashMap<>();

  /** The registry key of a notification to an endpoint. */
  public static String key(String endpointId, String dedupKey) {
    return endpointId + "\n" + dedupKey;
  }

  /** Adds settled keys (from the ledger). */
  public void loadSettled(Collection<String> keys) {
    settled.addAll(keys);
  }

  public State state(String key) {
    if (settled.contains(key)) {
      return State.SETTLED;
    }
    return inFlight.containsKey(key) ? State.IN_FLIGHT : State.NEW;
  }

  /** The in-flight delivery of {@code key}, or null when there is none (any more). */
  public D inFlight(String key) {
    return inFlight.get(key);
  }

  /**
   * Registers {@code delivery} as the one in flight for {@code key}.
   *
   * @throws IllegalStateException when the key is settled or already in flight
   */
  public void start(String key, D delivery) {
    if (settled.contains(key)) {
      throw new IllegalStateException("already settled: " + key.replace('\n', ' '));
    }
    if (inFlight.putIfAbsent(key, delivery) != null) {
      throw new IllegalStateException("already in flight: " + key.replace('\n', ' '));
    }
  }

  /** The delivery of {@code key} is recorded in the ledger: never start it again. */
  public void settle(String key) {
    settled.add(key);
    inFlight.remove(key);
  }

  /**
   * The delivery was given up without an outcome (shutdown, or never handed to a worker): the key
   * is new again, and the records waiting for it stay uncommitted.
   */
  public void abandon(String key, D delivery) {
    inFlight.remove(key, delivery);
  }

  public int settledCount() {
    return settled.size();
  }

  public int inFlightCount() {
    return inFlight.size();
  }
}
