package io.alertscoring.core.model.trees;

import io.alertscoring.core.model.Calibration;
import io.alertscoring.core.model.ModelLoadException;
import io.alertscoring.core.model.ModelManifest;
import io.alertscoring.core.model.ScoringModel;

/**
 * A gradient-boosted tree model (LightGBM or XGBoost) as a {@link ScoringModel}: raw scores
 * bit-identical to LightGBM's (within float rounding of XGBoost's, which sums in float),
 * explanations by exact TreeSHAP. Immutable and thread-safe.
 */
public final class TreeEnsembleModel implements ScoringModel {
  private final ModelManifest manifest;
  private final TreeEnsemble ensemble;
  private final FastTreeShap shap;
  private final Calibration calibration;

  /**
   * @throws IllegalArgumentException when the manifest lists another number of features
   */
  public TreeEnsembleModel(ModelManifest manifest, TreeEnsemble ensemble) {
    if (manifest.featureNames().size() != ensemble.numFeatures()) {
      throw new IllegalArgumentException(
          "model "
              + manifest.citation()
              + " has "
              + ensemble.numFeatures()
              + " features but its manifest lists "
              + manifest.featureNames().size());
    }
    this.manifest = manifest;
    this.ensemble = ensemble;
    this.shap = new FastTreeShap(ensemble);
    try {
      this.calibration = Calibration.fromManifest(manifest.calibration());
    } catch (ModelLoadException e) {
      throw new IllegalArgumentException("model " + manifest.citation() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ModelManifest manifest() {
    return manifest;
  }

  public TreeEnsemble ensemble() {
    return ensemble;
  }

  @Override
  public double rawScore(double[] features) {
    return ensemble.rawScore(features);
  }

  /**
   * Path-dependent TreeSHAP values: one per feature, then the bias (the cover-weighted mean raw
   * score; for XGBoost including the base margin). They sum to {@link #rawScore} up to rounding:
   * within 1e-12 for LightGBM; for XGBoost, whose raw score is summed in float, within float
   * rounding (about 1e-7 relative).
   */
  @Override
  public double[] contributions(double[] features) {
    return shap.contributions(features);
  }

  /** The same values as {@link #contributions}, by the reference recursion (slower). */
  public double[] referenceContributions(double[] features) {
    return NaiveTreeShap.contributions(ensemble, features);
  }

  /**
   * For binary objectives the objective's own transform (LightGBM {@code binary sigmoid:s}: {@code
   * 1/(1+exp(-s raw))}; XGBoost {@code binary:logistic}); for rankers and regressions the logistic
   * of the raw score, as for any {@link ScoringModel}. A manifest with a {@link Calibration}
   * replaces the transform by the calibration fitted on the validation dates.
   */
  @Override
  public double probability(double rawScore) {
    return calibration == null ? ensemble.probability(rawScore) : calibration.apply(rawScore);
  }
}
