package io.alertscoring.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.model.Calibration;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.model.ModelManifest;
import io.alertscoring.core.model.ScoringModel;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchScorerTest {
  static final BatchKey KEY = new BatchKey("ethereum", "2026-01-15", 7);
  final BatchScorer scorer = new BatchScorer(ModelBundle.load(Path.of("..", "trained_models")));
  final SampleBatch sample = SampleBatchGenerator.generate(KEY, 60, 42);

  private AssembledBatch assemble(SampleBatch s, long shuffleSeed) {
    Random random = new Random(shuffleSeed);
    List<io.alertscoring.schemas.input.Alert> alerts = new ArrayList<>(s.alerts());
    var features = new ArrayList<>(s.features());
    var clusters = new ArrayList<>(s.clusters());
    var flows = new ArrayList<>(s.moneyFlows());
    Collections.shuffle(alerts, random);
    Collections.shuffle(features, random);
    Collections.shuffle(clusters, random);
    Collections.shuffle(flows, random);
    return new AssembledBatch(KEY, alerts, features, clusters, flows);
  }

  @Test
  void resultsDoNotDependOnArrivalOrder() {
    BatchScoringResult first = scorer.score(assemble(sample, 1), 1000, 10);
    BatchScoringResult second = scorer.score(assemble(sample, 2), 1000, 10);
    // Everything but the measured latency is identical.
    assertThat(withoutLatency(second.alertScores())).isEqualTo(withoutLatency(first.alertScores()));
    assertThat(second.rankings()).isEqualTo(first.rankings());
    assertThat(second.clusterScores()).isEqualTo(first.clusterScores());
  }

  private static List<AlertScore> withoutLatency(List<AlertScore> scores) {
    return scores.stream()
        .map(
            s ->
                new AlertScore(
                    s.network(),
                    s.processingDate(),
                    s.windowDays(),
                    s.runId(),
                    s.alertId(),
                    s.address(),
                    s.typologyType(),
                    1_000.0,
                    s.score(),
                    s.priority(),
                    s.modelVersion(),
                    s.modelSha256(),
                    s.explanationJson(),
                    0,
                    s.processedAt(),
                    s.version()))
        .toList();
  }

  @Test
  void scoresEveryAlertRanksThemAllAndScoresEveryCluster() {
    BatchScoringResult result = scorer.score(assemble(sample, 1), 1000, 10);
    assertThat(result.alertScores()).hasSize(60);
    assertThat(result.alertScores())
        .allSatisfy(
            s -> {
              assertThat(s.score()).isBetween(0.0, 1.0);
              assertThat(s.priority()).isIn("low", "medium", "high");
              assertThat(s.modelVersion()).startsWith("v1-");
              assertThat(s.modelSha256()).hasSize(64);
              assertThat(s.latencyMs()).isPositive().isLessThan(100.0);
            });
    assertThat(result.rankings())
        .extracting(AlertRanking::rank)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 60).boxed().toList());
    for (int i = 1; i < result.rankings().size(); i++) {
      assertThat(result.rankings().get(i).rankerScore())
          .isLessThanOrEqualTo(result.rankings().get(i - 1).rankerScore());
    }
    assertThat(result.clusterScores()).hasSize(sample.clusters().size());
  }

  @Test
  void explanationNamesFiveFeaturesWhoseContributionsWithTheRestSumToTheLogit() throws Exception {
    AssembledBatch batch = assemble(sample, 3);
    BatchScoringResult result = scorer.score(batch, 1000, 10);
    double[][] vectors = AlertFeatureSet.vectors(batch);
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < 10; i++) {
      AlertScore score = result.alertScores().get(i);
      JsonNode explanation = mapper.readTree(score.explanationJson());
      assertThat(explanation).hasSize(5);
      double[] contributions = scorer.models().alertScorer().contributions(vectors[i]);
      double all = 0;
      for (double c : contributions) {
        all += c;
      }
      // the contributions explain the raw margin; the score is its calibration a raw + b (logit)
      Calibration calibration =
          Calibration.fromManifest(scorer.models().alertScorer().manifest().calibration());
      double logit = Math.log(score.score() / (1 - score.score()));
      assertThat(calibration.a() * all + calibration.b()).isCloseTo(logit, within(1e-6));
      double previous = Double.MAX_VALUE;
      for (JsonNode entry : explanation) {
        int index = AlertFeatureSet.NAMES.indexOf(entry.get("feature").asText());
        assertThat(entry.get("contribution").asDouble()).isEqualTo(contributions[index]);
        assertThat(Math.abs(contributions[index])).isLessThanOrEqualTo(previous);
        previous = Math.abs(contributions[index]);
      }
    }
  }

  @Test
  void aRankerWhoseManifestServesTheScorerOrderRanksByCalibratedProbability() {
    assertThat(scorer.models().alertRanker().manifest().servesScorerOrder())
        .as("the shipped ranker did not beat the scorer's order (docs/models.md)")
        .isTrue();
    BatchScoringResult result = scorer.score(assemble(sample, 1), 1000, 10);
    java.util.Map<String, Double> probability = new java.util.HashMap<>();
    result.alertScores().forEach(s -> probability.put(s.alertId(), s.score()));
    List<String> expected =
        result.alertScores().stream()
            .sorted(
                java.util.Comparator.comparingDouble((AlertScore s) -> -s.score())
                    .thenComparing(AlertScore::alertId))
            .map(AlertScore::alertId)
            .toList();
    assertThat(result.rankings()).extracting(AlertRanking::alertId).isEqualTo(expected);
    result
        .rankings()
        .forEach(r -> assertThat(r.rankerScore()).isEqualTo(probability.get(r.alertId())));
  }

  @Test
  void aRankerServingItsOwnOrderRanksByItsRawScore() {
    ModelBundle shipped = scorer.models();
    ScoringModel ranker = shipped.alertRanker();
    ModelManifest m = ranker.manifest();
    ModelManifest ownOrder =
        new ModelManifest(
            m.name(),
            m.version(),
            m.library(),
            m.libraryVersion(),
            m.modelFile(),
            m.sha256(),
            m.featureNames(),
            m.thresholds(),
            m.training(),
            m.calibration(),
            ModelManifest.ORDER_RANKER);
    ScoringModel rankerOrder =
        new io.alertscoring.core.model.trees.TreeEnsembleModel(
            ownOrder, ((io.alertscoring.core.model.trees.TreeEnsembleModel) ranker).ensemble());
    BatchScorer own =
        new BatchScorer(
            new ModelBundle(
                shipped.alertScorer(), rankerOrder, shipped.clusterScorer(), shipped.liveScorer()));
    AssembledBatch batch = assemble(sample, 1);
    BatchScoringResult result = own.score(batch, 1000, 10);
    double[][] vectors = AlertFeatureSet.vectors(batch);
    java.util.Map<String, Double> raw = new java.util.HashMap<>();
    for (int i = 0; i < vectors.length; i++) {
      raw.put(batch.alerts().get(i).alertId(), ranker.rawScore(vectors[i]));
    }
    result.rankings().forEach(r -> assertThat(r.rankerScore()).isEqualTo(raw.get(r.alertId())));
  }
}
