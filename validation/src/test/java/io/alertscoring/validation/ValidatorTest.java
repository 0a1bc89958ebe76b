package io.alertscoring.validation;

import static io.alertscoring.validation.Runs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertScore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidatorTest {
  private final Validator validator = new Validator();

  private static CheckStatus status(TierResult tier, String check) {
    return tier.check(check).orElseThrow(() -> new AssertionError("no check " + check)).status();
  }

  // ------------------------------------------------------------------------ all tiers

  @Test
  void aFullyEvidencedGoodRunScoresEveryTierInFull() {
    ValidationReport report = validator.validate(fullyEvidenced(40));
    assertThat(report.integrity().status()).isEqualTo(TierStatus.PASS);
    assertThat(report.integrity().score()).isEqualTo(0.2);
    assertThat(report.behaviour().score()).isEqualTo(0.3);
    assertThat(report.groundTruth().status()).isEqualTo(TierStatus.SCORED);
    assertThat(report.groundTruth().score()).isEqualTo(0.5);
    assertThat(report.total()).isEqualTo(1.0);
    assertThat(report.complete()).isTrue();
    // the copy check was not run (no other submission), but it cannot change the total
    assertThat(report.notEvaluated())
        .containsExactly("behaviour.correlation_with_other_submissions");
    assertThat(report.toText()).contains("total         1.000 / 1.0");
  }

  // ------------------------------------------------------------------------ integrity

  @Test
  void withoutASecondScoringDeterminismIsNotEvaluatedAndIntegrityIsNotAwarded() {
    ValidationInput full = fullyEvidenced(40);
    ValidationInput input =
        new ValidationInput(
            full.batch(),
            full.run(),
            full.inputAlerts(),
            Optional.empty(),
            full.labels(),
            full.traps(),
            true,
            List.of(),
            List.of());
    ValidationReport report = validator.validate(input);
    assertThat(status(report.integrity(), "determinism")).isEqualTo(CheckStatus.NOT_EVALUATED);
    assertThat(report.integrity().check("determinism").orElseThrow().value()).isNull();
    assertThat(report.integrity().status()).isEqualTo(TierStatus.UNVERIFIED);
    assertThat(report.integrity().score()).isZero();
    assertThat(report.integrity().reason()).contains("determinism not evaluated");
    assertThat(report.total()).isEqualTo(0.8);
    assertThat(report.totalIfUnverifiedPass()).isEqualTo(1.0);
    assertThat(report.complete()).isFalse();
    assertThat(report.notEvaluated()).contains("integrity.determinism");
    assertThat(report.toText())
        .contains("UNVERIFIED")
        .contains("INCOMPLETE: not evaluated: integrity.determinism")
        .contains("(1.000 if the not-evaluated integrity checks passed)");
  }

  @Test
  void determinismComparesTheTwoScoringsWithinOneMillionth() {
    ValidationInput full = fullyEvidenced(20);
    List<AlertScore> nudged = new ArrayList<>();
    for (AlertScore s : full.run().scores()) {
      nudged.add(score(nudged.size(), s.score() + 5e-7));
    }
    assertThat(
            status(
                validator.validate(full.withRerun(run("memory:b", nudged))).integrity(),
                "determinism"))
        .isEqualTo(CheckStatus.PASS);
    nudged.set(3, score(3, nudged.get(3).score() + 1e-5));
    ValidationReport drifted = validator.validate(full.withRerun(run("memory:b", nudged)));
    assertThat(status(drifted.integrity(), "determinism")).isEqualTo(CheckStatus.FAIL);
    assertThat((Double) drifted.integrity().check("determinism").orElseThrow().value())
        .isGreaterThan(1e-6);
    assertThat(drifted.integrity().score()).isZero();
    assertThat(drifted.integrity().status()).isEqualTo(TierStatus.FAIL);
    // a second scoring missing an alert fails too
    ValidationReport partial =
        validator.validate(full.withRerun(run("memory:b", full.run().scores().subList(0, 19))));
    assertThat(status(partial.integrity(), "determinism")).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void theSameStoredDataIsNotASecondScoring() {
    ValidationInput full = fullyEvidenced(20);
    ValidationReport report =
        validator.validate(full.withRerun(run(full.run().source(), full.run().scores())));
    assertThat(status(report.integrity(), "determinism")).isEqualTo(CheckStatus.NOT_EVALUATED);
    ValidationReport empty = validator.validate(full.withRerun(run("memory:b", List.of())));
    assertThat(status(empty.integrity(), "determinism")).isEqualTo(CheckStatus.NOT_EVALUATED);
  }

  @Test
  void countIsCheckedAgainstBatchMetadataWhenNoInputListIsGiven() {
    List<AlertScore> scores = scores(separated(20));
    ValidationInput ok =
        ValidationInput.of(BATCH, withMetadata(run(scores), BatchStatus.COMPLETED, 20));
    ValidationReport report = validator.validate(ok);
    assertThat(status(report.integrity(), "one_score_per_input_alert")).isEqualTo(CheckStatus.PASS);
    assertThat(status(report.integrity(), "same_alert_ids")).isEqualTo(CheckStatus.NOT_EVALUATED);

    ValidationReport short1 =
        validator.validate(
            ValidationInput.of(BATCH, withMetadata(run(scores), BatchStatus.COMPLETED, 21)));
    assertThat(status(short1.integrity(), "one_score_per_input_alert")).isEqualTo(CheckStatus.FAIL);
    assertThat(short1.integrity().status()).isEqualTo(TierStatus.FAIL);

    ValidationReport failed =
        validator.validate(
            ValidationInput.of(BATCH, withMetadata(run(scores), BatchStatus.FAILED, 20)));
    assertThat(status(failed.integrity(), "one_score_per_input_alert")).isEqualTo(CheckStatus.FAIL);

    ValidationReport nothing = validator.validate(ValidationInput.of(BATCH, run(scores)));
    assertThat(status(nothing.integrity(), "one_score_per_input_alert"))
        .isEqualTo(CheckStatus.NOT_EVALUATED);
  }

  @Test
  void missingAndUnexpectedAlertIdsFail() {
    ValidationInput full = fullyEvidenced(20);
    List<String> ids = new ArrayList<>(full.inputAlerts().orElseThrow().alertIds());
    ids.remove(0);
    ids.add("a-999");
    ValidationReport report =
        validator.validate(full.withInputAlerts(new InputAlerts("memory", ids)));
    Check same = report.integrity().check("same_alert_ids").orElseThrow();
    assertThat(same.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(same.value()).isEqualTo(Map.of("missing", 1, "unexpected", 1));
    assertThat(same.detail()).contains("a-999").contains("a-000");
    assertThat(status(report.integrity(), "one_score_per_input_alert")).isEqualTo(CheckStatus.FAIL);
    assertThat(report.integrity().score()).isZero();
  }

  @Test
  void anAlertScoredTwiceFails() {
    ValidationInput full = fullyEvidenced(20);
    List<AlertScore> scores = new ArrayList<>(full.run().scores());
    scores.add(score(5, 0.99));
    ValidationReport report =
        validator.validate(
            new ValidationInput(
                BATCH,
                run(scores),
                full.inputAlerts(),
                full.rerun(),
                full.labels(),
                List.of(),
                true,
                List.of(),
                List.of()));
    Check check = report.integrity().check("one_score_per_input_alert").orElseThrow();
    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.detail()).contains("a-005");
  }

  @Test
  void requiredColumnsMustBePresentAndFilled() {
    ValidationInput full = fullyEvidenced(20);
    ScoringRun missing =
        new ScoringRun(
            "memory:a",
            full.run().scores(),
            Set.of("latency_ms", "model_sha256"),
            Optional.empty());
    ValidationReport report = validator.validate(replaceRun(full, missing));
    Check check = report.integrity().check("required_columns").orElseThrow();
    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.detail()).contains("missing columns [model_sha256, latency_ms]");

    List<AlertScore> scores = new ArrayList<>(full.run().scores());
    AlertScore s = scores.get(2);
    scores.set(
        2,
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
            "urgent",
            "",
            s.modelSha256(),
            s.explanationJson(),
            s.latencyMs(),
            s.processedAt(),
            s.version()));
    Check empty =
        validator
            .validate(replaceRun(full, run(scores)))
            .integrity()
            .check("required_columns")
            .orElseThrow();
    assertThat(empty.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(empty.value()).isEqualTo(2);
    assertThat(empty.detail()).contains("model_version=1").contains("priority=1");
  }

  @Test
  void scoresOutsideTheUnitIntervalOrNotANumberFail() throws Exception {
    ValidationInput full = fullyEvidenced(20);
    List<AlertScore> scores = new ArrayList<>(full.run().scores());
    scores.set(0, score(0, 1.2));
    scores.set(1, score(1, Double.NaN));
    ValidationReport report = validator.validate(replaceRun(full, run(scores)));
    Check check = report.integrity().check("scores_in_range").orElseThrow();
    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.value()).isEqualTo(2L);
    // the report stays valid JSON (a strict parser rejects a NaN number)
    assertThat(new ObjectMapper().readTree(report.toJsonString()).get("total").isNumber()).isTrue();
  }

  @Test
  void meanLatencyAboveOneHundredMillisecondsFails() {
    ValidationInput full = fullyEvidenced(20);
    List<AlertScore> slow = new ArrayList<>();
    for (AlertScore s : full.run().scores()) {
      slow.add(score(BATCH, slow.size(), s.score(), slow.size() % 2 == 0 ? 50.0 : 160.0));
    }
    Check check =
        validator
            .validate(replaceRun(full, run(slow)))
            .integrity()
            .check("mean_latency_ms")
            .orElseThrow();
    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat((Double) check.value()).isCloseTo(105.0, within(1e-9));
    List<AlertScore> exact = new ArrayList<>();
    for (AlertScore s : full.run().scores()) {
      exact.add(score(BATCH, exact.size(), s.score(), 100.0));
    }
    assertThat(
            status(validator.validate(replaceRun(full, run(exact))).integrity(), "mean_latency_ms"))
        .isEqualTo(CheckStatus.PASS);
  }

  // ------------------------------------------------------------------------ behaviour

  @Test
  void lowVarianceCostsPointOne() {
    double[] flat = new double[20];
    java.util.Arrays.fill(flat, 0.5);
    flat[0] = 0.52; // variance ~ 1.9e-5
    ValidationReport report = validator.validate(withScores(fullyEvidenced(20), flat));
    Check check = report.behaviour().check("score_variance").orElseThrow();
    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.penalty()).isEqualTo(0.1);
    assertThat(report.behaviour().score()).isEqualTo(0.2);
  }

  @Test
  void eachTrapAnsweredWithinOneHundredthCostsPointZeroFive() {
    ValidationInput full = fullyEvidenced(40);
    double s0 = full.run().scores().get(0).score();
    double s1 = full.run().scores().get(1).score();
    double s2 = full.run().scores().get(2).score();
    List<Trap> traps =
        List.of(
            new Trap(id(0), s0 + 0.009), // caught
            new Trap(id(1), s1 - 0.01), // caught: within 0.01 inclusive
            new Trap(id(2), s2 + 0.2), // not caught
            new Trap("not-scored", 0.5)); // cannot be judged
    ValidationReport report = validator.validate(full.withTraps(traps));
    assertThat(status(report.behaviour(), "pattern_trap:" + id(0))).isEqualTo(CheckStatus.FAIL);
    assertThat(status(report.behaviour(), "pattern_trap:" + id(1))).isEqualTo(CheckStatus.FAIL);
    assertThat(status(report.behaviour(), "pattern_trap:" + id(2))).isEqualTo(CheckStatus.PASS);
    assertThat(status(report.behaviour(), "pattern_trap:not-scored"))
        .isEqualTo(CheckStatus.NOT_EVALUATED);
    assertThat(report.behaviour().score()).isEqualTo(0.2);
    assertThat(report.behaviour().reason()).contains("penalties 0.10 for");
  }

  @Test
  void withoutATrapListTheTrapPenaltiesAreNotEvaluated() {
    ValidationInput full = fullyEvidenced(40);
    ValidationInput noTraps =
        new ValidationInput(
            full.batch(),
            full.run(),
            full.inputAlerts(),
            full.rerun(),
            full.labels(),
            List.of(),
            false,
            List.of(),
            List.of());
    ValidationReport report = validator.validate(noTraps);
    assertThat(status(report.behaviour(), "pattern_traps")).isEqualTo(CheckStatus.NOT_EVALUATED);
    assertThat(report.behaviour().score()).isEqualTo(0.3);
    assertThat(report.complete()).isFalse();
  }

  @Test
  void aMedianOutsideTenToNinetyPercentCostsPointZeroFive() {
    double[] low = new double[20];
    for (int i = 0; i < 20; i++) {
      low[i] = i < 15 ? 0.01 * i : 0.3 + 0.1 * (i - 15); // median 0.095, variance > 0.001
    }
    ValidationReport report = validator.validate(withScores(fullyEvidenced(20), low));
    Check median = report.behaviour().check("median_score").orElseThrow();
    assertThat(median.status()).isEqualTo(CheckStatus.FAIL);
    assertThat((Double) median.value()).isCloseTo(0.095, within(1e-12));
    assertThat(status(report.behaviour(), "score_variance")).isEqualTo(CheckStatus.PASS);
    assertThat(report.behaviour().score()).isEqualTo(0.25);

    double[] high = new double[20];
    for (int i = 0; i < 20; i++) {
      high[i] = 1.0 - low[i];
    }
    assertThat(validator.validate(withScores(fullyEvidenced(20), high)).behaviour().score())
        .isEqualTo(0.25);
  }

  @Test
  void behaviourNeverGoesBelowZero() {
    double[] flat = new double[20];
    java.util.Arrays.fill(flat, 0.05); // low variance and low median: -0.15
    ValidationInput input = withScores(fullyEvidenced(20), flat);
    List<Trap> traps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      traps.add(new Trap(id(i), 0.05)); // -0.2
    }
    ValidationReport report = validator.validate(input.withTraps(traps));
    assertThat(report.behaviour().score()).isZero();
    assertThat(report.behaviour().status()).isEqualTo(TierStatus.SCORED);
  }

  @Test
  void aNearCopyOfAnotherSubmissionIsFlaggedWithoutPenalty() {
    ValidationInput full = fullyEvidenced(40);
    Map<String, Double> copy = new HashMap<>();
    Map<String, Double> unrelated = new HashMap<>();
    Map<String, Double> few = new HashMap<>();
    for (AlertScore s : full.run().scores()) {
      copy.put(s.alertId(), 0.9 * s.score() + 0.01);
      unrelated.put(s.alertId(), (s.alertId().hashCode() & 0xff) / 255.0);
      if (few.size() < 9) {
        few.put(s.alertId(), s.score());
      }
    }
    ValidationReport report =
        validator.validate(
            full.withOthers(
                List.of(
                    new OtherSubmission("copy", copy),
                    new OtherSubmission("unrelated", unrelated),
                    new OtherSubmission("few", few))));
    assertThat(status(report.behaviour(), "correlation:copy")).isEqualTo(CheckStatus.FLAGGED);
    assertThat((Double) report.behaviour().check("correlation:copy").orElseThrow().value())
        .isCloseTo(1.0, within(1e-9));
    assertThat(status(report.behaviour(), "correlation:unrelated")).isEqualTo(CheckStatus.PASS);
    assertThat(status(report.behaviour(), "correlation:few")).isEqualTo(CheckStatus.NOT_EVALUATED);
    assertThat(report.behaviour().score()).isEqualTo(0.3);
    assertThat(report.flags()).containsExactly("behaviour.correlation:copy");
    assertThat(report.complete()).isTrue();
  }

  // ------------------------------------------------------------------------ ground truth

  @Test
  void groundTruthNeedsTenLabelledAlertsOfEachClass() {
    // 19 alerts: 10 even (positive), 9 odd (negative)
    ValidationReport nine = validator.validate(fullyEvidenced(19));
    assertThat(nine.groundTruth().status()).isEqualTo(TierStatus.NOT_EVALUATED);
    assertThat(nine.groundTruth().score()).isZero();
    assertThat(nine.groundTruth().reason()).contains("10 positive and 9 negative");
    assertThat(nine.notEvaluated()).contains("ground_truth.labelled_alerts");
    assertThat(nine.complete()).isFalse();

    ValidationReport ten = validator.validate(fullyEvidenced(20));
    assertThat(ten.groundTruth().status()).isEqualTo(TierStatus.SCORED);
    assertThat(ten.groundTruth().metrics())
        .containsEntry("positives", 10)
        .containsEntry("negatives", 10);
  }

  @Test
  void groundTruthIsPointThreeAucRocPlusPointTwoAveragePrecision() {
    // positives 0.60..0.69, negatives 0.10..0.55 plus one negative at 0.655 above six positives
    double[] values = new double[20];
    for (int i = 0; i < 10; i++) {
      values[2 * i] = 0.60 + 0.01 * i;
      values[2 * i + 1] = 0.10 + 0.05 * i;
    }
    values[19] = 0.655;
    ValidationReport report = validator.validate(withScores(fullyEvidenced(20), values));
    TierResult gt = report.groundTruth();
    // AUC: the 0.655 negative beats 6 of 100 pairs -> 0.94
    assertThat((Double) gt.metrics().get("auc_roc")).isCloseTo(0.94, within(1e-12));
    // AP: four positives at precision 1, then six at 5/6 .. 10/11, each adding recall 0.1
    double ap = 0.4 + 0.1 * (5.0 / 6 + 6.0 / 7 + 7.0 / 8 + 8.0 / 9 + 9.0 / 10 + 10.0 / 11);
    assertThat((Double) gt.metrics().get("auc_pr")).isCloseTo(ap, within(1e-12));
    assertThat(gt.score()).isCloseTo(0.3 * 0.94 + 0.2 * ap, within(1e-9));
    assertThat(gt.score()).isCloseTo(0.4672691197691198, within(1e-9));
    @SuppressWarnings("unchecked")
    Map<String, Object> best = (Map<String, Object>) gt.metrics().get("best_f1");
    // threshold 0.60 flags 10 positives and 1 negative: F1 = 20 / 21
    assertThat((Double) best.get("threshold")).isEqualTo(0.60);
    assertThat((Double) best.get("f1")).isCloseTo(20.0 / 21, within(1e-12));
    boolean[] y = new boolean[20];
    for (int i = 0; i < 20; i++) {
      y[i] = i % 2 == 0;
    }
    assertThat((Double) gt.metrics().get("brier"))
        .isCloseTo(BinaryMetrics.brier(values, y), within(1e-12));
    assertThat(report.toText()).contains("AUC-ROC 0.9400");
  }

  @Test
  void withoutLabelsGroundTruthIsNotEvaluatedAndSaysWhy() {
    ValidationInput input =
        fullyEvidenced(40).withLabels(LabelSet.none("no labels source: give --labels-file"));
    ValidationReport report = validator.validate(input);
    assertThat(report.groundTruth().status()).isEqualTo(TierStatus.NOT_EVALUATED);
    assertThat(report.groundTruth().reason()).contains("no labels source");
    assertThat(report.groundTruth().metrics()).containsEntry("unlabelled_alerts", 40);
  }

  @Test
  void aRunWithoutScoresGetsNoBehaviourPointsAndFailsIntegrity() {
    ValidationReport report =
        validator.validate(
            ValidationInput.of(BATCH, withMetadata(run(List.of()), BatchStatus.COMPLETED, 5)));
    assertThat(report.behaviour().status()).isEqualTo(TierStatus.NOT_EVALUATED);
    assertThat(report.behaviour().score()).isZero();
    assertThat(report.integrity().status()).isEqualTo(TierStatus.FAIL);
    assertThat(report.total()).isZero();
  }

  // ------------------------------------------------------------------------ report

  @Test
  void theJsonReportHoldsEveryCheckTheTierScoresAndTheTotal() throws Exception {
    ValidationInput full = fullyEvidenced(40);
    ValidationInput input =
        new ValidationInput(
            full.batch(),
            full.run(),
            full.inputAlerts(),
            Optional.empty(),
            full.labels(),
            List.of(),
            false,
            List.of(),
            List.of("a note"));
    ValidationReport report = validator.validate(input);
    JsonNode json = new ObjectMapper().readTree(report.toJsonString());
    assertThat(json.get("format_version").asInt()).isEqualTo(1);
    assertThat(json.get("network").asText()).isEqualTo("ethereum");
    assertThat(json.get("processing_date").asText()).isEqualTo("2026-01-05");
    assertThat(json.get("window_days").asInt()).isEqualTo(7);
    assertThat(json.get("total").asDouble()).isEqualTo(0.8);
    assertThat(json.get("total_if_unverified_pass").asDouble()).isEqualTo(1.0);
    assertThat(json.get("complete").asBoolean()).isFalse();
    assertThat(json.get("not_evaluated").toString())
        .contains("integrity.determinism")
        .contains("behaviour.pattern_traps");
    assertThat(json.get("notes").get(0).asText()).isEqualTo("a note");
    JsonNode integrity = json.get("tiers").get("integrity");
    assertThat(integrity.get("score").asDouble()).isZero();
    assertThat(integrity.get("max").asDouble()).isEqualTo(0.2);
    assertThat(integrity.get("status").asText()).isEqualTo("UNVERIFIED");
    assertThat(integrity.get("checks")).hasSize(6);
    JsonNode determinism = integrity.get("checks").get(5);
    assertThat(determinism.get("name").asText()).isEqualTo("determinism");
    assertThat(determinism.get("status").asText()).isEqualTo("NOT_EVALUATED");
    assertThat(determinism.get("value").isNull()).isTrue();
    assertThat(determinism.get("detail").asText()).contains("--rerun");
    JsonNode gt = json.get("tiers").get("ground_truth");
    assertThat(gt.get("score").asDouble()).isEqualTo(0.5);
    assertThat(gt.get("metrics").get("best_f1").get("threshold").isNumber()).isTrue();
    assertThat(json.get("tiers").get("behaviour").get("score").asDouble()).isEqualTo(0.3);
  }

  @Test
  void validationIsDeterministic() {
    ValidationInput input = fullyEvidenced(40);
    assertThat(validator.validate(input).toJsonString())
        .isEqualTo(validator.validate(input).toJsonString());
  }

  // ------------------------------------------------------------------------ helpers

  private static ValidationInput replaceRun(ValidationInput in, ScoringRun run) {
    return new ValidationInput(
        in.batch(),
        run,
        in.inputAlerts(),
        in.rerun(),
        in.labels(),
        in.traps(),
        in.trapsGiven(),
        in.others(),
        in.notes());
  }

  /** The fully evidenced input with other score values (rerun equal to them). */
  private static ValidationInput withScores(ValidationInput in, double[] values) {
    List<AlertScore> scores = Runs.scores(values);
    return replaceRun(in, withMetadata(run(scores), BatchStatus.COMPLETED, values.length))
        .withRerun(run("memory:rerun", scores));
  }
}
