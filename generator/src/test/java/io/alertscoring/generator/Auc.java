package io.alertscoring.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Test statistics: rank AUC with ties, and a tiny boosted-stumps learner as a learnability probe.
 */
final class Auc {
  private Auc() {}

  /** AUC of scores for labels (ties get the average rank). */
  static double auc(double[] score, boolean[] positive) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
    double rankSum = 0;
    long pos = 0;
    long neg = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j < order.length && score[order[j]] == score[order[i]]) {
        j++;
      }
      double rank = (i + j + 1) / 2.0;
      for (int k = i; k < j; k++) {
        if (positive[order[k]]) {
          rankSum += rank;
          pos++;
        } else {
          neg++;
        }
      }
      i = j;
    }
    if (pos == 0 || neg == 0) {
      return 0.5;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /**
   * Boosted decision stumps on quantile bins (missing values get their own bin), logistic loss:
   * trained on {@code train}, returns the AUC on {@code test}.
   */
  static double boostedStumps(
      List<double[]> train, List<Boolean> trainY, List<double[]> test, List<Boolean> testY) {
    int f = train.get(0).length;
    int bins = 32;
    double[][] cuts = new double[f][];
    for (int j = 0; j < f; j++) {
      final int column = j;
      double[] v =
          train.stream()
              .mapToDouble(r -> r[column])
              .filter(d -> !Double.isNaN(d))
              .sorted()
              .toArray();
      double[] c = new double[bins - 1];
      for (int b = 1; b < bins; b++) {
        c[b - 1] = v.length == 0 ? 0 : v[Math.min(v.length - 1, b * v.length / bins)];
      }
      cuts[j] = c;
    }
    int[][] tr = bin(train, cuts, bins);
    int[][] te = bin(test, cuts, bins);
    double[] fTrain = new double[train.size()];
    double[] fTest = new double[test.size()];
    for (int it = 0; it < 300; it++) {
      double[] g = new double[train.size()];
      double[] h = new double[train.size()];
      for (int i = 0; i < g.length; i++) {
        double p = 1 / (1 + Math.exp(-fTrain[i]));
        g[i] = (trainY.get(i) ? 1 : 0) - p;
        h[i] = p * (1 - p);
      }
      double best = -1;
      int bestJ = 0;
      int bestT = 0;
      double left = 0;
      double right = 0;
      for (int j = 0; j < f; j++) {
        double[] gs = new double[bins + 1];
        double[] hs = new double[bins + 1];
        for (int i = 0; i < g.length; i++) {
          gs[tr[i][j]] += g[i];
          hs[tr[i][j]] += h[i];
        }
        double gt = Arrays.stream(gs).sum();
        double ht = Arrays.stream(hs).sum();
        double gl = 0;
        double hl = 0;
        for (int t = 0; t < bins; t++) {
          gl += gs[t];
          hl += hs[t];
          double gain = gl * gl / (hl + 1) + (gt - gl) * (gt - gl) / (ht - hl + 1);
          if (gain > best) {
            best = gain;
            bestJ = j;
            bestT = t;
            left = gl / (hl + 1);
            right = (gt - gl) / (ht - hl + 1);
          }
        }
      }
      for (int i = 0; i < fTrain.length; i++) {
        fTrain[i] += 0.1 * (tr[i][bestJ] <= bestT ? left : right);
      }
      for (int i = 0; i < fTest.length; i++) {
        fTest[i] += 0.1 * (te[i][bestJ] <= bestT ? left : right);
      }
    }
    boolean[] y = new boolean[testY.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = testY.get(i);
    }
    return auc(fTest, y);
  }

  private static int[][] bin(List<double[]> rows, double[][] cuts, int bins) {
    int[][] out = new int[rows.size()][cuts.length];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < cuts.length; j++) {
        double v = rows.get(i)[j];
        if (Double.isNaN(v)) {
          out[i][j] = bins;
        } else {
          int b = Arrays.binarySearch(cuts[j], v);
          out[i][j] = b >= 0 ? b : -b - 1;
        }
      }
    }
    return out;
  }

  static List<double[]> list() {
    return new ArrayList<>();
  }
}
