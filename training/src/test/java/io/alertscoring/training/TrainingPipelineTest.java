package io.alertscoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.model.Calibration;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.model.ModelManifest;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on small sample batches (labels from a noisy rule on alert fields) with an
 * unseen economy (other sample seeds) and a three-candidate parameter search: what the manifests
 * must carry for the evaluator and the API.
 */
class TrainingPipelineTest {
  @TempDir static Path out;
  static TrainingPipeline.Outcome outcome;

  static List<LabelledBatch> batches(int days, long seed) {
    List<LabelledBatch> batches = new ArrayList<>();
    Random noise = new Random(seed);
    for (int d = 0; d < days; d++) {
      LocalDate date = LocalDate.of(2026, 1, 1).plusDays(d);
      BatchKey key = new BatchKey("ethereum", date.toString(), 7);
      SampleBatch sample = SampleBatchGenerator.generate(key, 150, seed * 1000 + d);
      Map<String, AddressLabel> labels = new HashMap<>();
      Map<String, LocalDate> arrival = new HashMap<>();
      for (Alert alert : sample.alerts()) {
        boolean positive =
            (alert.alertConfidenceScore() > 0.55 && alert.severity().ordinal() >= 2)
                ^ noise.nextDouble() < 0.05;
        labels.put(
            alert.address(),
            new AddressLabel(
                key.network(),
                key.processingDate(),
                7,
                alert.address(),
                positive ? "illicit" : "benign",
                "eoa",
                positive ? Severity.HIGH : Severity.LOW,
                0.9,
                "test"));
        arrival.put(alert.address(), date.plusDays(2));
      }
      batches.add(
          new LabelledBatch(
              new AssembledBatch(
                  key, sample.alerts(), sample.features(), sample.clusters(), sample.moneyFlows()),
              labels,
              arrival));
    }
    return batches;
  }

  @BeforeAll
  static void train() throws Exception {
    outcome =
        new TrainingPipeline(7, "sample batches", line -> {}, 3)
            .run(batches(20, 1), batches(20, 2), "sample seed 2", out);
  }

  static JsonNode manifest(String model) throws Exception {
    return new ObjectMapper().readTree(out.resolve(model).resolve("manifest.json").toFile());
  }

  @Test
  void everyBinaryModelIsCalibratedAndTheEvaluatorAppliesIt() throws Exception {
    ModelBundle bundle = ModelBundle.load(out);
    for (String model : List.of("alert-scorer", "cluster-scorer", "alert-live-scorer")) {
      JsonNode calibration = manifest(model).get("calibration");
      assertThat(calibration.get("method").asText()).as(model).isEqualTo("platt");
      assertThat(calibration.get("a").asDouble()).as(model).isPositive();
    }
    Calibration c = Calibration.fromManifest(bundle.alertScorer().manifest().calibration());
    assertThat(bundle.alertScorer().probability(0.3)).isEqualTo(c.apply(0.3));
  }

  @Test
  void theManifestsReportTheTestDatesAndTheUnseenEconomyWithIntervals() throws Exception {
    for (String model : List.of("alert-scorer", "cluster-scorer", "alert-live-scorer")) {
      JsonNode training = manifest(model).get("training");
      for (String set : List.of("metrics_test", "metrics_unseen_economy")) {
        JsonNode m = training.get(set);
        assertThat(m).as(model + " " + set).isNotNull();
        double auc = m.get("auc_roc").asDouble();
        JsonNode ci = m.get("auc_roc_ci95");
        assertThat(ci.get(0).asDouble()).isLessThanOrEqualTo(auc);
        assertThat(ci.get(1).asDouble()).isGreaterThanOrEqualTo(auc);
        assertThat(m.get("auc_pr_ci95")).hasSize(2);
        assertThat(m.get("ece_ci95")).hasSize(2);
      }
    }
    assertThat(outcome.unseenMetrics())
        .containsKeys("alert-scorer", "alert-ranker", "cluster-scorer", "alert-live-scorer");
    assertThat(outcome.unseenMetrics().get("alert-scorer").get("description").toString())
        .contains("sample seed 2");
  }

