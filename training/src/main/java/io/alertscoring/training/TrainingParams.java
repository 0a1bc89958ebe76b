package io.alertscoring.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * LightGBM parameters of one model. Single-threaded, deterministic, fixed seeds: a retrain on the
 * same data writes the same model file byte for byte, at the cost of training time.
 */
public record TrainingParams(
    String objective,
    String metric,
    int maxRounds,
    int earlyStoppingRounds,
    double learningRate,
    int numLeaves,
    int minDataInLeaf,
    double featureFraction,
    double baggingFraction,
    double lambdaL2,
    int seed) {

  public static TrainingParams binary(int seed) {
    return new TrainingParams("binary", "auc", 400, 40, 0.05, 31, 20, 0.8, 0.8, 1.0, seed);
  }

  /**
   * The live alert scorer: {@link #binary} with 15 leaves per tree instead of 31 and a learning
   * rate of 0.1 instead of 0.05, so early stopping ends it at about 200 trees. Its explanation
   * (TreeSHAP over every tree, for every alert on arrival) then costs a fraction of the final
   * scorer's: the live path has to explain 1,000 alerts/s beside everything else on two cores. With
   * 15 leaves at 0.05 the 400 rounds ran out before early stopping; 31 leaves at 0.1 gained 0.007
   * validation AUC-ROC at 3.6 times the explanation cost.
   */
  public static TrainingParams live(int seed) {
    return new TrainingParams("binary", "auc", 400, 40, 0.1, 15, 20, 0.8, 0.8, 1.0, seed);
  }

  /**
   * The final alert scorer: the live scorer's shape (15 leaves, learning rate 0.1). Its exact
   * explanation runs for every alert of every batch; with {@link #binary}'s 31 leaves at 0.05 the
   * model used all 400 rounds (12,369 leaves) and explained at about 384 us per alert. Chosen by
   * {@code train --tune}: the smallest of the searched models within the stated AUC-PR tolerance of
   * the best (docs/models.md).
   */
  public static TrainingParams scorer(int seed) {
    return new TrainingParams("binary", "auc", 400, 40, 0.1, 15, 20, 0.8, 0.8, 1.0, seed);
  }

  public static TrainingParams lambdarank(int seed) {
    return new TrainingParams("lambdarank", "ndcg", 400, 40, 0.05, 31, 20, 0.8, 0.8, 1.0, seed);
  }

  /** The parameters in LightGBM's {@code key=value} form, in a fixed order. */
  public Map<String, String> asMap() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("objective", objective);
    p.put("metric", metric);
    if (objective.equals("lambdarank")) {
      p.put("eval_at", "10");
      p.put("label_gain", "0,1");
    }
    p.put("learning_rate", Double.toString(learningRate));
    p.put("num_leaves", Integer.toString(numLeaves));
    p.put("min_data_in_leaf", Integer.toString(minDataInLeaf));
    p.put("feature_fraction", Double.toString(featureFraction));
    p.put("bagging_fraction", Double.toString(baggingFraction));
    p.put("bagging_freq", "1");
    p.put("lambda_l2", Double.toString(lambdaL2));
    p.put("seed", Integer.toString(seed));
    p.put("deterministic", "true");
    p.put("num_threads", "1");
    p.put("force_row_wise", "true");
    p.put("feature_pre_filter", "false");
    p.put("verbosity", "-1");
    return p;
  }

  public String asLightGbmString() {
    return asMap().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
