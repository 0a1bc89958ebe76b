package io.alertscoring.core.model.trees;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Small models trained by the native libraries inside the tests (fixed seeds, one thread), and the
 * random rows they are compared on.
 */
final class NativeModels {
  static {
    isolateNativeLibraries();
  }

  static final int FEATURES = 20;
  static final int TRAIN_ROWS = 2000;
  static final int CATEGORICAL = 19;

  private NativeModels() {}

  /**
   * lightgbm4j extracts its native libraries to the fixed paths {@code
   * ${java.io.tmpdir}/lib_lightgbm*.so}, so a JVM starting elsewhere on the machine rewrites the
   * files this one has mapped and crashes it (SIGBUS). Load them from a directory of our own.
   */
  private static void isolateNativeLibraries() {
    // before anything touches LGBMBooster, whose static initializer loads the libraries
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("scoring-core-lightgbm-");
      System.setProperty("java.io.tmpdir", dir.toString());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    java.io.File[] files = dir.toFile().listFiles();
                    for (java.io.File f : files == null ? new java.io.File[0] : files) {
                      f.delete();
                    }
                    dir.toFile().delete();
                  }));
      LGBMBooster.loadNative();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> names(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(String.format("f%02d", i));
    }
    return names;
  }

  /** Training data: 20 features, 10% NaN, one integer-coded categorical column, some zeros. */
  static double[] trainingMatrix(long seed, int rows, boolean manyZeros) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[rows * FEATURES];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < FEATURES; f++) {
        double v;
        if (f == CATEGORICAL) {
          v = random.nextInt(12);
        } else if (manyZeros && f % 3 == 0 && random.nextDouble() < 0.3) {
          v = 0.0;
        } else {
          v = gaussian(random) * (1 + f % 4);
        }
        if (random.nextDouble() < 0.1) {
          v = Double.NaN;
        }
        x[r * FEATURES + f] = v;
      }
    }
    return x;
  }

  static float[] binaryLabels(double[] x, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int f = 0; f < FEATURES; f++) {
        double v = x[r * FEATURES + f];
        if (Double.isNaN(v)) {
          s += f % 2 == 0 ? 0.3 : -0.2;
          continue;
        }
        if (f == CATEGORICAL) {
          s += (((int) v) % 3 == 0) ? 0.8 : -0.3;
        } else if (f < 6) {
          s += (f % 2 == 0 ? 1 : -1) * v / (1 + f % 4);
        } else if (f < 10) {
          s += v > 0.5 ? 0.4 : -0.1;
        } else {
          s += 0.05 * v * v;
        }
      }
      y[r] = s + gaussian(random) > 0.5 ? 1f : 0f;
    }
    return y;
  }

  /** A trained LightGBM model: its text and the in-memory booster that trained it. */
  record LightGbm(String text, LGBMBooster trained, LGBMBooster reloaded, int features)
      implements AutoCloseable {
    double[] raw(double[] rows, int n) throws LGBMException {
      return reloaded.predictForMat(
          rows, n, features, true, PredictionType.C_API_PREDICT_RAW_SCORE);
    }

    double[] rawTrained(double[] rows, int n) throws LGBMException {
      return trained.predictForMat(rows, n, features, true, PredictionType.C_API_PREDICT_RAW_SCORE);
    }

    double[] contributions(double[] rows, int n) throws LGBMException {
      return reloaded.predictForMat(rows, n, features, true, PredictionType.C_API_PREDICT_CONTRIB);
    }

    @Override
    public void close() throws LGBMException {
      if (trained != null) {
        trained.close();
      }
      reloaded.close();
    }
  }

  static LightGbm trainLightGbm(
      String datasetParams, String params, double[] x, float[] labels, int[] groups, int rounds)
      throws LGBMException {
    int rows = labels.length;
    try (LGBMDataset data =
        LGBMDataset.createFromMat(x, rows, FEATURES, true, datasetParams, null)) {
      data.setFeatureNames(names(FEATURES).toArray(String[]::new));
      data.setField("label", labels);
      if (groups != null) {
        data.setField("group", groups);
      }
      LGBMBooster booster = LGBMBooster.create(data, params);
      for (int i = 0; i < rounds; i++) {
        booster.updateOneIter();
      }
      String text = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
      return new LightGbm(text, booster, LGBMBooster.loadModelFromString(text), FEATURES);
    }
  }

  static LightGbm loadLightGbm(String text, int features) throws LGBMException {
    return new LightGbm(text, null, LGBMBooster.loadModelFromString(text), features);
  }

  /** A trained XGBoost booster and its JSON model. */
  record Xgb(String json, Booster booster) {
    float[][] margins(double[] rows, int n) throws XGBoostError {
      return booster.predict(matrix(rows, n), true);
    }

    float[][] contributions(double[] rows, int n) throws XGBoostError {
      return booster.predictContrib(matrix(rows, n), 0);
    }
  }

  static DMatrix matrix(double[] rows, int n) throws XGBoostError {
    float[] f = new float[rows.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) rows[i];
    }
    return new DMatrix(f, n, rows.length / n, Float.NaN);
  }

  static Xgb trainXgb(double[] x, float[] labels, int rounds, boolean withNames)
      throws XGBoostError {
    DMatrix train = matrix(x, labels.length);
    train.setLabel(labels);
    if (withNames) {
      train.setFeatureNames(names(FEATURES).toArray(String[]::new));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "binary:logistic");
    params.put("max_depth", 5);
    params.put("eta", 0.2);
    params.put("seed", 7);
    params.put("nthread", 1);
    params.put("tree_method", "hist");
    params.put("min_child_weight", 1);
    Booster booster = XGBoost.train(train, params, rounds, new HashMap<>(), null, null);
    String json = new String(booster.toByteArray("json"), StandardCharsets.UTF_8);
    return new Xgb(json, booster);
  }

  /** The thresholds of a LightGBM model text, by feature. */
  static List<TreeSet<Double>> lightGbmThresholds(String text, int features) {
    List<TreeSet<Double>> out = new ArrayList<>();
    for (int i = 0; i < features; i++) {
      out.add(new TreeSet<>());
    }
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("split_feature=") && lines[i].length() > "split_feature=".length()) {
        String[] feats = lines[i].substring("split_feature=".length()).trim().split(" ");
        String thresholdLine = null;
        String decisionLine = null;
        for (int j = i + 1; j < Math.min(lines.length, i + 6); j++) {
          if (lines[j].startsWith("threshold=")) {
            thresholdLine = lines[j].substring("threshold=".length());
          }
          if (lines[j].startsWith("decision_type=")) {
            decisionLine = lines[j].substring("decision_type=".length());
          }
        }
        String[] ts = thresholdLine.trim().split(" ");
        String[] ds = decisionLine.trim().split(" ");
        for (int k = 0; k < feats.length; k++) {
          if ((Integer.parseInt(ds[k]) & 1) == 0) {
            out.get(Integer.parseInt(feats[k])).add(LightGbmModelParser.parseNumber(ts[k]));
          }
        }
      }
    }
    return out;
  }

  /** Values chosen to sit on LightGBM's zero band and other edges. */
  static final double[] EDGE_VALUES = {
    0.0,
    -0.0,
    TreeEnsemble.K_ZERO_THRESHOLD,
    -TreeEnsemble.K_ZERO_THRESHOLD,
    Math.nextUp(TreeEnsemble.K_ZERO_THRESHOLD),
    Math.nextDown(-TreeEnsemble.K_ZERO_THRESHOLD),
    Math.nextDown(TreeEnsemble.K_ZERO_THRESHOLD),
    1e-36,
    -1e-36,
    1e-300,
    -5e-324,
    1e-20,
    -1e-20,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    1e300,
    -1e300,
    Double.NaN,
  };

  /**
   * Random rows: Gaussian values, about 10% NaN, many values exactly on (or one ulp beside) a
   * threshold of that feature, some edge values, and integer categories in the categorical column.
   */
  static double[] rows(long seed, int n, int features, List<TreeSet<Double>> thresholds) {
    List<double[]> byFeature = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      byFeature.add(
          thresholds == null
              ? new double[0]
              : thresholds.get(f).stream().mapToDouble(Double::doubleValue).toArray());
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[n * features];
    for (int r = 0; r < n; r++) {
      for (int f = 0; f < features; f++) {
        double u = random.nextDouble();
        double v;
        double[] ts = byFeature.get(f);
        if (u < 0.1) {
          v = Double.NaN;
        } else if (u < 0.4 && ts.length > 0) {
          double t = ts[random.nextInt(ts.length)];
          double w = random.nextDouble();
          v = w < 0.6 ? t : (w < 0.8 ? Math.nextUp(t) : Math.nextDown(t));
        } else if (u < 0.47) {
          v = EDGE_VALUES[random.nextInt(EDGE_VALUES.length)];
        } else if (f == CATEGORICAL && features == FEATURES) {
          v = random.nextInt(16) - (random.nextDouble() < 0.05 ? 20 : 0) + (u < 0.6 ? 0.5 : 0);
        } else {
          v = gaussian(random) * (1 + f % 4);
        }
        x[r * features + f] = v;
      }
    }
    return x;
  }

  static double[] row(double[] rows, int features, int r) {
    double[] out = new double[features];
    System.arraycopy(rows, r * features, out, 0, features);
    return out;
  }

  static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