  @Test
  void theRankerIsServedOnlyIfItBeatsTheScorersOrderByTheStatedMargin() throws Exception {
    JsonNode ranker = manifest("alert-ranker");
    JsonNode test = ranker.get("training").get("metrics_test");
    double gain = test.get("ndcg@10_gain_over_scorer").asDouble();
    String expected =
        gain >= TrainingPipeline.RANKER_MIN_NDCG_GAIN
            ? ModelManifest.ORDER_RANKER
            : ModelManifest.ORDER_SCORER;
    assertThat(ranker.get("serving_order").asText()).isEqualTo(expected);
    assertThat(ModelBundle.load(out).alertRanker().manifest().servingOrder()).isEqualTo(expected);
    assertThat(test.get("ndcg@10_gain_over_scorer_ci95")).hasSize(2);
  }

  @Test
  void theSearchChoosesTheSmallestModelWithinTheToleranceOfTheBest() throws Exception {
    String report = Files.readString(out.resolve("reports").resolve("tuning.md"));
    assertThat(report).contains("**chosen**").contains("3 candidates");
    Map<String, Object> scorer = outcome.metrics().get("alert-scorer");
    assertThat(scorer.get("tuning_candidates")).isEqualTo(3);
    double best = (Double) scorer.get("tuning_best_validation_auc_pr");
    double chosen = (Double) scorer.get("tuning_chosen_validation_auc_pr");
    assertThat(chosen).isBetween(best - ParameterSearch.AUC_PR_TOLERANCE, best);
  }

  @Test
  void theXgboostScorerIsWrittenForTheLoaderAndItsGoldenScoresMatchThePureJavaEvaluator(
      @TempDir Path xgb) throws Exception {
    new TrainingPipeline(7, "sample batches", line -> {}, 0, XGBoostTrainer.LIBRARY)
        .run(batches(20, 1), List.of(), "", xgb);
    ModelBundle bundle = ModelBundle.load(xgb);
    assertThat(bundle.alertScorer().manifest().library()).isEqualTo("xgboost");
    assertThat(bundle.alertScorer().manifest().modelFile()).isEqualTo("model.json");
    assertThat(bundle.alertRanker().manifest().library()).isEqualTo("lightgbm");
    JsonNode golden =
        new ObjectMapper().readTree(xgb.resolve("alert-scorer").resolve("golden.json").toFile());
    assertThat(golden.get("source").asText()).startsWith("xgboost4j");
    JsonNode inputs = golden.get("inputs");
    assertThat(inputs.size()).isGreaterThanOrEqualTo(32);
    for (int i = 0; i < inputs.size(); i++) {
      double[] x = new double[inputs.get(i).size()];
      for (int j = 0; j < x.length; j++) {
        JsonNode v = inputs.get(i).get(j);
        x[j] = v.isNull() ? Double.NaN : v.doubleValue();
      }
      double expected = golden.get("expected_raw_scores").get(i).asDouble();
      // xgboost sums its margin in float: equal within float rounding
      assertThat(bundle.alertScorer().rawScore(x))
          .isCloseTo(
              expected, org.assertj.core.api.Assertions.within(1e-5 * (1 + Math.abs(expected))));
    }
  }

  @Test
  void theAnomalyExperimentReportsTheLiftWithAndWithoutOnBothHeldOutSets(@TempDir Path dir)
      throws Exception {
    new TrainingPipeline(7, "sample batches", line -> {}, 0)
        .withAnomalyExperiment(true)
        .run(batches(20, 1), batches(20, 2), "sample seed 2", dir);
    String report = Files.readString(dir.resolve("reports").resolve("anomaly-experiment.md"));
    assertThat(report)
        .contains("| test dates | AUC-PR |", "| test dates | AUC-ROC |")
        .contains("| unseen economy | AUC-PR |", "| unseen economy | AUC-ROC |");
    // the shipped models are the same with or without the experiment
    Path without = dir.resolve("without");
    new TrainingPipeline(7, "sample batches", line -> {}, 0)
        .run(batches(20, 1), batches(20, 2), "sample seed 2", without);
    for (String model : List.of("alert-scorer", "cluster-scorer", "alert-ranker")) {
      assertThat(
              Files.mismatch(
                  dir.resolve(model).resolve("model.txt"),
                  without.resolve(model).resolve("model.txt")))
          .as(model)
          .isEqualTo(-1L);
    }
    assertThat(Files.exists(without.resolve("reports").resolve("anomaly-experiment.md"))).isFalse();
  }
}
