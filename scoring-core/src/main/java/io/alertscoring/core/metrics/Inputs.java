package io.alertscoring.core.metrics;

/** Argument checks shared by the metrics. */
final class Inputs {
  private Inputs() {}

  static void check(double[] scores, boolean[] labels) {
    if (scores == null || labels == null) {
      throw new IllegalArgumentException("scores and labels must not be null");
    }
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          "scores and labels differ in length: " + scores.length + " vs " + labels.length);
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("no items");
    }
    finite(scores, "score");
  }

  static void finite(double[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(what + " " + i + " is not finite: " + values[i]);
      }
    }
  }

  static void probabilities(double[] probabilities) {
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException("probability " + i + " is outside [0,1]: " + p);
      }
    }
  }

  static int positives(boolean[] labels) {
    int count = 0;
    for (boolean label : labels) {
      if (label) {
        count++;
      }
    }
    return count;
  }
}
