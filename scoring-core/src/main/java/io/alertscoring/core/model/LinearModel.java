package io.alertscoring.core.model;

/**
 * Logistic regression over the feature vector. A missing ({@code NaN}) feature contributes nothing,
 * i.e. it is imputed at the model's reference point of zero. This is the first model of the
 * product, replaced by gradient-boosted trees later; it exists so the whole path can be built and
 * tested with an exact, explainable model.
 */
public final class LinearModel implements ScoringModel {
  private final ModelManifest manifest;
  private final double bias;
  private final double[] weights;

  LinearModel(ModelManifest manifest, double bias, double[] weights) {
    if (weights.length != manifest.featureNames().size()) {
      throw new IllegalArgumentException(
          "model "
              + manifest.name()
              + " has "
              + weights.length
              + " weights but its manifest lists "
              + manifest.featureNames().size()
              + " features");
    }
    this.manifest = manifest;
    this.bias = bias;
    this.weights = weights.clone();
  }

  @Override
  public ModelManifest manifest() {
    return manifest;
  }

  @Override
  public double rawScore(double[] features) {
    checkLength(features);
    double sum = bias;
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isNaN(features[i])) {
        sum += weights[i] * features[i];
      }
    }
    return sum;
  }

  @Override
  public double[] contributions(double[] features) {
    checkLength(features);
    double[] contributions = new double[weights.length + 1];
    for (int i = 0; i < weights.length; i++) {
      contributions[i] = Double.isNaN(features[i]) ? 0.0 : weights[i] * features[i];
    }
    contributions[weights.length] = bias;
    return contributions;
  }

  private void checkLength(double[] features) {
    if (features.length != weights.length) {
      throw new IllegalArgumentException(
          "expected " + weights.length + " features, got " + features.length);
    }
  }
}
