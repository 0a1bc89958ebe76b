package io.alertscoring.benchmarks;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.alertscoring.core.model.trees.FastTreeShap;
import io.alertscoring.core.model.trees.LightGbmModelParser;
import io.alertscoring.core.model.trees.TreeEnsemble;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The benchmarked model and rows: a LightGBM binary model (100 trees, 31 leaves, 100 features)
 * trained with fixed seeds on synthetic data with 10% missing values, the same model in the
 * pure-Java evaluator, and native single-row prediction handles. Not thread-safe (the native fast
 * configs hold one output buffer each); one instance per benchmark thread.
 */
public final class BenchmarkModel implements AutoCloseable {
  public static final int FEATURES = 100;
  public static final int TREES = 100;
  public static final int LEAVES = 31;
  public static final int TRAIN_ROWS = 10000;
  public static final int ROWS = 1024;

  public final String modelText;
  public final TreeEnsemble ensemble;
  public final FastTreeShap fastShap;

  /** {@code ROWS} rows of {@code FEATURES} values each, drawn like the training data. */
  public final double[][] rows;

  private final LGBMBooster booster;
  private final SWIGTYPE_p_int iterations;
  private final SWIGTYPE_p_p_void handleBox;
  private final SWIGTYPE_p_void handle;
  private final SWIGTYPE_p_p_void rawConfigBox;
  private final SWIGTYPE_p_void rawConfig;
  private final SWIGTYPE_p_p_void contribConfigBox;
  private final SWIGTYPE_p_void contribConfig;
  private final SWIGTYPE_p_long_long outLength;
  private final SWIGTYPE_p_double rawOut;
  private final SWIGTYPE_p_double contribOut;

  public BenchmarkModel() throws LGBMException, IOException {
    isolateNativeLibraries();
    LGBMBooster.loadNative();
    double[] train = matrix(new SplittableRandom(2024), TRAIN_ROWS);
    float[] labels = labels(train, new SplittableRandom(2025));
    String params =
        "objective=binary num_leaves="
            + LEAVES
            + " learning_rate=0.1 min_data_in_leaf=5 max_bin=255 seed=7 deterministic=true"
            + " force_row_wise=true num_threads=1 verbose=-1";
    try (LGBMDataset data =
            LGBMDataset.createFromMat(train, TRAIN_ROWS, FEATURES, true, "max_bin=255", null);
        LGBMBooster trainer = trainOn(data, labels, params)) {
      modelText = trainer.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
    }
    ensemble = LightGbmModelParser.parse(modelText);
    fastShap = new FastTreeShap(ensemble);
    double[] flat = matrix(new SplittableRandom(2026), ROWS);
    rows = new double[ROWS][];
    for (int r = 0; r < ROWS; r++) {
      rows[r] = new double[FEATURES];
      System.arraycopy(flat, r * FEATURES, rows[r], 0, FEATURES);
    }

    // (b) lightgbm4j's public single-row API on a booster loaded from the same text
    booster = LGBMBooster.loadModelFromString(modelText);

    // (b') the C API's fastest single-row path, reached through lightgbm4j's SWIG bindings
    handleBox = lightgbmlib.new_voidpp();
    iterations = lightgbmlib.new_intp();
    check(lightgbmlib.LGBM_BoosterLoadModelFromString(modelText, iterations, handleBox));
    handle = lightgbmlib.voidpp_value(handleBox);
    rawConfigBox = lightgbmlib.new_voidpp();
    check(
        lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit(
            handle,
            lightgbmlibConstants.C_API_PREDICT_RAW_SCORE,
            0,
            -1,
            lightgbmlibConstants.C_API_DTYPE_FLOAT64,
            FEATURES,
            "num_threads=1",
            rawConfigBox));
    rawConfig = lightgbmlib.voidpp_value(rawConfigBox);
    contribConfigBox = lightgbmlib.new_voidpp();
    check(
        lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit(
            handle,
            lightgbmlibConstants.C_API_PREDICT_CONTRIB,
            0,
            -1,
            lightgbmlibConstants.C_API_DTYPE_FLOAT64,
            FEATURES,
            "num_threads=1",
            contribConfigBox));
    contribConfig = lightgbmlib.voidpp_value(contribConfigBox);
    outLength = lightgbmlib.new_int64_tp();
    rawOut = lightgbmlib.new_doubleArray(1);
    contribOut = lightgbmlib.new_doubleArray(FEATURES + 1);
  }

