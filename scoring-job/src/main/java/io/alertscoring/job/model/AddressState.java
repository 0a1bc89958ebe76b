package io.alertscoring.job.model;

import io.alertscoring.core.features.AlertFacts;
import java.util.Arrays;

/**
 * Everything an address key of the address join holds, in one value: an address has few alerts, so
 * one point read and one write per event beat per-entry map state, whose iterators (to test
 * emptiness or to clear) seek past the tombstones of every key already dropped.
 */
public class AddressState {
  public AlertFacts[] alerts = new AlertFacts[0];

  /** The address's numeric SOT values, or {@code null} until its features record arrives. */
  public double[] features;

  /** Contexts that arrived before their alert (or the features they need). */
  public AlertContext[] pending = new AlertContext[0];

  public int scored;

  /** The safety timer that drops the key, 0 when none is set. */
  public long cleanupAt;

  public AddressState() {}

  public AlertFacts alert(String alertId) {
    for (AlertFacts a : alerts) {
      if (a.alertId().equals(alertId)) {
        return a;
      }
    }
    return null;
  }

  /** Adds or replaces (same id) an alert: a redelivered alert counts once. */
  public void putAlert(AlertFacts alert) {
    for (int i = 0; i < alerts.length; i++) {
      if (alerts[i].alertId().equals(alert.alertId())) {
        alerts[i] = alert;
        return;
      }
    }
    alerts = Arrays.copyOf(alerts, alerts.length + 1);
    alerts[alerts.length - 1] = alert;
  }

  public void removeAlert(String alertId) {
    alerts =
        Arrays.stream(alerts).filter(a -> !a.alertId().equals(alertId)).toArray(AlertFacts[]::new);
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
