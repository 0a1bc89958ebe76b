package io.alertscoring.core.model.trees;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Hand-written LightGBM model texts with random trees whose thresholds sit on the zero band and
 * whose nodes use every decision type (numerical with missing type None, Zero or NaN and either
 * default side; categorical with missing type None or NaN). Native LightGBM loads them, so they
 * check the evaluator on rules trained models rarely exercise.
 */
final class RandomLightGbmText {
  static final double KZ = TreeEnsemble.K_ZERO_THRESHOLD;
  static final double[] THRESHOLD_POOL = {
    0.0,
    KZ,
    -KZ,
    1e-36,
    -1e-36,
    Math.nextDown(-KZ),
    Math.nextUp(KZ),
    1e-35,
    -1e-35,
    0.5,
    -0.5,
    1.25,
    -2.0,
    Double.POSITIVE_INFINITY, // LightGBM writes "inf" for splits that separate NaN from numbers
    Double.NEGATIVE_INFINITY,
  };

  private RandomLightGbmText() {}

  record Model(String text, List<TreeSet<Double>> thresholds) {}

  static Model generate(long seed, int features, int trees, int maxLeaves) {
    return generate(seed, features, trees, maxLeaves, false);
  }

  /**
   * @param chains split the newest leaf each time (one long path) instead of a random leaf, and
   *     give each split a fresh feature while there are any
   */
  static Model generate(long seed, int features, int trees, int maxLeaves, boolean chains) {
    SplittableRandom random = new SplittableRandom(seed);
    List<TreeSet<Double>> thresholds = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      thresholds.add(new TreeSet<>());
    }
    StringBuilder text = new StringBuilder();
    text.append("tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\n");
    text.append("max_feature_idx=").append(features - 1).append('\n');
    text.append("objective=regression\n");
    text.append("feature_names=").append(String.join(" ", NativeModels.names(features)));
    text.append('\n');
    text.append("feature_infos=");
    for (int f = 0; f < features; f++) {
      text.append(f == 0 ? "" : " ").append("[-10:10]");
    }
    text.append("\n\n");
    for (int t = 0; t < trees; t++) {
      text.append("Tree=").append(t).append('\n');
      int leaves = chains ? maxLeaves : 1 + random.nextInt(maxLeaves);
      appendTree(text, random, features, leaves, thresholds, chains);
      text.append('\n');
    }
    text.append("end of trees\n");
    return new Model(text.toString(), thresholds);
  }

  private static void appendTree(
      StringBuilder text,
      SplittableRandom random,
      int features,
      int leaves,
      List<TreeSet<Double>> thresholds,
      boolean chains) {
    int internal = leaves - 1;
    int[] left = new int[internal];
    int[] right = new int[internal];
    int[] leafParent = new int[leaves];
    leafParent[0] = -1;
    // LightGBM's Tree::Split: split a random leaf; the new node takes its place.
    for (int n = 0; n < internal; n++) {
      int leaf = chains ? n : random.nextInt(n + 1);
      int parent = leafParent[leaf];
      if (parent >= 0) {
        if (left[parent] == ~leaf) {
          left[parent] = n;
        } else {
          right[parent] = n;
        }
      }
      left[n] = ~leaf;
      right[n] = ~(n + 1);
      leafParent[leaf] = n;
      leafParent[n + 1] = n;
    }
    int[] leafCount = new int[leaves];
    for (int l = 0; l < leaves; l++) {
      leafCount[l] = 1 + random.nextInt(200);
    }
    int[] internalCount = new int[internal];
    for (int n = internal - 1; n >= 0; n--) {
      internalCount[n] =
          count(left[n], internalCount, leafCount) + count(right[n], internalCount, leafCount);
    }
    int[] splitFeature = new int[internal];
    String[] threshold = new String[internal];
    int[] decision = new int[internal];
    List<Integer> catBoundaries = new ArrayList<>(List.of(0));
    List<Long> catBits = new ArrayList<>();
    for (int n = 0; n < internal; n++) {
      splitFeature[n] = chains && n < features ? n : random.nextInt(features);
      if (random.nextDouble() < 0.15) {
        int missingType = random.nextBoolean() ? 2 : 0;
        decision[n] = 1 | (missingType << 2);
        threshold[n] = Integer.toString(catBoundaries.size() - 1);
        int words = 1 + random.nextInt(2);
        for (int w = 0; w < words; w++) {
          catBits.add(random.nextLong(1L << 32));
        }
        catBoundaries.add(catBoundaries.get(catBoundaries.size() - 1) + words);
      } else {
        int missingType = random.nextInt(3);
        boolean defaultLeft = random.nextBoolean();
        decision[n] = (defaultLeft ? 2 : 0) | (missingType << 2);
        double t =
            random.nextDouble() < 0.7
                ? THRESHOLD_POOL[random.nextInt(THRESHOLD_POOL.length)]
                : Math.rint(NativeModels.gaussian(random) * 100) / 100;
        thresholds.get(splitFeature[n]).add(t);
        threshold[n] = Double.isInfinite(t) ? (t > 0 ? "inf" : "-inf") : Double.toString(t);
      }
    }
    text.append("num_leaves=").append(leaves).append('\n');
    text.append("num_cat=").append(catBoundaries.size() - 1).append('\n');
    text.append("split_feature=").append(join(splitFeature)).append('\n');
    text.append("threshold=").append(String.join(" ", threshold)).append('\n');
    text.append("decision_type=").append(join(decision)).append('\n');
    text.append("left_child=").append(join(left)).append('\n');
    text.append("right_child=").append(join(right)).append('\n');
    StringBuilder values = new StringBuilder();
    for (int l = 0; l < leaves; l++) {
      values.append(l == 0 ? "" : " ").append(NativeModels.gaussian(random) * 0.3);
    }
    text.append("leaf_value=").append(values).append('\n');
    text.append("leaf_count=").append(join(leafCount)).append('\n');
    text.append("internal_count=").append(join(internalCount)).append('\n');
    if (catBoundaries.size() > 1) {
      text.append("cat_boundaries=")
          .append(String.join(" ", catBoundaries.stream().map(String::valueOf).toList()))
          .append('\n');
      text.append("cat_threshold=")
          .append(String.join(" ", catBits.stream().map(String::valueOf).toList()))
          .append('\n');
    }
    text.append("is_linear=0\nshrinkage=1\n\n");
  }

  private static int count(int child, int[] internalCount, int[] leafCount) {
    return child >= 0 ? internalCount[child] : leafCount[~child];
  }

  private static String join(int[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : " ").append(values[i]);
    }
    return s.toString();
  }
}
