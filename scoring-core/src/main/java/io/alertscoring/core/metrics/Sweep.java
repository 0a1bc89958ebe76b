package io.alertscoring.core.metrics;

/**
 * Cumulative confusion counts at every distinct score, from the highest score down: entry {@code k}
 * counts the items with {@code score >= thresholds[k]}. Every threshold-based metric reads this one
 * O(n log n) pass, so they agree on ties by construction.
 */
final class Sweep {
  final double[] thresholds;
  final long[] truePositives;
  final long[] falsePositives;
  final long positives;
  final long negatives;

  private Sweep(double[] thresholds, long[] tp, long[] fp, long positives, long negatives) {
    this.thresholds = thresholds;
    this.truePositives = tp;
    this.falsePositives = fp;
    this.positives = positives;
    this.negatives = negatives;
  }

  static Sweep of(double[] scores, boolean[] labels) {
    Inputs.check(scores, labels);
    int[] order = Argsort.descending(scores);
    int n = scores.length;
    double[] thresholds = new double[n];
    long[] tp = new long[n];
    long[] fp = new long[n];
    int distinct = 0;
    long runningTp = 0;
    long runningFp = 0;
    for (int i = 0; i < n; i++) {
      int item = order[i];
      if (labels[item]) {
        runningTp++;
      } else {
        runningFp++;
      }
      boolean lastOfTie = i == n - 1 || scores[order[i + 1]] != scores[item];
      if (lastOfTie) {
        thresholds[distinct] = scores[item];
        tp[distinct] = runningTp;
        fp[distinct] = runningFp;
        distinct++;
      }
    }
    return new Sweep(
        java.util.Arrays.copyOf(thresholds, distinct),
        java.util.Arrays.copyOf(tp, distinct),
        java.util.Arrays.copyOf(fp, distinct),
        runningTp,
        runningFp);
  }

  int size() {
    return thresholds.length;
  }

  OperatingPoint point(int k) {
    return new OperatingPoint(
        thresholds[k],
        truePositives[k],
        falsePositives[k],
        negatives - falsePositives[k],
        positives - truePositives[k]);
  }

  /** Nothing flagged: a threshold just above the highest score. */
  OperatingPoint nothingFlagged() {
    return new OperatingPoint(Math.nextUp(thresholds[0]), 0, 0, negatives, positives);
  }
}
