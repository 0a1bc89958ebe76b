package io.alertscoring.training;

import io.alertscoring.core.model.trees.TreeEnsemble;
import io.alertscoring.core.model.trees.XGBoostJsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The second trainer ({@code train --library xgboost}): XGBoost 2.1 through xgboost4j, the same
 * {@link TrainingParams} mapped onto XGBoost's names (leaf-wise growth with {@code max_leaves} =
 * LightGBM's {@code num_leaves}, so the two grow comparable trees), single-threaded and seeded,
 * early stopping on validation AUC-ROC as LightGBM's. Its model is the JSON format the job's loader
 * reads ({@code library: xgboost}), and every score the pipeline reports comes from the pure-Java
 * evaluator ({@link XGBoostJsonParser}), not from the native library.
 */
public final class XGBoostTrainer {
  public static final String LIBRARY = "xgboost";
  public static final String LIBRARY_VERSION = "2.1.4";
  public static final String MODEL_FILE = "model.json";

  private XGBoostTrainer() {}

  /** XGBoost's parameters for {@code params}, in a fixed order. */
  static Map<String, Object> parameters(TrainingParams params) {
    if (!params.objective().equals("binary")) {
      throw new IllegalArgumentException(
          "the xgboost trainer trains binary models only, not " + params.objective());
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("objective", "binary:logistic");
    p.put("eval_metric", "auc");
    p.put("tree_method", "hist");
    p.put("grow_policy", "lossguide");
    p.put("max_depth", 0);
    p.put("max_leaves", params.numLeaves());
    p.put("eta", params.learningRate());
    // LightGBM's min_data_in_leaf counts rows; XGBoost bounds the hessian sum, p (1 - p) per row
    p.put("min_child_weight", 1.0);
    p.put("subsample", params.baggingFraction());
    p.put("colsample_bytree", params.featureFraction());
    p.put("lambda", params.lambdaL2());
    p.put("seed", params.seed());
    p.put("nthread", 1);
    p.put("verbosity", 0);
    return p;
  }

  /**
   * Trains with early stopping: rounds until validation AUC-ROC has not improved for {@code
   * earlyStoppingRounds}, then the same seeded run again to the best round, so the model holds
   * exactly the trees that scored best (xgboost4j cannot slice a booster).
   */
  public static LightGbmTrainer.Trained train(
      TrainingParams params,
      List<String> featureNames,
      FeatureMatrix train,
      FeatureMatrix validation,
      IntConsumer progress)
      throws XGBoostError {
    Map<String, Object> p = new HashMap<>(parameters(params));
    DMatrix trainSet = matrix(train, featureNames);
    DMatrix validSet = matrix(validation, featureNames);
    Booster booster = XGBoost.train(trainSet, p, 0, new HashMap<>(), null, null);
    double best = Double.NEGATIVE_INFINITY;
    int bestIteration = 0;
    List<Double> history = new ArrayList<>();
    for (int iteration = 1; iteration <= params.maxRounds(); iteration++) {
      booster.update(trainSet, iteration - 1);
      String line = booster.evalSet(new DMatrix[] {validSet}, new String[] {"valid"}, iteration);
      double metric = Double.parseDouble(line.substring(line.lastIndexOf(':') + 1).trim());
      history.add(metric);
      if (metric > best) {
        best = metric;
        bestIteration = iteration;
      }
      progress.accept(iteration);
      if (iteration - bestIteration >= params.earlyStoppingRounds()) {
        break;
      }
    }
    booster.dispose();
    Booster kept = XGBoost.train(trainSet, p, bestIteration, new HashMap<>(), null, null);
    String json = new String(kept.toByteArray("json"), StandardCharsets.UTF_8);
    kept.dispose();
    trainSet.dispose();
    validSet.dispose();
    return new LightGbmTrainer.Trained(json, bestIteration, best, List.copyOf(history));
  }

  /** Raw margins by the pure-Java evaluator: the scores the job would compute. */
  public static double[] predictRaw(String json, FeatureMatrix data) {
    TreeEnsemble ensemble = XGBoostJsonParser.parse(json);
    double[] raw = new double[data.rows()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = ensemble.rawScore(data.row(i));
    }
    return raw;
  }

  /** Raw margins by xgboost4j itself, for the golden file. */
  public static double[] nativeRaw(String json, FeatureMatrix data) throws Exception {
    Booster booster = XGBoost.loadModel(json.getBytes(StandardCharsets.UTF_8));
    DMatrix m = matrix(data, List.of());
    float[][] margins = booster.predict(m, true);
    double[] raw = new double[margins.length];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = margins[i][0];
    }
    booster.dispose();
    m.dispose();
    return raw;
  }

  private static DMatrix matrix(FeatureMatrix data, List<String> featureNames) throws XGBoostError {
    float[] values = new float[data.values().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) data.values()[i];
    }
    DMatrix m = new DMatrix(values, data.rows(), data.columns(), Float.NaN);
    float[] labels = new float[data.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (float) data.labels()[i];
    }
    m.setLabel(labels);
    if (!featureNames.isEmpty()) {
      m.setFeatureNames(featureNames.toArray(String[]::new));
    }
    return m;
  }
}
