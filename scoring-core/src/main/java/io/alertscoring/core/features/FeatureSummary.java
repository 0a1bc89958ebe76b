package io.alertscoring.core.features;

import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.FeatureColumns;

/**
 * The few SOT columns of an address that batch-wide features read (batch-relative statistics and
 * cluster aggregates); missing values are NaN. The per-batch step keeps one of these per address
 * instead of the full features record.
 */
public record FeatureSummary(
    double totalVolumeUsd,
    double degreeTotal,
    double pagerank,
    double structuringScore,
    double isMixerLike) {

  private static final int TOTAL_VOLUME = FeatureColumns.indexOf("total_volume_usd");
  private static final int DEGREE_TOTAL = FeatureColumns.indexOf("degree_total");
  private static final int PAGERANK = FeatureColumns.indexOf("pagerank");
  private static final int STRUCTURING = FeatureColumns.indexOf("structuring_score");
  private static final int MIXER_LIKE = FeatureColumns.indexOf("is_mixer_like");

  public static FeatureSummary of(AddressFeatures features) {
    return of(features.values());
  }

  /** From the numeric values in {@link FeatureColumns#NUMERIC} order. */
  public static FeatureSummary of(double[] values) {
    return new FeatureSummary(
        values[TOTAL_VOLUME],
        values[DEGREE_TOTAL],
        values[PAGERANK],
        values[STRUCTURING],
        values[MIXER_LIKE]);
  }

  /** The value of one of the summarised columns by its SOT name. */
  public double value(String column) {
    return switch (column) {
      case "total_volume_usd" -> totalVolumeUsd;
      case "degree_total" -> degreeTotal;
      case "pagerank" -> pagerank;
      case "structuring_score" -> structuringScore;
      case "is_mixer_like" -> isMixerLike;
      default -> throw new IllegalArgumentException("column not summarised: " + column);
    };
  }
}
