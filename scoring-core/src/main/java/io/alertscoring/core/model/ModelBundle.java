package io.alertscoring.core.model;

import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.ClusterFeatureSet;
import java.nio.file.Path;
import java.util.List;

/**
 * The models a scoring run uses, loaded from one models directory with the sub-directories {@code
 * alert-scorer}, {@code alert-ranker}, {@code cluster-scorer} (the final path, once the batch is
 * closed) and {@code alert-live-scorer} (the live path: each alert scored on arrival from its
 * {@link AlertFeatureSet#LIVE_NAMES} columns only).
 */
public record ModelBundle(
    ScoringModel alertScorer,
    ScoringModel alertRanker,
    ScoringModel clusterScorer,
    ScoringModel liveScorer) {

  public static ModelBundle load(Path modelsDirectory) {
    return new ModelBundle(
        ModelLoader.load(modelsDirectory.resolve("alert-scorer"), AlertFeatureSet.NAMES),
        ModelLoader.load(modelsDirectory.resolve("alert-ranker"), AlertFeatureSet.NAMES),
        ModelLoader.load(modelsDirectory.resolve("cluster-scorer"), ClusterFeatureSet.NAMES),
        ModelLoader.load(modelsDirectory.resolve("alert-live-scorer"), AlertFeatureSet.LIVE_NAMES));
  }

  /**
   * The final path's models as cited in batch metadata, e.g. {@code alert-scorer:v1-...,...}. The
   * live scorer is not part of it: a batch's final rows never come from it (see {@link
   * #liveCitation()}).
   */
  public String citation() {
    return String.join(
        ",",
        List.of(
            alertScorer.manifest().citation(),
            alertRanker.manifest().citation(),
            clusterScorer.manifest().citation()));
  }

  /** The live scorer as cited, e.g. {@code alert-live-scorer:v1-...}. */
  public String liveCitation() {
    return liveScorer.manifest().citation();
  }
}
