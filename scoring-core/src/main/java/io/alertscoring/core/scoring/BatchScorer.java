package io.alertscoring.core.scoring;

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

  public BatchScorer(ModelBundle models) {
    this.models = models;
    this.alertThresholds = PriorityThresholds.of(models.alertScorer().manifest());
    this.clusterThresholds = PriorityThresholds.of(models.clusterScorer().manifest());
  }

  public ModelBundle models() {
    return models;
  }

  /**
   * The latency column of each alert is its inference latency: its share of the batch's feature
   * engineering plus its own scoring and explanation time. Waiting for the batch to complete is not
   * part of it; batch_metadata reports that as the assembly time.
   *
   * @param version the ReplacingMergeTree version every row carries
   */
  public BatchScoringResult score(AssembledBatch batch, long processedAt, long version) {
    BatchKey key = batch.key();
    List<Alert> alerts = batch.alerts();

    long t0 = System.nanoTime();
    BatchContext context = new BatchContext(batch);
    double[][] vectors = AlertFeatureSet.vectors(context);
    long t1 = System.nanoTime();

    ScoringModel scorer = models.alertScorer();
    List<AlertScore> scores = new ArrayList<>(alerts.size());
    Map<String, Double> probabilities = new HashMap<>();
    double featureShareMs = alerts.isEmpty() ? 0 : ms(t1 - t0) / alerts.size();
    for (int i = 0; i < alerts.size(); i++) {
      long started = System.nanoTime();
      Alert alert = alerts.get(i);
      double[] contributions = scorer.contributions(vectors[i]);
      double raw = scorer.rawScore(vectors[i]);
      double probability = scorer.probability(raw);
      probabilities.put(alert.alertId(), probability);
      String explanation =
          Explanations.topK(AlertFeatureSet.NAMES, vectors[i], contributions, Explanations.TOP_K);
      double latencyMs = featureShareMs + ms(System.nanoTime() - started);
      scores.add(
          new AlertScore(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              alert.alertId(),
              alert.address(),
              alert.typologyType(),
              probability,
              alertThresholds.label(probability).wireName(),
              scorer.manifest().version(),
              scorer.manifest().sha256(),
              explanation,
              latencyMs,
              processedAt,
              version));
    }
    long t2 = System.nanoTime();

    ScoringModel ranker = models.alertRanker();
    double[] rankerScores = new double[alerts.size()];
    Integer[] order = new Integer[alerts.size()];
    for (int i = 0; i < alerts.size(); i++) {
      rankerScores[i] = ranker.rawScore(vectors[i]);
      order[i] = i;
    }
    // Highest ranker score first; the alert id breaks ties so the order is total and stable.
    Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(i -> -rankerScores[i])
            .thenComparing(i -> alerts.get(i).alertId()));
    List<AlertRanking> rankings = new ArrayList<>(alerts.size());
    for (int position = 0; position < order.length; position++) {
      int i = order[position];
      rankings.add(
          new AlertRanking(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              position + 1,
              alerts.get(i).alertId(),
              rankerScores[i],
              ranker.manifest().version(),
              processedAt,
              version));
    }
    long t3 = System.nanoTime();

    ScoringModel clusterScorer = models.clusterScorer();
    List<ClusterScore> clusterScores = new ArrayList<>(batch.clusters().size());
    for (AlertCluster cluster : batch.clusters()) {
      double probability =
          clusterScorer.probability(
              clusterScorer.rawScore(ClusterFeatureSet.vector(cluster, context, probabilities)));
      clusterScores.add(
          new ClusterScore(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              cluster.clusterId(),
              probability,
              clusterThresholds.label(probability).wireName(),
              cluster.totalAlerts(),
              cluster.totalVolumeUsd().doubleValue(),
              clusterScorer.manifest().version(),
              clusterScorer.manifest().sha256(),
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
