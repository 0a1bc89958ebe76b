package io.alertscoring.generator.derive;

/**
 * Thresholds of the rule analyzers and switches of the feature derivation. {@link #generated()} is
 * tuned to the synthetic economy's USD amounts; {@link #amlsim()} to IBM AMLSim's small unit-less
 * amounts and coarse time (one step = one day, no time of day).
 *
 * @param timeOfDay whether transfer times carry a meaningful time of day (hour-based features and
 *     activity arrays are left missing otherwise)
 * @param fanMinDegree distinct senders (recipients) that make a fan-in (fan-out) candidate
 * @param fanMinUsd minimum volume of a fan candidate
 * @param passMinUsd minimum received volume of a pass-through (peel chain, layering) candidate
 * @param cycleMinEdgeUsd minimum volume on every edge of a cycle
 * @param cycleMaxLength longest cycle searched
 * @param structuringThresholds reporting thresholds; amounts in [0.85 T, T) count as structuring
 * @param structuringMinCount near-threshold transfers that make a candidate
 * @param mixerMinUsd minimum volume exchanged with a mixer
 * @param suddenMinUsd minimum volume of a new or reactivated account
 * @param smallTxUsd "small transaction" bound for {@code small_transaction_ratio}
 * @param whaleUsd window volume of a whale
 * @param analyzerNoise standard deviation of the noise added to rule scores (logit scale)
 * @param graphDropRate share of feature rows whose graph columns are missing (upstream graph job
 *     lagging), to exercise missing values
 * @param maxAlertsPerAddress alerts one address may receive in one batch
 */
public record DeriveConfig(
    boolean timeOfDay,
    int fanMinDegree,
    double fanMinUsd,
    double passMinUsd,
    double cycleMinEdgeUsd,
    int cycleMaxLength,
    double[] structuringThresholds,
    int structuringMinCount,
    double mixerMinUsd,
    double suddenMinUsd,
    double smallTxUsd,
    double whaleUsd,
    double analyzerNoise,
    double graphDropRate,
    int maxAlertsPerAddress) {

  public static DeriveConfig generated() {
    return new DeriveConfig(
        true,
        6,
        3_000,
        2_000,
        500,
        6,
        new double[] {10_000, 3_000},
        3,
        200,
        20_000,
        100,
        1_000_000,
        0.35,
        0.03,
        2);
  }

  public static DeriveConfig amlsim() {
    return new DeriveConfig(
        false,
        4,
        0,
        100,
        10,
        6,
        new double[] {10_000},
        3,
        Double.MAX_VALUE,
        Double.MAX_VALUE,
        50,
        100_000,
        0.0,
        0.0,
        2);
  }
}
