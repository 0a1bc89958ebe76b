package io.alertscoring.job.model;

import io.alertscoring.core.features.AlertFacts;

/**
 * An alert or an address's features record on its way to the address's key ({@code batch|address}),
 * where alerts meet their address's features and the batch-wide columns. Exactly one of {@link
 * #alert} and {@link #featureValues} is set.
 */
public class AddressRecord {
  public String batchId;
  public String address;
  public AlertFacts alert;

  /** The address's numeric SOT values in {@code FeatureColumns.NUMERIC} order. */
  public double[] featureValues;

  public AddressRecord() {}

  public static AddressRecord ofAlert(String batchId, AlertFacts alert) {
    AddressRecord r = new AddressRecord();
    r.batchId = batchId;
    r.address = alert.address();
    r.alert = alert;
    return r;
  }

  public static AddressRecord ofFeatures(String batchId, String address, double[] values) {
    AddressRecord r = new AddressRecord();
    r.batchId = batchId;
    r.address = address;
    r.featureValues = values;
    return r;
  }

  /** The key of the address join. */
  public String addressKey() {
    return AddressKeys.of(batchId, address);
  }
}
