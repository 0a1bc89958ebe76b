package io.alertscoring.core.model;

import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.ClusterFeatureSet;
import java.nio.file.Path;
import java.util.List;

/**
 * The three models a scoring run uses, loaded from one models directory with the sub-directories
 * {@code alert-scorer}, {@code alert-ranker} and {@code cluster-scorer}.
 */
public record ModelBundle(
    ScoringModel alertScorer, ScoringModel alertRanker, ScoringModel clusterScorer) {

  public static ModelBundle load(Path modelsDirectory) {
    return new ModelBundle(
        ModelLoader.load(modelsDirectory.resolve("alert-scorer"), AlertFeatureSet.NAMES),
        ModelLoader.load(modelsDirectory.resolve("alert-ranker"), AlertFeatureSet.NAMES),
        ModelLoader.load(modelsDirectory.resolve("cluster-scorer"), ClusterFeatureSet.NAMES));
  }

  /** The models as cited in batch metadata, e.g. {@code alert-scorer:v1-...,...}. */
  public String citation() {
    return String.join(
        ",",
        List.of(
            alertScorer.manifest().citation(),
            alertRanker.manifest().citation(),
            clusterScorer.manifest().citation()));
  }
}
