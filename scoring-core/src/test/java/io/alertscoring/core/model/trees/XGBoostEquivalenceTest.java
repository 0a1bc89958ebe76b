package io.alertscoring.core.model.trees;

import static io.alertscoring.core.model.trees.NativeModels.FEATURES;
import static io.alertscoring.core.model.trees.NativeModels.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pure-Java evaluator against xgboost4j on a binary:logistic model with missing values. */
class XGBoostEquivalenceTest {
  static final int ROWS = 6000;
  static NativeModels.Xgb model;

  @BeforeAll
  static void train() throws XGBoostError {
    double[] x = NativeModels.trainingMatrix(41, NativeModels.TRAIN_ROWS, false);
    float[] y = NativeModels.binaryLabels(x, NativeModels.TRAIN_ROWS, 42);
    model = NativeModels.trainXgb(x, y, 40, true);
  }

  @AfterAll
  static void close() {
    model.booster().dispose();
  }

  @Test
  void marginsMatchXgboost() throws Exception {
    TreeEnsemble ensemble = XGBoostJsonParser.parse(model.json());
    assertThat(ensemble.numTrees()).isEqualTo(40);
    assertThat(ensemble.featureNames()).isEqualTo(NativeModels.names(FEATURES));
    assertThat(ensemble.namedFeatures()).isTrue();
    double[] rows = finite(NativeModels.rows(201, ROWS, FEATURES, thresholds(model.json())));
    float[][] margins = model.margins(rows, ROWS);
    float[][] probabilities = model.booster().predict(NativeModels.matrix(rows, ROWS));
    double worst = 0;
    int exact = 0;
    for (int r = 0; r < ROWS; r++) {
      double[] x = row(rows, FEATURES, r);
      double raw = ensemble.rawScore(x);
      assertThat(raw).as("row %d", r).isCloseTo(margins[r][0], within(1e-6));
      assertThat(ensemble.probability(raw)).isCloseTo(probabilities[r][0], within(1e-6));
      worst = Math.max(worst, Math.abs(raw - margins[r][0]));
      exact += raw == margins[r][0] ? 1 : 0;
    }
    System.out.println(
        "XGBoost: largest |margin difference| = "
            + worst
            + ", bit-identical "
            + exact
            + "/"
            + ROWS);
  }

  @Test
  void shapMatchesXgboostPredictContribAndSumsToTheMargin() throws Exception {
    TreeEnsemble ensemble = XGBoostJsonParser.parse(model.json());
    FastTreeShap fast = new FastTreeShap(ensemble);
    double[] rows = finite(NativeModels.rows(202, ROWS, FEATURES, thresholds(model.json())));
    float[][] expected = model.contributions(rows, ROWS);
    assertThat(expected[0]).hasSize(FEATURES + 1);
    for (int r = 0; r < ROWS; r++) {
      double[] x = row(rows, FEATURES, r);
      double[] ours = fast.contributions(x);
      double[] naive = NaiveTreeShap.contributions(ensemble, x);
      double sum = 0;
      for (int i = 0; i <= FEATURES; i++) {
        // xgboost computes SHAP values in float
        assertThat(ours[i]).as("row %d feature %d", r, i).isCloseTo(expected[r][i], within(2e-5));
        assertThat(ours[i]).isCloseTo(naive[i], within(1e-12));
        sum += ours[i];
      }
      // the margin is summed in float, the contributions in double
      assertThat(sum).isCloseTo(ensemble.rawScore(x), within(1e-5));
    }
  }

  @Test
  void thresholdsFollowFloatRoundingOfTheInput() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 200_000; i++) {
      float t = (float) (NativeModels.gaussian(random) * Math.pow(10, random.nextInt(-8, 8)));
      if (i % 7 == 0) {
        t = Float.intBitsToFloat(random.nextInt()); // any float, subnormals included
        if (Float.isNaN(t) || Float.isInfinite(t)) {
          continue;
        }
      }
      double b = XGBoostJsonParser.belowFloat(t);
      for (double x :
          new double[] {
            t,
            Math.nextUp((double) t),
            Math.nextDown((double) t),
            b,
            Math.nextUp(b),
            Math.nextDown(b),
            ((double) Math.nextDown(t) + (double) t) / 2,
            (double) Math.nextDown(t)
          }) {
        assertThat(x <= b).as("x=%s t=%s", x, t).isEqualTo((float) x < t);
      }
    }
  }

  @Test
  void aModelWithoutFeatureNamesSaysSo() throws XGBoostError {
    double[] x = NativeModels.trainingMatrix(43, 300, false);
    NativeModels.Xgb unnamed =
        NativeModels.trainXgb(x, NativeModels.binaryLabels(x, 300, 44), 3, false);
    try {
      TreeEnsemble ensemble = XGBoostJsonParser.parse(unnamed.json());
      assertThat(ensemble.namedFeatures()).isFalse();
      assertThat(ensemble.featureNames()).startsWith("f0", "f1");
    } finally {
      unnamed.booster().dispose();
    }
  }

  @Test
  void refusesWhatItCannotEvaluate() {
    String json = model.json();
    assertThatThrownBy(
            () -> XGBoostJsonParser.parse(json.replace("binary:logistic", "multi:softprob")))
        .hasMessageContaining("objective 'multi:softprob' is not supported");
    assertThatThrownBy(() -> XGBoostJsonParser.parse(json.replace("\"gbtree\"", "\"gblinear\"")))
        .hasMessageContaining("gblinear");
    assertThatThrownBy(() -> XGBoostJsonParser.parse("{\"learner\": 1"))
        .hasMessageContaining("not an XGBoost JSON model");
  }

  /** XGBoost refuses infinite input (as float): keep such values finite, just inside the range. */
  static double[] finite(double[] rows) {
    for (int i = 0; i < rows.length; i++) {
      if (Float.isInfinite((float) rows[i])) {
        rows[i] = Math.copySign(3e38, rows[i]);
      }
    }
    return rows;
  }

  /** Every split condition of the model, by feature, as the double the float stands for. */
  static List<TreeSet<Double>> thresholds(String json) throws Exception {
    JsonNode trees =
        new ObjectMapper()
            .readTree(json)
            .path("learner")
            .path("gradient_booster")
            .path("model")
            .path("trees");
    List<TreeSet<Double>> out = new ArrayList<>();
    for (int i = 0; i < FEATURES; i++) {
      out.add(new TreeSet<>());
    }
    for (JsonNode tree : trees) {
      JsonNode left = tree.get("left_children");
      for (int n = 0; n < left.size(); n++) {
        if (left.get(n).asInt() != -1) {
          float t = Float.parseFloat(tree.get("split_conditions").get(n).asText());
          out.get(tree.get("split_indices").get(n).asInt()).add((double) t);
        }
      }
    }
    return out;
  }
}
