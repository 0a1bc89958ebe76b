package io.alertscoring.core.model.trees;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the text format LightGBM writes ({@code Booster.saveModelToString()}, {@code model.txt}): a
 * header ({@code version}, {@code num_class}, {@code max_feature_idx}, {@code objective}, {@code
 * feature_names}, optionally {@code average_output}), then {@code Tree=i} blocks up to {@code end
 * of trees}. Numbers are read with {@link Double#parseDouble}, which rounds correctly like
 * LightGBM's own parser, so thresholds and leaf values are the very doubles LightGBM holds in
 * memory. Multi-class models and linear trees are refused.
 */
public final class LightGbmModelParser {
  private static final int MISSING_NONE = 0;
  private static final int MISSING_ZERO = 1;
  private static final int MISSING_NAN = 2;

  private LightGbmModelParser() {}

  /**
   * Parses a LightGBM text model.
   *
   * @throws IllegalArgumentException naming the line or tree that cannot be used
   */
  public static TreeEnsemble parse(String text) {
    String[] lines = text.split("\r?\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    if (i >= lines.length || !lines[i].trim().equals("tree")) {
      throw new IllegalArgumentException(
          "not a LightGBM text model: it does not start with 'tree'");
    }
    i++;
    Map<String, String> header = new HashMap<>();
    boolean averageOutput = false;
    for (; i < lines.length && !lines[i].startsWith("Tree="); i++) {
      String line = lines[i].trim();
      if (line.equals("end of trees")) {
        break;
      }
      if (line.equals("average_output")) {
        averageOutput = true;
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        header.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    int numClass = intValue(header, "num_class", 1);
    int treesPerIteration = intValue(header, "num_tree_per_iteration", numClass);
    if (numClass != 1 || treesPerIteration != 1) {
      throw new IllegalArgumentException(
          "multi-class LightGBM models are not supported (num_class="
              + numClass
              + ", num_tree_per_iteration="
              + treesPerIteration
              + ")");
    }
    if (!header.containsKey("max_feature_idx")) {
      throw new IllegalArgumentException("LightGBM model has no max_feature_idx line");
    }
    int numFeatures = intValue(header, "max_feature_idx", -1) + 1;
    List<String> names;
    String namesLine = header.get("feature_names");
    if (namesLine == null || namesLine.isBlank()) {
      throw new IllegalArgumentException("LightGBM model has no feature_names line");
    }
    names = Arrays.asList(namesLine.trim().split(" "));
    if (names.size() != numFeatures) {
      throw new IllegalArgumentException(
          "LightGBM model lists "
              + names.size()
              + " feature names but max_feature_idx says "
              + numFeatures
              + " features");
    }
    String objective = header.getOrDefault("objective", "").trim();
    TreeEnsemble.Builder builder =
        new TreeEnsemble.Builder(TreeEnsemble.Library.LIGHTGBM, names).averageOutput(averageOutput);
    applyObjective(builder, objective);

    int treeNumber = 0;
    while (i < lines.length && lines[i].startsWith("Tree=")) {
      String label = lines[i].trim();
      i++;
      Map<String, String> fields = new HashMap<>();
      for (; i < lines.length && !lines[i].isBlank(); i++) {
        String line = lines[i];
        int eq = line.indexOf('=');
        if (eq > 0) {
          fields.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      addTree(builder, fields, label, numFeatures);
      treeNumber++;
      while (i < lines.length && lines[i].isBlank()) {
        i++;
      }
    }
    if (treeNumber == 0) {
      throw new IllegalArgumentException("LightGBM model has no trees");
    }
    if (i >= lines.length || !lines[i].trim().equals("end of trees")) {
      throw new IllegalArgumentException(
          "LightGBM model is truncated: no 'end of trees' after " + treeNumber + " trees");
    }
    return builder.build();
  }

  private static void applyObjective(TreeEnsemble.Builder builder, String objective) {
    String[] parts = objective.split(" ");
    String name = parts[0];
    switch (name) {
      case "binary" -> {
        double sigmoid = 1.0;
        for (String part : parts) {
          if (part.startsWith("sigmoid:")) {
            sigmoid = Double.parseDouble(part.substring("sigmoid:".length()));
          }
        }
        builder.objective(objective, TreeEnsemble.OutputTransform.SIGMOID, sigmoid);
      }
      case "cross_entropy", "xentropy" ->
          builder.objective(objective, TreeEnsemble.OutputTransform.SIGMOID, 1.0);
      case "multiclass", "multiclassova", "softmax", "ovr", "multiclass_ova", "ova" ->
          throw new IllegalArgumentException("multi-class objective '" + objective + "'");
      default -> builder.objective(objective, TreeEnsemble.OutputTransform.NONE, 1.0);
    }
  }

  private static void addTree(
      TreeEnsemble.Builder builder, Map<String, String> f, String label, int numFeatures) {
    int numLeaves = intValue(f, "num_leaves", -1);
    if (numLeaves < 1) {
      throw new IllegalArgumentException(label + ": missing or bad num_leaves");
    }
    if (intValue(f, "is_linear", 0) != 0) {
      throw new IllegalArgumentException(label + ": linear trees are not supported");
    }
    double[] leafValue = doubles(f, "leaf_value", numLeaves, label);
    if (numLeaves == 1) {
      builder.addTree(
          new int[0],
          new double[0],
          new byte[0],
          new int[0],
          new int[0],
          new double[0],
          leafValue,
          new double[] {intsOrZero(f, "leaf_count", 1, label)[0]},
          leafValue[0]);
      return;
    }
    int internal = numLeaves - 1;
    int[] splitFeature = ints(f, "split_feature", internal, label);
    double[] threshold = doubles(f, "threshold", internal, label);
    int[] decisionType = ints(f, "decision_type", internal, label);
    int[] left = ints(f, "left_child", internal, label);
    int[] right = ints(f, "right_child", internal, label);
    int[] leafCount = ints(f, "leaf_count", numLeaves, label);
    int[] internalCount = ints(f, "internal_count", internal, label);
    int numCat = intValue(f, "num_cat", 0);
    int catBase = 0;
    if (numCat > 0) {
      int[] boundaries = ints(f, "cat_boundaries", numCat + 1, label);
      int[] bits = ints(f, "cat_threshold", boundaries[numCat], label);
      catBase = builder.addCategoricalBitsets(boundaries, bits);
    }

    int[] word = new int[internal];
    double[] evalThreshold = new double[internal];
    byte[] decision = new byte[internal];
    double[] internalCover = new double[internal];
    for (int n = 0; n < internal; n++) {
      int feature = splitFeature[n];
      if (feature < 0 || feature >= numFeatures) {
        throw new IllegalArgumentException(
            label + ": split on feature " + feature + " of " + numFeatures);
      }
      int dt = decisionType[n];
      decision[n] = (byte) dt;
      internalCover[n] = internalCount[n];
      boolean categorical = (dt & 1) != 0;
      boolean defaultLeft = (dt & 2) != 0;
      int missingType = (dt >> 2) & 3;
      double t = threshold[n];
      if (categorical) {
        int catIndex = (int) t;
        if (catIndex < 0 || catIndex >= numCat) {
          throw new IllegalArgumentException(label + ": bad categorical split index " + t);
        }
        word[n] = feature | TreeEnsemble.SPECIAL_BIT;
        evalThreshold[n] = catBase + catIndex;
        continue;
      }
      double kz = TreeEnsemble.K_ZERO_THRESHOLD;
      boolean nanRight;
      double plain;
      switch (missingType) {
        case MISSING_NAN -> {
          plain = snapNearZero(t);
          nanRight = !defaultLeft;
        }
        case MISSING_NONE -> {
          plain = snapNearZero(t);
          nanRight = !(0.0 <= t); // NaN is compared as 0.0
        }
        case MISSING_ZERO -> {
          // |x| <= kZeroThreshold and NaN take the default side; others compare with t.
          nanRight = !defaultLeft;
          if (defaultLeft && t >= -kz) {
            plain = Math.max(t, kz);
          } else if (!defaultLeft && t < -kz) {
            plain = t;
          } else if (!defaultLeft && t < kz) {
            plain = Math.nextDown(-kz);
          } else {
            plain = Double.NaN; // two intervals: evaluated by the port of Tree::Decision
          }
        }
        default -> throw new IllegalArgumentException(label + ": unknown missing type in " + dt);
      }
      if (Double.isNaN(plain)) {
        word[n] = feature | TreeEnsemble.SPECIAL_BIT;
        evalThreshold[n] = t;
      } else {
        word[n] = feature | (nanRight ? TreeEnsemble.NAN_RIGHT_BIT : 0);
        evalThreshold[n] = plain;
      }
    }
    // LightGBM's Tree::ExpectedValue(), summed in its leaf order.
    double total = internalCount[0];
    double expected = 0.0;
    double[] leafCover = new double[numLeaves];
    for (int l = 0; l < numLeaves; l++) {
      leafCover[l] = leafCount[l];
      expected += (leafCount[l] / total) * leafValue[l];
    }
    try {
      builder.addTree(
          word,
          evalThreshold,
          decision,
          left,
          right,
          internalCover,
          leafValue,
          leafCover,
          expected);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
    }
  }

  /**
   * The C API turns inputs with {@code |x| <= kZeroThreshold} into 0.0 before a tree sees them. For
   * a threshold in that band, pick the threshold that gives every unfiltered input the side its
   * filtered value gets; other thresholds are left alone.
   */
  static double snapNearZero(double t) {
    double kz = TreeEnsemble.K_ZERO_THRESHOLD;
    if (Math.abs(t) <= kz) {
      return 0.0 <= t ? kz : Math.nextDown(-kz);
    }
    return t;
  }

  private static int intValue(Map<String, String> map, String key, int fallback) {
    String v = map.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad integer for " + key + ": " + v, e);
    }
  }

  private static String[] tokens(Map<String, String> f, String key, int expected, String label) {
    String v = f.get(key);
    if (v == null) {
      throw new IllegalArgumentException(label + " has no " + key + " line");
    }
    String trimmed = v.trim();
    String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split(" ");
    if (parts.length != expected) {
      throw new IllegalArgumentException(
          label + ": " + key + " has " + parts.length + " values, expected " + expected);
    }
    return parts;
  }

  private static int[] ints(Map<String, String> f, String key, int expected, String label) {
    String[] parts = tokens(f, key, expected, label);
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = (int) Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(label + ": bad integer in " + key + ": " + parts[i], e);
      }
    }
    return out;
  }

  private static double[] intsOrZero(
      Map<String, String> f, String key, int expected, String label) {
    if (!f.containsKey(key)) {
      return new double[expected];
    }
    int[] values = ints(f, key, expected, label);
    double[] out = new double[expected];
    for (int i = 0; i < expected; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static double[] doubles(Map<String, String> f, String key, int expected, String label) {
    String[] parts = tokens(f, key, expected, label);
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = parseNumber(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(label + ": bad number in " + key + ": " + parts[i], e);
      }
    }
    return out;
  }

  /**
   * A number as LightGBM writes it: C++ streams print infinities as {@code inf} (a split that
   * separates NaN from every number has threshold {@code inf}), which {@link Double#parseDouble}
   * does not accept.
   */
  static double parseNumber(String token) {
    return switch (token.toLowerCase(Locale.ROOT)) {
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      case "nan", "-nan" -> Double.NaN;
      default -> Double.parseDouble(token);
    };
  }
}
