package io.alertscoring.core.model.trees;

import static io.alertscoring.core.model.trees.NativeModels.FEATURES;
import static io.alertscoring.core.model.trees.NativeModels.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java evaluator against lightgbm4j on models trained here: raw scores bit for bit,
 * TreeSHAP values to 1e-6 (in practice about 1e-15), over thousands of random rows with NaNs,
 * values exactly on thresholds and values on LightGBM's zero band.
 */
class LightGbmEquivalenceTest {
  static final int ROWS = 6000;
  static final String COMMON =
      " learning_rate=0.1 min_data_in_leaf=10 seed=42 deterministic=true force_row_wise=true"
          + " num_threads=1 verbose=-1";

  static NativeModels.LightGbm binary;
  static NativeModels.LightGbm categoricalZeroAsMissing;
  static NativeModels.LightGbm ranker;

  @BeforeAll
  static void train() throws LGBMException {
    double[] x = NativeModels.trainingMatrix(11, NativeModels.TRAIN_ROWS, false);
    float[] y = NativeModels.binaryLabels(x, NativeModels.TRAIN_ROWS, 12);
    binary =
        NativeModels.trainLightGbm(
            "max_bin=63", "objective=binary num_leaves=15" + COMMON, x, y, null, 50);

    double[] xz = NativeModels.trainingMatrix(21, NativeModels.TRAIN_ROWS, true);
    float[] yz = NativeModels.binaryLabels(xz, NativeModels.TRAIN_ROWS, 22);
    categoricalZeroAsMissing =
        NativeModels.trainLightGbm(
            "max_bin=63 categorical_feature=" + NativeModels.CATEGORICAL + " zero_as_missing=true",
            "objective=binary num_leaves=15 min_data_per_group=10 cat_smooth=1 zero_as_missing=true"
                + " categorical_feature="
                + NativeModels.CATEGORICAL
                + COMMON,
            xz,
            yz,
            null,
            40);

    double[] xr = NativeModels.trainingMatrix(31, NativeModels.TRAIN_ROWS, false);
    float[] relevance = NativeModels.binaryLabels(xr, NativeModels.TRAIN_ROWS, 32);
    float[] graded = new float[relevance.length];
    for (int i = 0; i < graded.length; i++) {
      double v = xr[i * FEATURES];
      graded[i] = relevance[i] + (!Double.isNaN(v) && v > 1 ? 2 : 0);
    }
    int[] groups = new int[NativeModels.TRAIN_ROWS / 20];
    java.util.Arrays.fill(groups, 20);
    ranker =
        NativeModels.trainLightGbm(
            "max_bin=63", "objective=lambdarank num_leaves=15" + COMMON, xr, graded, groups, 30);
  }

  @AfterAll
  static void close() throws LGBMException {
    for (NativeModels.LightGbm model : List.of(binary, categoricalZeroAsMissing, ranker)) {
      model.close();
    }
  }

  @Test
  void binaryModelScoresAreBitIdenticalToLightGbm() throws LGBMException {
    TreeEnsemble ensemble = LightGbmModelParser.parse(binary.text());
    assertThat(ensemble.numTrees()).isEqualTo(50);
    assertThat(ensemble.featureNames()).isEqualTo(NativeModels.names(FEATURES));
    assertThat(ensemble.objective()).isEqualTo("binary sigmoid:1");
    double[] rows = rowsFor(binary.text(), 101);
    assertBitIdentical(ensemble, rows, binary.raw(rows, ROWS), "reloaded booster");
    assertBitIdentical(ensemble, rows, binary.rawTrained(rows, ROWS), "trained booster");
    for (int r = 0; r < 300; r++) {
      double[] x = row(rows, FEATURES, r);
      double single =
          binary.reloaded().predictForMatSingleRow(x, PredictionType.C_API_PREDICT_RAW_SCORE);
      assertThat(ensemble.rawScore(x)).as("single-row predict, row %d", r).isEqualTo(single);
    }
  }

  @Test
  void binaryProbabilitiesFollowTheSigmoid() throws LGBMException {
    TreeEnsemble ensemble = LightGbmModelParser.parse(binary.text());
    double[] rows = rowsFor(binary.text(), 102);
    double[] expected =
        binary
            .reloaded()
            .predictForMat(rows, ROWS, FEATURES, true, PredictionType.C_API_PREDICT_NORMAL);
    for (int r = 0; r < ROWS; r++) {
      double p = ensemble.probability(ensemble.rawScore(row(rows, FEATURES, r)));
      assertThat(p).isCloseTo(expected[r], within(1e-15));
    }
  }

  @Test
  void binaryModelShapMatchesLightGbmPredictContrib() throws LGBMException {
    assertShapMatches(binary, rowsFor(binary.text(), 103));
  }

