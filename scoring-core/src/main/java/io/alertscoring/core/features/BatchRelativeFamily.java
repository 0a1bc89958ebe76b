package io.alertscoring.core.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;

/**
 * Where an alert stands within its batch and within its typology: z-score and mid-rank percentile
 * of volume, confidence and key address features. An alert analysts see as "big for today" is often
 * more telling than an absolute amount, which drifts with markets.
 */
public final class BatchRelativeFamily implements FeatureFamily {
  private static final List<String> VARIABLES =
      List.of(
          "log_volume_usd",
          "confidence",
          "log_total_volume_usd",
          "degree_total",
          "pagerank",
          "structuring_score");
  private static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>();
    for (String variable : VARIABLES) {
      names.add("batch_z_" + variable);
      names.add("batch_pct_" + variable);
      names.add("typology_z_" + variable);
      names.add("typology_pct_" + variable);
    }
    NAMES = List.copyOf(names);
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  private static IntToDoubleFunction variable(BatchContext context, String name) {
    return switch (name) {
      case "log_volume_usd" -> i -> Math.log1p(context.alerts().get(i).volumeUsd());
      case "confidence" -> i -> context.alerts().get(i).confidence();
      case "log_total_volume_usd" -> i -> Math.log1p(context.sot(i, "total_volume_usd"));
      default -> i -> context.sot(i, name);
    };
  }

  @Override
  public void fill(BatchContext context, double[][] rows, int offset) {
    int n = context.size();
    // Groups by normalised typology, in sorted order for reproducible iteration.
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      groups
          .computeIfAbsent(
              AlertLevelFamily.normalizeTypology(context.alerts().get(i).typologyType()),
              k -> new ArrayList<>())
          .add(i);
    }
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    for (int v = 0; v < VARIABLES.size(); v++) {
      IntToDoubleFunction value = variable(context, VARIABLES.get(v));
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = value.applyAsDouble(i);
      }
      int column = offset + 4 * v;
      relative(values, all, rows, column);
      for (List<Integer> group : groups.values()) {
        relative(values, group, rows, column + 2);
      }
    }
  }

  /** Writes z-score at {@code column} and percentile at {@code column + 1} for the group. */
  static void relative(double[] values, List<Integer> group, double[][] rows, int column) {
    RunningStats stats = new RunningStats();
    int present = 0;
    for (int i : group) {
      stats.add(values[i]);
      if (!Double.isNaN(values[i])) {
        present++;
      }
    }
    double[] sorted = new double[present];
    int k = 0;
    for (int i : group) {
      if (!Double.isNaN(values[i])) {
        sorted[k++] = values[i];
      }
    }
    Arrays.sort(sorted);
    for (int i : group) {
      rows[i][column] = stats.zScore(values[i]);
      rows[i][column + 1] = percentile(sorted, values[i]);
    }
  }

  /** Mid-rank percentile in [0,1]: (below + equal / 2) / n; NaN for a missing value. */
  static double percentile(double[] sorted, double value) {
    if (Double.isNaN(value) || sorted.length == 0) {
      return Double.NaN;
    }
    int below = lowerBound(sorted, value);
    int upTo = upperBound(sorted, value);
    return (below + (upTo - below) / 2.0) / sorted.length;
  }

  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
