package io.alertscoring.core.scoring;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.features.BatchContext;
import io.alertscoring.core.features.ClusterFeatureSet;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.model.ScoringModel;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scores every alert, ranks the batch and scores every cluster. Thread-safe and stateless. */
public final class BatchScorer {
  private final ModelBundle models;
  private final PriorityThresholds alertThresholds;
  private final PriorityThresholds clusterThresholds;
  private final boolean scorerOrder;

  public BatchScorer(ModelBundle models) {
    this.models = models;
    this.alertThresholds = PriorityThresholds.of(models.alertScorer().manifest());
    this.clusterThresholds = PriorityThresholds.of(models.clusterScorer().manifest());
    this.scorerOrder = models.alertRanker().manifest().servesScorerOrder();
  }

  public ModelBundle models() {
    return models;
  }

  /**
   * One alert's score row with the two numbers the batch-wide steps need. {@code rankerScore} is
   * what orders the batch: the ranker's raw score, or the alert scorer's calibrated probability
   * when the ranker's manifest says {@code "serving_order": "scorer"} (training found the ranker no
   * better than that order on held-out dates).
   */
  public record ScoredAlert(AlertScore row, double probability, double rankerScore) {}

  /**
   * Scores and explains one alert from its full feature vector, and computes its ranker score.
   *
   * @param featureShareMs this alert's share of the feature engineering, added to its latency
   */
  public ScoredAlert scoreAlert(
      BatchKey key,
      String runId,
      AlertFacts alert,
      double[] vector,
      double featureShareMs,
      long processedAt,
      long version) {
    long started = System.nanoTime();
    ScoringModel scorer = models.alertScorer();
    double[] contributions = scorer.contributions(vector);
    double raw = scorer.rawScore(vector);
    double probability = scorer.probability(raw);
    String explanation =
        Explanations.topK(AlertFeatureSet.NAMES, vector, contributions, Explanations.TOP_K);
    double rankerScore = scorerOrder ? probability : models.alertRanker().rawScore(vector);
    double latencyMs = featureShareMs + ms(System.nanoTime() - started);
    AlertScore row =
        new AlertScore(
            key.network(),
            key.processingDate(),
            key.windowDays(),
            runId,
            alert.alertId(),
            alert.address(),
            alert.typologyType(),
            alert.volumeUsd(),
            probability,
            alertThresholds.label(probability).wireName(),
            scorer.manifest().version(),
            scorer.manifest().sha256(),
            explanation,
            latencyMs,
            processedAt,
            version);
    return new ScoredAlert(row, probability, rankerScore);
  }

  /**
   * Ranks a batch: highest ranker score first, the alert id breaking ties so the order is total and
   * does not depend on the input order.
   */
  public List<AlertRanking> rank(
      BatchKey key,
      String runId,
      String[] alertIds,
      double[] rankerScores,
      long processedAt,
      long version) {
    Integer[] order = new Integer[alertIds.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(i -> -rankerScores[i]).thenComparing(i -> alertIds[i]));
    String rankerVersion = models.alertRanker().manifest().version();
    List<AlertRanking> rankings = new ArrayList<>(alertIds.length);
    for (int position = 0; position < order.length; position++) {
      int i = order[position];
      rankings.add(
          new AlertRanking(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              runId,
              position + 1,
              alertIds[i],
              rankerScores[i],
              rankerVersion,
              processedAt,
              version));
    }
    return rankings;
  }

  /** Scores one cluster from its full {@link ClusterFeatureSet} vector. */
  public ClusterScore scoreCluster(
      BatchKey key,
      String runId,
      String clusterId,
      int totalAlerts,
      double totalVolumeUsd,
      String[] memberAlertIds,
      double[] vector,
      long processedAt,
      long version) {
    ScoringModel clusterScorer = models.clusterScorer();
    double probability = clusterScorer.probability(clusterScorer.rawScore(vector));
    return new ClusterScore(
        key.network(),
        key.processingDate(),
        key.windowDays(),
        runId,
        clusterId,
        probability,
        clusterThresholds.label(probability).wireName(),
        totalAlerts,
        totalVolumeUsd,
        io.alertscoring.schemas.json.OutputJson.stringArray(memberAlertIds),
        clusterScorer.manifest().version(),
        clusterScorer.manifest().sha256(),
        processedAt,
        version);
  }

  /**
   * Scores a whole assembled batch in this thread: the reference the streaming job's distributed
   * path must match bit for bit (it calls the same methods on the same inputs).
   *
   * <p>The latency column of each alert is its inference latency: its share of the batch's feature
   * engineering plus its own scoring and explanation time. Waiting for the batch to complete is not
   * part of it; batch_metadata reports that as the assembly time.
   *
   * @param version the ReplacingMergeTree version every row carries
   */
  public BatchScoringResult score(AssembledBatch batch, long processedAt, long version) {
    return score(batch, REFERENCE_RUN, processedAt, version);
  }

  /** The run id of rows scored outside a publication (references, on-demand scoring). */
  public static final String REFERENCE_RUN = "";

  /** As {@link #score(AssembledBatch, long, long)}, with the rows citing {@code runId}. */
  public BatchScoringResult score(
      AssembledBatch batch, String runId, long processedAt, long version) {
    BatchKey key = batch.key();
    List<Alert> alerts = batch.alerts();

    long t0 = System.nanoTime();
    BatchContext context = new BatchContext(batch);
    double[][] vectors = AlertFeatureSet.vectors(batch, context);
    long t1 = System.nanoTime();

    List<AlertScore> scores = new ArrayList<>(alerts.size());
    Map<String, Double> probabilities = new HashMap<>();
    String[] alertIds = new String[alerts.size()];
    double[] rankerScores = new double[alerts.size()];
    double featureShareMs = alerts.isEmpty() ? 0 : ms(t1 - t0) / alerts.size();
    for (int i = 0; i < alerts.size(); i++) {
      ScoredAlert scored =
          scoreAlert(
              key,
              runId,
              context.alerts().get(i),
              vectors[i],
              featureShareMs,
              processedAt,
              version);
      scores.add(scored.row());
      probabilities.put(alerts.get(i).alertId(), scored.probability());
      alertIds[i] = alerts.get(i).alertId();
      rankerScores[i] = scored.rankerScore();
    }
    long t2 = System.nanoTime();

    List<AlertRanking> rankings = rank(key, runId, alertIds, rankerScores, processedAt, version);
    long t3 = System.nanoTime();

    List<ClusterScore> clusterScores = new ArrayList<>(batch.clusters().size());
    for (AlertCluster cluster : batch.clusters()) {
      ClusterFeatureSet.Partial partial = ClusterFeatureSet.partial(cluster, context);
      clusterScores.add(
          scoreCluster(
              key,
              runId,
              cluster.clusterId(),
              cluster.totalAlerts(),
              cluster.totalVolumeUsd().doubleValue(),
              partial.presentMembers(),
              ClusterFeatureSet.complete(partial, probabilities::get),
              processedAt,
              version));
    }
    long t4 = System.nanoTime();
    return new BatchScoringResult(
        scores, rankings, clusterScores, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
