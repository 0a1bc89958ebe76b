package io.alertscoring.core.model;

/** A loaded, immutable model. Implementations are thread-safe: one instance serves every thread. */
public interface ScoringModel {

  ModelManifest manifest();

  /** The model's raw margin (log-odds for binary models) for one feature vector. */
  double rawScore(double[] features);

  /**
   * Additive explanation of {@link #rawScore}: one contribution per feature followed by the bias,
   * so the {@code n + 1} values sum to the raw score.
   */
  double[] contributions(double[] features);

  /** The probability a binary model's raw score stands for. */
  default double probability(double rawScore) {
    return 1.0 / (1.0 + Math.exp(-rawScore));
  }
}
