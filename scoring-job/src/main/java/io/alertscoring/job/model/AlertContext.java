package io.alertscoring.job.model;

/**
 * From the per-batch coordinator to an address key, once the batch is complete: one alert's
 * batch-wide feature columns and what the address key must know to score it. With {@link #alertId}
 * {@code null} it only releases an address that has features but no alert in the batch.
 */
public class AlertContext {
  public String batchId;

  /** The run's id, which the alert's score row carries (see {@code BatchHeader#runId}). */
  public String runId;

  public String address;
  public String alertId;
  public double[] batchColumns;

  /** Whether the coordinator saw a features record for the address: the key waits for it. */
  public boolean hasFeatures;

  /** Alerts of the batch at this address: the key's state is dropped after the last one. */
  public int addressAlerts;

  public double featureShareMs;
  public long processedAt;
  public long version;

  /**
   * Not from the coordinator: {@code AlertScoringOperator}'s own signal, through the same input, to
   * score the key's pending contexts now. Never stored.
   */
  public boolean drain;

  public AlertContext() {}

  /** The signal to score the pending contexts of an address key ({@code batch\naddress}). */
  public static AlertContext drainMarker(String addressKey) {
    AlertContext c = new AlertContext();
    int split = addressKey.indexOf('\n');
    c.batchId = addressKey.substring(0, split);
    c.address = addressKey.substring(split + 1);
    c.drain = true;
    return c;
  }

  public String addressKey() {
    return AddressKeys.of(batchId, address);
  }
}