  @Test
  void categoricalAndZeroAsMissingModelIsBitIdentical() throws LGBMException {
    String text = categoricalZeroAsMissing.text();
    assertThat(text).contains("num_cat=1");
    TreeEnsemble ensemble = LightGbmModelParser.parse(text);
    double[] rows = rowsFor(text, 104);
    assertBitIdentical(ensemble, rows, categoricalZeroAsMissing.raw(rows, ROWS), "categorical");
    assertShapMatches(categoricalZeroAsMissing, rows);
  }

  @Test
  void lambdarankModelIsBitIdentical() throws LGBMException {
    TreeEnsemble ensemble = LightGbmModelParser.parse(ranker.text());
    assertThat(ensemble.objective()).startsWith("lambdarank");
    double[] rows = rowsFor(ranker.text(), 105);
    assertBitIdentical(ensemble, rows, ranker.raw(rows, ROWS), "lambdarank");
    assertShapMatches(ranker, rows);
  }

  @Test
  void handWrittenTreesWithEveryDecisionTypeAndZeroBandThresholdsAreBitIdentical()
      throws LGBMException {
    int features = 8;
    for (long seed = 1; seed <= 6; seed++) {
      RandomLightGbmText.Model model = RandomLightGbmText.generate(seed, features, 25, 24);
      try (NativeModels.LightGbm lgbm = NativeModels.loadLightGbm(model.text(), features)) {
        TreeEnsemble ensemble = LightGbmModelParser.parse(model.text());
        int n = 2000;
        double[] rows = NativeModels.rows(seed * 7919, n, features, model.thresholds());
        double[] expected = lgbm.raw(rows, n);
        List<String> mismatches = new ArrayList<>();
        for (int r = 0; r < n; r++) {
          double[] x = row(rows, features, r);
          double ours = ensemble.rawScore(x);
          if (Double.doubleToRawLongBits(ours) != Double.doubleToRawLongBits(expected[r])) {
            mismatches.add("seed " + seed + " row " + r + " " + ours + " vs " + expected[r]);
          }
        }
        assertThat(mismatches).isEmpty();
        assertShapMatches(lgbm, rows, n, features);
      }
    }
  }

  private static double[] rowsFor(String text, long seed) {
    List<TreeSet<Double>> thresholds = NativeModels.lightGbmThresholds(text, FEATURES);
    return NativeModels.rows(seed, ROWS, FEATURES, thresholds);
  }

  private static void assertBitIdentical(
      TreeEnsemble ensemble, double[] rows, double[] expected, String what) {
    List<String> mismatches = new ArrayList<>();
    for (int r = 0; r < expected.length; r++) {
      double ours = ensemble.rawScore(row(rows, FEATURES, r));
      if (Double.doubleToRawLongBits(ours) != Double.doubleToRawLongBits(expected[r])) {
        mismatches.add("row " + r + ": " + ours + " vs " + expected[r]);
      }
    }
    assertThat(mismatches).as(what).isEmpty();
    assertThat(expected).hasSize(ROWS);
  }

  private static void assertShapMatches(NativeModels.LightGbm model, double[] rows)
      throws LGBMException {
    assertShapMatches(model, rows, ROWS, FEATURES);
  }

  /**
   * lightgbm4j's contributions come row by row, {@code features + 1} values each: one per feature
   * in input order, the expected value last.
   */
  static void assertShapMatches(NativeModels.LightGbm model, double[] rows, int n, int features)
      throws LGBMException {
    TreeEnsemble ensemble = LightGbmModelParser.parse(model.text());
    FastTreeShap fast = new FastTreeShap(ensemble);
    double[] expected = model.contributions(rows, n);
    assertThat(expected).hasSize(n * (features + 1));
    double worst = 0;
    for (int r = 0; r < n; r++) {
      double[] x = row(rows, features, r);
      double[] ours = fast.contributions(x);
      double[] naive = NaiveTreeShap.contributions(ensemble, x);
      double sum = 0;
      for (int i = 0; i <= features; i++) {
        double native_ = expected[r * (features + 1) + i];
        assertThat(ours[i]).as("row %d feature %d fast", r, i).isCloseTo(native_, within(1e-6));
        assertThat(naive[i]).as("row %d feature %d naive", r, i).isCloseTo(native_, within(1e-6));
        worst = Math.max(worst, Math.abs(ours[i] - native_));
        sum += ours[i];
      }
      assertThat(sum)
          .as("row %d: contributions + bias", r)
          .isCloseTo(ensemble.rawScore(x), within(1e-9));
    }
    System.out.println("largest |fast TreeSHAP - LightGBM| = " + worst);
  }
}
