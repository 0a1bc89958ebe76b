package io.alertscoring.core.model.trees;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads XGBoost's JSON model format ({@code Booster.saveModel("model.json")}, {@code
 * toByteArray("json")}) for single-output {@code gbtree} boosters with numerical splits.
 *
 * <p>XGBoost keeps thresholds, leaf values and covers as {@code float}; numbers are read from their
 * decimal text straight to {@code float} (never through {@code double}, which could round twice).
 * The base margin is {@code base_score} taken to margin space in {@code float} the way the
 * objective does ({@code -log(1/b - 1)} for logistic objectives).
 */
public final class XGBoostJsonParser {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private XGBoostJsonParser() {}

  /**
   * Parses an XGBoost JSON model.
   *
   * @throws IllegalArgumentException naming what cannot be used
   */
  public static TreeEnsemble parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an XGBoost JSON model: " + e.getMessage(), e);
    }
    JsonNode learner = root.path("learner");
    if (learner.isMissingNode()) {
      throw new IllegalArgumentException("not an XGBoost JSON model: no 'learner' object");
    }
    JsonNode params = learner.path("learner_model_param");
    int numFeatures = intText(params.path("num_feature"), "learner_model_param.num_feature");
    int numClass = params.has("num_class") ? intText(params.get("num_class"), "num_class") : 0;
    int numTarget = params.has("num_target") ? intText(params.get("num_target"), "num_target") : 1;
    if (numClass > 1 || numTarget > 1) {
      throw new IllegalArgumentException(
          "multi-output XGBoost models are not supported (num_class="
              + numClass
              + ", num_target="
              + numTarget
              + ")");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode name : learner.path("feature_names")) {
      names.add(name.asText());
    }
    if (names.isEmpty()) {
      for (int i = 0; i < numFeatures; i++) {
        names.add("f" + i);
      }
    } else if (names.size() != numFeatures) {
      throw new IllegalArgumentException(
          "XGBoost model lists "
              + names.size()
              + " feature names but num_feature is "
              + numFeatures);
    }
    JsonNode booster = learner.path("gradient_booster");
    String boosterName = booster.path("name").asText();
    if (!boosterName.equals("gbtree")) {
      throw new IllegalArgumentException(
          "XGBoost booster '" + boosterName + "' is not supported (only gbtree)");
    }
    String objective = learner.path("objective").path("name").asText();
    float baseScore = floatValue(params.path("base_score"), "base_score");
    boolean named = learner.path("feature_names").size() > 0;
    TreeEnsemble.Builder builder =
        new TreeEnsemble.Builder(TreeEnsemble.Library.XGBOOST, names).namedFeatures(named);
    switch (objective) {
      case "binary:logistic", "reg:logistic" -> {
        builder.objective(objective, TreeEnsemble.OutputTransform.SIGMOID, 1.0);
        builder.baseMargin(logit(baseScore));
      }
      case "binary:logitraw" -> {
        builder.objective(objective, TreeEnsemble.OutputTransform.NONE, 1.0);
        builder.baseMargin(logit(baseScore));
      }
      case "reg:squarederror",
          "reg:pseudohubererror",
          "reg:absoluteerror",
          "rank:pairwise",
          "rank:ndcg",
          "rank:map" -> {
        builder.objective(objective, TreeEnsemble.OutputTransform.NONE, 1.0);
        builder.baseMargin(baseScore);
      }
      default ->
          throw new IllegalArgumentException(
              "XGBoost objective '" + objective + "' is not supported");
    }
    JsonNode trees = booster.path("model").path("trees");
    if (!trees.isArray() || trees.isEmpty()) {
      throw new IllegalArgumentException("XGBoost model has no trees");
    }
    int index = 0;
    for (JsonNode tree : trees) {
      addTree(builder, tree, "tree " + index, numFeatures);
      index++;
    }
    return builder.build();
  }

  /** {@code -log(1/b - 1)} in float, as XGBoost's logistic {@code ProbToMargin}. */
  private static float logit(float baseScore) {
    float odds = 1.0f / baseScore - 1.0f;
    return (float) -Math.log(odds);
  }

  private static void addTree(
      TreeEnsemble.Builder builder, JsonNode tree, String label, int numFeatures) {
    int[] leftChildren = intArray(tree, "left_children", label);
    int n = leftChildren.length;
    int[] rightChildren = intArray(tree, "right_children", label);
    int[] splitIndices = intArray(tree, "split_indices", label);
    float[] conditions = floatArray(tree, "split_conditions", label);
    int[] defaultLeft = intArray(tree, "default_left", label);
    float[] hessian = floatArray(tree, "sum_hessian", label);
    if (rightChildren.length != n
        || splitIndices.length != n
        || conditions.length != n
        || defaultLeft.length != n
        || hessian.length != n) {
      throw new IllegalArgumentException(label + ": node arrays differ in length");
    }
    if (tree.has("split_type")) {
      for (JsonNode type : tree.get("split_type")) {
        if (type.asInt() != 0) {
          throw new IllegalArgumentException(label + ": categorical splits are not supported");
        }
      }
    }
    // XGBoost node ids -> internal index (>= 0) or leaf index (stored as ~leaf).
    int[] ref = new int[n];
    int internal = 0;
    int leaves = 0;
    for (int id = 0; id < n; id++) {
      boolean leaf = leftChildren[id] == -1;
      ref[id] = leaf ? ~(leaves++) : internal++;
    }
    if (n == 0 || ref[0] < 0 && n > 1) {
      throw new IllegalArgumentException(label + ": root is not node 0");
    }
    int[] word = new int[internal];
    double[] threshold = new double[internal];
    int[] left = new int[internal];
    int[] right = new int[internal];
    double[] cover = new double[internal];
    double[] leafValue = new double[leaves];
    double[] leafCover = new double[leaves];
    for (int id = 0; id < n; id++) {
      int r = ref[id];
      if (r < 0) {
        leafValue[~r] = conditions[id];
        leafCover[~r] = hessian[id];
        continue;
      }
      int feature = splitIndices[id];
      if (feature < 0 || feature >= numFeatures) {
        throw new IllegalArgumentException(
            label + ": split on feature " + feature + " of " + numFeatures);
      }
      int l = leftChildren[id];
      int rr = rightChildren[id];
      if (l <= 0 || l >= n || rr <= 0 || rr >= n) {
        throw new IllegalArgumentException(label + ": node " + id + " has bad children");
      }
      word[r] = feature | (defaultLeft[id] != 0 ? 0 : TreeEnsemble.NAN_RIGHT_BIT);
      threshold[r] = belowFloat(conditions[id]);
      left[r] = ref[l];
      right[r] = ref[rr];
      cover[r] = hessian[id];
    }
    double expected = expectedValue(0, leftChildren, rightChildren, conditions, hessian);
    try {
      builder.addTree(
          word, threshold, new byte[internal], left, right, cover, leafValue, leafCover, expected);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
    }
  }

  /**
   * The largest double {@code B} such that {@code x <= B} exactly when {@code (float) x <
   * condition}: XGBoost rounds the feature to float and goes left on {@code fvalue <
   * split_condition}.
   */
  static double belowFloat(float condition) {
    float below = Math.nextDown(condition); // (float) x < condition  <=>  (float) x <= below
    double mid = ((double) below + (double) Math.nextUp(below)) / 2.0;
    // Round-to-nearest-even sends the midpoint to `below` only when `below` is the even one.
    return (float) mid == below ? mid : Math.nextDown(mid);
  }

  /** Mean leaf value weighted by cover, as the path-dependent TreeSHAP bias expects. */
  private static double expectedValue(
      int id, int[] left, int[] right, float[] conditions, float[] cover) {
    if (left[id] == -1) {
      return conditions[id];
    }
    double c = cover[id];
    return cover[left[id]] / c * expectedValue(left[id], left, right, conditions, cover)
        + cover[right[id]] / c * expectedValue(right[id], left, right, conditions, cover);
  }

  private static int intText(JsonNode node, String what) {
    if (node.isMissingNode() || node.isNull()) {
      throw new IllegalArgumentException("XGBoost model has no " + what);
    }
    try {
      return Integer.parseInt(node.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad " + what + ": " + node.asText(), e);
    }
  }

  private static float floatValue(JsonNode node, String what) {
    if (node.isMissingNode() || node.isNull()) {
      throw new IllegalArgumentException("XGBoost model has no " + what);
    }
    String text = node.isBigDecimal() ? node.decimalValue().toString() : node.asText().trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad " + what + ": " + text, e);
    }
  }

  private static int[] intArray(JsonNode tree, String key, String label) {
    JsonNode array = tree.path(key);
    if (!array.isArray()) {
      throw new IllegalArgumentException(label + " has no " + key + " array");
    }
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = array.get(i);
      out[i] = v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asInt();
    }
    return out;
  }

  private static float[] floatArray(JsonNode tree, String key, String label) {
    JsonNode array = tree.path(key);
    if (!array.isArray()) {
      throw new IllegalArgumentException(label + " has no " + key + " array");
    }
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = floatValue(array.get(i), label + "." + key);
    }
    return out;
  }
}
