package io.alertscoring.job.model;

import io.alertscoring.core.features.AlertFacts;
import java.util.Arrays;

/**
 * Everything an address key of the address join holds, in one value: an address has few alerts, so
 * one point read and one write per event beat per-entry map state, whose iterators (to test
 * emptiness or to clear) seek past the tombstones of every key already dropped.
 *
 * <p>{@link #liveStages} and {@link #arrivedAt} run parallel to {@link #alerts}. They were added
 * with the live path; state written before them restores with {@code null} arrays (the POJO
 * serializer's schema evolution), which {@link #normalise} turns into "not live-scored yet".
 */
public class AddressState {
  /** Not live-scored yet. */
  public static final byte LIVE_NONE = 0;

  /** Live-scored without the address's features (they had not arrived within the wait). */
  public static final byte LIVE_WITHOUT_FEATURES = 1;

  /** Live-scored with the address's features: final for the live path. */
  public static final byte LIVE_WITH_FEATURES = 2;

  public AlertFacts[] alerts = new AlertFacts[0];

  /** Per alert, its live stage ({@link #LIVE_NONE} ...). */
  public byte[] liveStages = new byte[0];

  /** Per alert, when it reached this key (processing time, epoch ms). */
  public long[] arrivedAt = new long[0];

  /** The address's numeric SOT values, or {@code null} until its features record arrives. */
  public double[] features;

  /** When the features record arrived (epoch ms), 0 before. */
  public long featuresArrivedAt;

  /** Contexts that arrived before their alert (or the features they need). */
  public AlertContext[] pending = new AlertContext[0];

  public int scored;

  /** The safety timer that drops the key, 0 when none is set. */
  public long cleanupAt;

  /** The timer that live-scores waiting alerts without features, 0 when none is set. */
  public long liveDeadline;

  public AddressState() {}

  /** Fills arrays missing from state written before they existed. */
  public AddressState normalise() {
    if (liveStages == null || liveStages.length != alerts.length) {
      liveStages = new byte[alerts.length];
    }
    if (arrivedAt == null || arrivedAt.length != alerts.length) {
      arrivedAt = new long[alerts.length];
    }
    return this;
  }

  public AlertFacts alert(String alertId) {
    int i = indexOf(alertId);
    return i < 0 ? null : alerts[i];
  }

  public int indexOf(String alertId) {
    for (int i = 0; i < alerts.length; i++) {
      if (alerts[i].alertId().equals(alertId)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Adds or replaces (same id) an alert: a redelivered alert counts once, and is live-scored again
   * (its content may have changed; the same content gives the same score).
   */
  public void putAlert(AlertFacts alert, long now) {
    normalise();
    int i = indexOf(alert.alertId());
    if (i < 0) {
      i = alerts.length;
      alerts = Arrays.copyOf(alerts, i + 1);
      liveStages = Arrays.copyOf(liveStages, i + 1);
      arrivedAt = Arrays.copyOf(arrivedAt, i + 1);
    }
    alerts[i] = alert;
    liveStages[i] = LIVE_NONE;
    arrivedAt[i] = now;
  }

  public void removeAlert(String alertId) {
    normalise();
    int i = indexOf(alertId);
    if (i < 0) {
      return;
    }
    alerts = remove(alerts, i);
    byte[] stages = new byte[liveStages.length - 1];
    long[] arrived = new long[arrivedAt.length - 1];
    for (int j = 0, k = 0; j < alerts.length + 1; j++) {
      if (j != i) {
        stages[k] = liveStages[j];
        arrived[k++] = arrivedAt[j];
      }
    }
    liveStages = stages;
    arrivedAt = arrived;
  }

  private static AlertFacts[] remove(AlertFacts[] array, int index) {
    AlertFacts[] out = new AlertFacts[array.length - 1];
    System.arraycopy(array, 0, out, 0, index);
    System.arraycopy(array, index + 1, out, index, array.length - index - 1);
    return out;
  }

  public void putPending(AlertContext context) {
    for (int i = 0; i < pending.length; i++) {
      if (pending[i].alertId.equals(context.alertId)) {
        pending[i] = context;
        return;
      }
    }
    pending = Arrays.copyOf(pending, pending.length + 1);
    pending[pending.length - 1] = context;
  }

  public void removePending(String alertId) {
    pending =
        Arrays.stream(pending).filter(c -> !c.alertId.equals(alertId)).toArray(AlertContext[]::new);
  }
}
