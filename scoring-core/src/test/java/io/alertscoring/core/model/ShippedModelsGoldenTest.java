package io.alertscoring.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Each shipped model carries a golden file written at training time: sample inputs and the raw
 * scores the native LightGBM library computed for them. The pure-Java evaluator must reproduce them
 * bit for bit.
 */
class ShippedModelsGoldenTest {
  static final Path SHIPPED = Path.of("..", "trained_models");

  @Test
  void theEvaluatorReproducesTheNativeRawScoresOfEveryShippedModel() throws IOException {
    ModelBundle bundle = ModelBundle.load(SHIPPED);
    check(bundle.alertScorer(), "alert-scorer");
    check(bundle.alertRanker(), "alert-ranker");
    check(bundle.clusterScorer(), "cluster-scorer");
    check(bundle.liveScorer(), "alert-live-scorer");
  }

  private static void check(ScoringModel model, String name) throws IOException {
    JsonNode golden =
        new ObjectMapper().readTree(SHIPPED.resolve(name).resolve("golden.json").toFile());
    JsonNode inputs = golden.get("inputs");
    JsonNode expected = golden.get("expected_raw_scores");
    assertThat(inputs.size()).isEqualTo(expected.size()).isGreaterThanOrEqualTo(32);
    for (int i = 0; i < inputs.size(); i++) {
      JsonNode row = inputs.get(i);
      assertThat(row.size())
          .as(name + " row " + i)
          .isEqualTo(model.manifest().featureNames().size());
      double[] x = new double[row.size()];
      for (int j = 0; j < x.length; j++) {
        x[j] = row.get(j).isNull() ? Double.NaN : row.get(j).doubleValue();
      }
      assertThat(model.rawScore(x)).as(name + " row " + i).isEqualTo(expected.get(i).doubleValue());
    }
  }
}
