package io.alertscoring.schemas.input;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The SOT features of one address in wide form. {@code values} follows {@link
 * FeatureColumns#NUMERIC}; a missing value is {@code NaN}. Arrays are {@code null} when missing.
 * The arrays are defensively copied: the record is immutable.
 */
public record AddressFeatures(
    String network,
    String processingDate,
    int windowDays,
    String address,
    double[] values,
    String dominantAssetIn,
    String dominantAssetOut,
    double[] hourlyActivity,
    double[] dailyActivity)
    implements SotRecord, Serializable {

  public AddressFeatures {
    Objects.requireNonNull(values, "values");
    if (values.length != FeatureColumns.count()) {
      throw new IllegalArgumentException(
          "expected " + FeatureColumns.count() + " feature values, got " + values.length);
    }
    values = values.clone();
    hourlyActivity = hourlyActivity == null ? null : hourlyActivity.clone();
    dailyActivity = dailyActivity == null ? null : dailyActivity.clone();
  }

  /** The value of a numeric column, {@code NaN} when missing. */
  public double value(String column) {
    int index = FeatureColumns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("unknown feature column " + column);
    }
    return values[index];
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public double[] hourlyActivity() {
    return hourlyActivity == null ? null : hourlyActivity.clone();
  }

  @Override
  public double[] dailyActivity() {
    return dailyActivity == null ? null : dailyActivity.clone();
  }

  /** A features record with every numeric column missing. */
  public static double[] allMissing() {
    double[] values = new double[FeatureColumns.count()];
    Arrays.fill(values, Double.NaN);
    return values;
  }

  @Override
  public BatchKey batchKey() {
    return new BatchKey(network, processingDate, windowDays);
  }

  @Override
  public RecordKind kind() {
    return RecordKind.FEATURES;
  }

  @Override
  public String recordId() {
    return address;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressFeatures other
        && windowDays == other.windowDays
        && network.equals(other.network)
        && processingDate.equals(other.processingDate)
        && address.equals(other.address)
        && Arrays.equals(values, other.values)
        && Objects.equals(dominantAssetIn, other.dominantAssetIn)
        && Objects.equals(dominantAssetOut, other.dominantAssetOut)
        && Arrays.equals(hourlyActivity, other.hourlyActivity)
        && Arrays.equals(dailyActivity, other.dailyActivity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(network, processingDate, windowDays, address, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "AddressFeatures[" + batchKey() + ", address=" + address + "]";
  }
}