  /**
   * lightgbm4j extracts its native libraries to the fixed paths {@code
   * ${java.io.tmpdir}/lib_lightgbm*.so}; another JVM starting meanwhile rewrites the files this one
   * has mapped, which crashes it (SIGBUS/SIGSEGV). Give this JVM its own directory before
   * lightgbm4j loads anything.
   */
  private static synchronized void isolateNativeLibraries() throws IOException {
    // must run before anything touches LGBMBooster, whose static initializer loads the libraries
    if (Boolean.getBoolean("alertscoring.nativeIsolated")) {
      return;
    }
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("alertscoring-lightgbm-");
    System.setProperty("java.io.tmpdir", dir.toString());
    System.setProperty("alertscoring.nativeIsolated", "true");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (var files = java.nio.file.Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                  } catch (IOException ignored) {
                    // best effort
                  }
                  dir.toFile().delete();
                }));
  }

  private static LGBMBooster trainOn(LGBMDataset data, float[] labels, String params)
      throws LGBMException {
    data.setField("label", labels);
    LGBMBooster trainer = LGBMBooster.create(data, params);
    for (int i = 0; i < TREES; i++) {
      trainer.updateOneIter();
    }
    return trainer;
  }

  /** lightgbm4j's {@code predictForMatSingleRow}: copies the row element by element over JNI. */
  public double lightGbm4jSingleRow(double[] x) throws LGBMException {
    return booster.predictForMatSingleRow(
        x, com.microsoft.ml.lightgbm.PredictionType.C_API_PREDICT_RAW_SCORE);
  }

  /**
   * {@code LGBM_BoosterPredictForMatSingleRowFast} with a prepared FastConfig, the row passed as a
   * pinned Java array (the "critical" SWIG variant): the fastest single-row path the C API offers.
   */
  public double lightGbmFastSingleRow(double[] x) {
    lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(x, rawConfig, outLength, rawOut);
    return lightgbmlib.doubleArray_getitem(rawOut, 0);
  }

  /** SHAP values of one row through the same fast path, copied back into a Java array. */
  public double[] lightGbmFastContributions(double[] x) {
    lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(
        x, contribConfig, outLength, contribOut);
    double[] out = new double[FEATURES + 1];
    for (int i = 0; i <= FEATURES; i++) {
      out[i] = lightgbmlib.doubleArray_getitem(contribOut, i);
    }
    return out;
  }

  @Override
  public void close() throws LGBMException {
    lightgbmlib.LGBM_FastConfigFree(rawConfig);
    lightgbmlib.LGBM_FastConfigFree(contribConfig);
    lightgbmlib.LGBM_BoosterFree(handle);
    lightgbmlib.delete_voidpp(handleBox);
    lightgbmlib.delete_intp(iterations);
    lightgbmlib.delete_voidpp(rawConfigBox);
    lightgbmlib.delete_voidpp(contribConfigBox);
    lightgbmlib.delete_int64_tp(outLength);
    lightgbmlib.delete_doubleArray(rawOut);
    lightgbmlib.delete_doubleArray(contribOut);
    booster.close();
  }

  private static void check(int status) throws LGBMException {
    if (status != 0) {
      throw new LGBMException(lightgbmlib.LGBM_GetLastError());
    }
  }

  static double[] matrix(SplittableRandom random, int n) {
    double[] x = new double[n * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble() < 0.1 ? Double.NaN : gaussian(random) * (1 + (i % FEATURES) % 5);
    }
    return x;
  }

  /** Labels from a noisy non-linear score, cut at its median so the classes are balanced. */
  static float[] labels(double[] x, SplittableRandom random) {
    int n = x.length / FEATURES;
    double[] score = new double[n];
    for (int r = 0; r < n; r++) {
      double s = 0;
      for (int f = 0; f < FEATURES; f++) {
        double v = x[r * FEATURES + f];
        double scale = 1 + f % 5;
        if (Double.isNaN(v)) {
          s += f % 2 == 0 ? 0.1 : -0.1;
        } else if (f < 20) {
          s += (f % 2 == 0 ? 0.4 : -0.3) * v / scale;
        } else if (f < 40) {
          s += v > 0.5 * scale ? 0.3 : -0.1;
        } else {
          s += 0.05 * (v * v / (scale * scale) - 1);
        }
      }
      score[r] = s + gaussian(random);
    }
    double[] sorted = score.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[n / 2];
    float[] y = new float[n];
    for (int r = 0; r < n; r++) {
      y[r] = score[r] > median ? 1f : 0f;
    }
    return y;
  }

  static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
