package io.alertscoring.core.scoring;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.model.ScoringModel;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.util.List;

/**
 * Scores and explains one alert on arrival with the live model, from the alert-local columns only
 * ({@link AlertFeatureSet#alertColumns}: alert-level and SOT families). Nothing batch-wide exists
 * yet when an alert arrives, so the live model was trained on exactly these columns; the final
 * score of {@link BatchScorer} supersedes it when the batch closes. Thread-safe and stateless.
 */
public final class LiveScorer {
  private final ScoringModel model;
  private final PriorityThresholds thresholds;
  private final List<String> names;

  public LiveScorer(ScoringModel model) {
    this.model = model;
    this.thresholds = PriorityThresholds.of(model.manifest());
    this.names = model.manifest().featureNames();
    if (names.size() != AlertFeatureSet.ALERT_COLUMNS) {
      throw new IllegalArgumentException(
          "a live model takes the "
              + AlertFeatureSet.ALERT_COLUMNS
              + " alert-local columns, model "
              + model.manifest().version()
              + " takes "
              + names.size());
    }
  }

  public ScoringModel model() {
    return model;
  }

  /**
   * The live score of an alert.
   *
   * @param runId the run (publication) the alert belongs to
   * @param featureValues the address's numeric SOT values, or {@code null} when they did not arrive
   *     within the wait (then the SOT columns are missing and the row says so)
   * @param endOfDateMs end of the batch's processing date, as the SOT family needs
   * @param receivedAt when the last of the alert and its features reached the scoring step
   * @param scoredAt the scoring time, also the row's version
   */
  public LiveAlertScore score(
      BatchKey key,
      String runId,
      AlertFacts alert,
      double[] featureValues,
      long endOfDateMs,
      long receivedAt,
      long scoredAt) {
    long started = System.nanoTime();
    double[] vector = AlertFeatureSet.alertColumns(alert, featureValues, endOfDateMs);
    double[] contributions = model.contributions(vector);
    double probability = model.probability(model.rawScore(vector));
    String explanation = Explanations.topK(names, vector, contributions, Explanations.TOP_K);
    double latencyMs = Math.max(0, scoredAt - receivedAt) + (System.nanoTime() - started) / 1e6;
    return new LiveAlertScore(
        key.network(),
        key.processingDate(),
        key.windowDays(),
        runId,
        alert.alertId(),
        alert.address(),
        alert.typologyType(),
        probability,
        thresholds.label(probability).wireName(),
        model.manifest().version(),
        model.manifest().sha256(),
        explanation,
        featureValues == null,
        receivedAt,
        scoredAt,
        latencyMs,
        scoredAt);
  }
}
