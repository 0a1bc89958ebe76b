package io.alertscoring.core.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Isolation forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008): each tree isolates a random
 * subsample by random splits (a random column, a random threshold between its minimum and maximum
 * in the node); anomalies are isolated in fewer splits. The score of a row is {@code 2^(-E[h(x)] /
 * c(psi))}, in (0, 1): about 0.5 for ordinary rows, towards 1 for anomalies.
 *
 * <p>Missing values: replaced by the column's median over the fitting rows (so a row with many
 * missing columns looks ordinary in them, not anomalous); a column missing in every fitting row is
 * never split on. Deterministic for a seed; immutable and thread-safe once fitted.
 */
public final class IsolationForest {
  private final int[][] feature;
  private final double[][] threshold;
  private final int[][] left;
  private final int[][] right;
  private final double[][] leafDepth;
  private final double[] fill;
  private final int sampleSize;

  private IsolationForest(
      int[][] feature,
      double[][] threshold,
      int[][] left,
      int[][] right,
      double[][] leafDepth,
      double[] fill,
      int sampleSize) {
    this.feature = feature;
    this.threshold = threshold;
    this.left = left;
    this.right = right;
    this.leafDepth = leafDepth;
    this.fill = fill;
    this.sampleSize = sampleSize;
  }

  /**
   * @param rows the unlabelled history, one vector per row (NaN = missing)
   * @param trees trees in the forest (the paper's default 100)
   * @param sampleSize rows per tree (the paper's default 256); capped at the row count
   */
  public static IsolationForest fit(double[][] rows, int trees, int sampleSize, long seed) {
    if (rows.length < 2) {
      throw new IllegalArgumentException("an isolation forest needs at least 2 rows");
    }
    if (trees < 1 || sampleSize < 2) {
      throw new IllegalArgumentException("trees >= 1 and sample size >= 2 are needed");
    }
    int columns = rows[0].length;
    double[] fill = new double[columns];
    for (int c = 0; c < columns; c++) {
      final int col = c;
      double[] present =
          Arrays.stream(rows)
              .mapToDouble(r -> r[col])
              .filter(v -> !Double.isNaN(v))
              .sorted()
              .toArray();
      fill[c] = present.length == 0 ? Double.NaN : present[present.length / 2];
    }
    int psi = Math.min(sampleSize, rows.length);
    int maxDepth = (int) Math.ceil(Math.log(psi) / Math.log(2));
    SplittableRandom random = new SplittableRandom(seed);
    int[][] feature = new int[trees][];
    double[][] threshold = new double[trees][];
    int[][] left = new int[trees][];
    int[][] right = new int[trees][];
    double[][] leafDepth = new double[trees][];
    for (int t = 0; t < trees; t++) {
      // sample without replacement (partial Fisher-Yates over the row indexes)
      int[] index = new int[rows.length];
      for (int i = 0; i < index.length; i++) {
        index[i] = i;
      }
      double[][] sample = new double[psi][];
      for (int i = 0; i < psi; i++) {
        int j = i + random.nextInt(rows.length - i);
        int swap = index[i];
        index[i] = index[j];
        index[j] = swap;
        sample[i] = filled(rows[index[i]], fill);
      }
      Tree tree = new Tree();
      tree.build(sample, 0, psi, 0, maxDepth, random);
      feature[t] = tree.feature.stream().mapToInt(Integer::intValue).toArray();
      threshold[t] = tree.threshold.stream().mapToDouble(Double::doubleValue).toArray();
      left[t] = tree.left.stream().mapToInt(Integer::intValue).toArray();
      right[t] = tree.right.stream().mapToInt(Integer::intValue).toArray();
      leafDepth[t] = tree.depth.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new IsolationForest(feature, threshold, left, right, leafDepth, fill, psi);
  }

  /** The anomaly score of one row, in (0, 1). */
  public double score(double[] row) {
    double[] x = filled(row, fill);
    double total = 0;
    for (int t = 0; t < feature.length; t++) {
      int node = 0;
      while (feature[t][node] >= 0) {
        node = x[feature[t][node]] < threshold[t][node] ? left[t][node] : right[t][node];
      }
      total += leafDepth[t][node];
    }
    return Math.pow(2, -(total / feature.length) / averagePathLength(sampleSize));
  }

  /** The score as a 0-100 risk: 0 at the ordinary 0.5 and below, 100 at 1. */
  public static int risk(double score) {
    return (int) Math.round(Math.max(0, Math.min(1, (score - 0.5) * 2)) * 100);
  }

  /** c(n): the average path length of an unsuccessful search in a binary search tree of n. */
  static double averagePathLength(double n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    return 2 * (Math.log(n - 1) + 0.5772156649015329) - 2 * (n - 1) / n;
  }

  private static double[] filled(double[] row, double[] fill) {
    double[] x = row.clone();
    for (int c = 0; c < x.length; c++) {
      if (Double.isNaN(x[c])) {
        x[c] = fill[c];
      }
    }
    return x;
  }

  /** One tree while it is grown: nodes in arrays, feature -1 marks a leaf. */
  private static final class Tree {
    final List<Integer> feature = new ArrayList<>();
    final List<Double> threshold = new ArrayList<>();
    final List<Integer> left = new ArrayList<>();
    final List<Integer> right = new ArrayList<>();
    final List<Double> depth = new ArrayList<>();

    int build(double[][] rows, int from, int to, int level, int maxDepth, SplittableRandom random) {
      int node = feature.size();
      feature.add(-1);
      threshold.add(0.0);
      left.add(-1);
      right.add(-1);
      depth.add(level + averagePathLength(to - from));
      if (to - from <= 1 || level >= maxDepth) {
        return node;
      }
      int columns = rows[from].length;
      // a random column that still varies in this node (tried in a random order)
      int start = random.nextInt(columns);
      for (int k = 0; k < columns; k++) {
        int c = (start + k) % columns;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
          double v = rows[i][c];
          if (!Double.isNaN(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
        if (!(max > min)) {
          continue;
        }
        double split = min + random.nextDouble() * (max - min);
        if (split <= min) {
          split = Math.nextUp(min);
        }
        int mid = from;
        for (int i = from; i < to; i++) {
          if (rows[i][c] < split) {
            double[] swap = rows[mid];
            rows[mid] = rows[i];
            rows[i] = swap;
            mid++;
          }
        }
        feature.set(node, c);
        threshold.set(node, split);
        depth.set(node, 0.0);
        int l = build(rows, from, mid, level + 1, maxDepth, random);
        int r = build(rows, mid, to, level + 1, maxDepth, random);
        left.set(node, l);
        right.set(node, r);
        return node;
      }
      return node; // every column is constant here: a leaf
    }
  }
}
