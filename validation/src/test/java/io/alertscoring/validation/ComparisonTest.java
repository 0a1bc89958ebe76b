package io.alertscoring.validation;

import static io.alertscoring.validation.Runs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.core.metrics.BootstrapResult;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.output.AlertScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final BatchKey DAY2 = new BatchKey("ethereum", "2026-01-06", 7);

  /** Scores with signal {@code strength} for the even (positive) alerts. */
  private static List<AlertScore> model(BatchKey batch, int n, double strength, long seed) {
    Random random = new Random(seed);
    List<AlertScore> scores = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double z = random.nextGaussian() + (i % 2 == 0 ? strength : -strength);
      scores.add(score(batch, i, 1.0 / (1.0 + Math.exp(-z)), 10.0));
    }
    return scores;
  }

  private static List<ValidationInput> inputs(String source, double strength, long seed, int n) {
    List<ValidationInput> list = new ArrayList<>();
    for (BatchKey batch : List.of(BATCH, DAY2)) {
      list.add(
          ValidationInput.of(batch, run(source, model(batch, n, strength, seed)))
              .withLabels(evenPositive(n)));
    }
    return list;
  }

  @Test
  void aStrongerModelBWinsWithIntervalsAboveZero() throws Exception {
    ComparisonReport report =
        new Comparison()
            .compare(
                inputs("A", 0.3, 1, 200),
                inputs("B", 2.0, 2, 200),
                new Comparison.Options(300, 5, 0.95));
    assertThat(report.reportsA()).hasSize(2);
    assertThat(report.sharedAlerts()).isEqualTo(400);
    assertThat(report.positives()).isEqualTo(200);
    BootstrapResult auc = report.differences().get("auc_roc");
    assertThat(auc.difference()).isPositive();
    assertThat(auc.ciLower()).isPositive();
    assertThat(report.differences().get("auc_pr").ciLower()).isPositive();
    BootstrapResult brier = report.differences().get("brier");
    assertThat(brier.ciUpper()).isNegative();
    assertThat(report.meanTotalB()).isGreaterThan(report.meanTotalA());
    assertThat(report.toText()).contains("auc_roc").contains("significant");
    JsonNode json = new ObjectMapper().readTree(report.toJsonString());
    assertThat(json.get("differences").get("direction").asText()).isEqualTo("b - a");
    assertThat(json.get("differences").get("auc_roc").get("ci_lower").asDouble()).isPositive();
    assertThat(json.get("batches")).hasSize(2);
    assertThat(json.get("batches").get(0).get("b").get("ground_truth").asDouble())
        .isGreaterThan(json.get("batches").get(0).get("a").get("ground_truth").asDouble());
    // deterministic: a fixed seed gives the same report
    ComparisonReport again =
        new Comparison()
            .compare(
                inputs("A", 0.3, 1, 200),
                inputs("B", 2.0, 2, 200),
                new Comparison.Options(300, 5, 0.95));
    assertThat(again.toJsonString()).isEqualTo(report.toJsonString());
  }

  @Test
  void tooFewSharedLabelledAlertsLeaveTheDifferencesNotEvaluated() {
    List<ValidationInput> a = new ArrayList<>();
    List<ValidationInput> b = new ArrayList<>();
    a.add(ValidationInput.of(BATCH, run("A", model(BATCH, 12, 1, 1))).withLabels(evenPositive(12)));
    // B scored only the first 8 alerts: 4 positives, 4 negatives shared
    b.add(
        ValidationInput.of(BATCH, run("B", model(BATCH, 12, 1, 2).subList(0, 8)))
            .withLabels(evenPositive(12)));
    ComparisonReport report = new Comparison().compare(a, b, Comparison.Options.defaults());
    assertThat(report.differences()).isEmpty();
    assertThat(report.reason()).contains("4 positive and 4 negative");
    assertThat(report.toText()).contains("NOT EVALUATED");
  }

  @Test
  void batchesMustLineUp() {
    assertThatThrownBy(
            () ->
                new Comparison()
                    .compare(
                        inputs("A", 1, 1, 20),
                        inputs("B", 1, 1, 20).subList(0, 1),
                        Comparison.Options.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
