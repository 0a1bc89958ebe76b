package io.alertscoring.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Metrics of a score (higher = more likely positive) against binary labels. Stateless; every method
 * checks that {@code scores} and {@code labels} have the same, non-zero length and that every score
 * is finite.
 */
public final class BinaryMetrics {
  /** Number of equal-width bins of {@link #expectedCalibrationError(double[], boolean[])}. */
  public static final int DEFAULT_CALIBRATION_BINS = 10;

  private BinaryMetrics() {}

  /**
   * Exact area under the ROC curve: the probability that a random positive scores above a random
   * negative, a tied pair counting one half (Mann-Whitney U with mid-ranks). Equals {@code
   * sklearn.metrics.roc_auc_score}.
   *
   * @throws IllegalArgumentException without at least one positive and one negative
   */
  public static double aucRoc(double[] scores, boolean[] labels) {
    Sweep sweep = Sweep.of(scores, labels);
    requireBothClasses(sweep, "AUC-ROC");
    // Walk the distinct scores from the top: the positives of a tie group beat every negative
    // below the group and half of the negatives inside it.
    double wins = 0.0;
    long tpBefore = 0;
    long fpBefore = 0;
    for (int k = 0; k < sweep.size(); k++) {
      long tpGroup = sweep.truePositives[k] - tpBefore;
      long fpGroup = sweep.falsePositives[k] - fpBefore;
      long negativesBelow = sweep.negatives - sweep.falsePositives[k];
      wins += tpGroup * (negativesBelow + 0.5 * fpGroup);
      tpBefore = sweep.truePositives[k];
      fpBefore = sweep.falsePositives[k];
    }
    return wins / ((double) sweep.positives * sweep.negatives);
  }

  /**
   * Average precision, scikit-learn's definition of the area under the precision-recall curve:
   * {@code AP = sum_k (R_k - R_{k-1}) * P_k} over the distinct thresholds from the highest down,
   * with {@code R_0 = 0}. A step function, not the trapezoidal area, which is optimistic.
   *
   * @throws IllegalArgumentException without a positive
   */
  public static double averagePrecision(double[] scores, boolean[] labels) {
    Sweep sweep = Sweep.of(scores, labels);
    if (sweep.positives == 0) {
      throw new IllegalArgumentException("average precision is undefined without a positive");
    }
    double ap = 0.0;
    double previousRecall = 0.0;
    for (int k = 0; k < sweep.size(); k++) {
      OperatingPoint point = sweep.point(k);
      double recall = point.recall();
      ap += (recall - previousRecall) * point.precision();
      previousRecall = recall;
    }
    return ap;
  }

  /** The confusion counts of flagging every item with {@code score >= threshold}. */
  public static OperatingPoint at(double[] scores, boolean[] labels, double threshold) {
    Inputs.check(scores, labels);
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean flagged = scores[i] >= threshold;
      if (labels[i]) {
        if (flagged) {
          tp++;
        } else {
          fn++;
        }
      } else if (flagged) {
        fp++;
      } else {
        tn++;
      }
    }
    return new OperatingPoint(threshold, tp, fp, tn, fn);
  }

  /**
   * The threshold with the highest F1 among the distinct scores. When several thresholds reach the
   * same F1 the highest one wins (it flags fewer items for the same quality).
   *
   * @throws IllegalArgumentException without a positive (F1 would be 0 everywhere)
   */
  public static OperatingPoint bestF1(double[] scores, boolean[] labels) {
    Sweep sweep = Sweep.of(scores, labels);
    if (sweep.positives == 0) {
      throw new IllegalArgumentException("best F1 is undefined without a positive");
    }
    OperatingPoint best = sweep.point(0);
    for (int k = 1; k < sweep.size(); k++) {
      OperatingPoint point = sweep.point(k);
      if (point.f1() > best.f1()) {
        best = point;
      }
    }
    return best;
  }

  /**
   * The most permissive threshold whose false-positive rate stays {@code <= maxFpr}: the lowest
   * distinct score {@code t} with {@code FPR(score >= t) <= maxFpr}, i.e. the highest recall the
   * FPR budget allows. FPR only grows as the threshold falls, so every higher threshold also
   * satisfies the bound. When even the highest score breaks the budget, the answer flags nothing
   * (threshold just above the highest score).
   *
   * @throws IllegalArgumentException without a negative, or {@code maxFpr} outside [0,1]
   */
  public static OperatingPoint thresholdForMaxFpr(
      double[] scores, boolean[] labels, double maxFpr) {
    if (!(maxFpr >= 0.0 && maxFpr <= 1.0)) {
      throw new IllegalArgumentException("maxFpr must be in [0,1], got " + maxFpr);
    }
    Sweep sweep = Sweep.of(scores, labels);
    if (sweep.negatives == 0) {
      throw new IllegalArgumentException("FPR is undefined without a negative");
    }
    OperatingPoint chosen = sweep.nothingFlagged();
    for (int k = 0; k < sweep.size(); k++) {
      OperatingPoint point = sweep.point(k);
      if (point.falsePositiveRate() > maxFpr) {
        break;
      }
      chosen = point;
    }
    return chosen;
  }

  /**
   * The strictest threshold reaching {@code recall >= minRecall}: the highest distinct score {@code
   * t} with {@code recall(score >= t) >= minRecall}, i.e. the fewest flagged items for the required
   * recall. It always exists (the lowest positive score reaches recall 1).
   *
   * @throws IllegalArgumentException without a positive, or {@code minRecall} outside [0,1]
   */
  public static OperatingPoint thresholdForMinRecall(
      double[] scores, boolean[] labels, double minRecall) {
    if (!(minRecall >= 0.0 && minRecall <= 1.0)) {
      throw new IllegalArgumentException("minRecall must be in [0,1], got " + minRecall);
    }
    Sweep sweep = Sweep.of(scores, labels);
    if (sweep.positives == 0) {
      throw new IllegalArgumentException("recall is undefined without a positive");
    }
    if (minRecall == 0.0) {
      return sweep.nothingFlagged();
    }
    for (int k = 0; k < sweep.size(); k++) {
      OperatingPoint point = sweep.point(k);
      if (point.recall() >= minRecall) {
        return point;
      }
    }
    throw new AssertionError("the lowest threshold flags every positive");
  }

  /**
   * The precision-recall curve, one point per distinct score from the highest down (recall never
   * decreases along the list). Unlike scikit-learn, no artificial (recall 0, precision 1) end point
   * is appended: every point is an achievable operating point.
   */
  public static List<PrPoint> precisionRecallCurve(double[] scores, boolean[] labels) {
    Sweep sweep = Sweep.of(scores, labels);
    List<PrPoint> curve = new ArrayList<>(sweep.size());
    for (int k = 0; k < sweep.size(); k++) {
      OperatingPoint point = sweep.point(k);
      curve.add(new PrPoint(point.threshold(), point.precision(), point.recall()));
    }
    return curve;
  }

  /**
   * Brier score: the mean squared difference between the predicted probability and the outcome (1
   * for a positive, 0 for a negative). 0 is perfect; 0.25 is what a constant 0.5 scores.
   *
   * @throws IllegalArgumentException if a probability is outside [0,1]
   */
  public static double brier(double[] probabilities, boolean[] labels) {
    Inputs.check(probabilities, labels);
    Inputs.probabilities(probabilities);
    double sum = 0.0;
    for (int i = 0; i < probabilities.length; i++) {
      double error = probabilities[i] - (labels[i] ? 1.0 : 0.0);
      sum += error * error;
    }
    return sum / probabilities.length;
  }

  /** {@link #expectedCalibrationError(double[], boolean[], int)} with 10 bins. */
  public static double expectedCalibrationError(double[] probabilities, boolean[] labels) {
    return expectedCalibrationError(probabilities, labels, DEFAULT_CALIBRATION_BINS);
  }

  /**
   * Expected calibration error over {@code bins} equal-width bins of [0,1]: {@code ECE = sum_b (n_b
   * / N) * |observedRate_b - meanPredicted_b|}, where bin {@code b} holds the predictions in {@code
   * [b/B, (b+1)/B)} and the last bin also holds 1.0; empty bins contribute nothing. Equal-width
   * bins are the common definition (Naeini et al. 2015, Guo et al. 2017); with scores concentrated
   * in a few bins it is coarse, which equal-mass bins would avoid at the cost of bin edges that
   * change with the data.
   *
   * @throws IllegalArgumentException if a probability is outside [0,1] or {@code bins < 1}
   */
  public static double expectedCalibrationError(
      double[] probabilities, boolean[] labels, int bins) {
    double ece = 0.0;
    long total = probabilities == null ? 0 : probabilities.length;
    for (ReliabilityBin bin : reliabilityCurve(probabilities, labels, bins)) {
      ece += (double) bin.count() / total * Math.abs(bin.observedRate() - bin.meanPredicted());
    }
    return ece;
  }

  /**
   * The reliability curve over {@code bins} equal-width bins of [0,1] (binning as in {@link
   * #expectedCalibrationError(double[], boolean[], int)}), lowest bin first. Empty bins are left
   * out: they have no mean to plot.
   */
  public static List<ReliabilityBin> reliabilityCurve(
      double[] probabilities, boolean[] labels, int bins) {
    Inputs.check(probabilities, labels);
    Inputs.probabilities(probabilities);
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    long[] counts = new long[bins];
    double[] sumPredicted = new double[bins];
    long[] positives = new long[bins];
    for (int i = 0; i < probabilities.length; i++) {
      int bin = Math.min((int) (probabilities[i] * bins), bins - 1);
      counts[bin]++;
      sumPredicted[bin] += probabilities[i];
      if (labels[i]) {
        positives[bin]++;
      }
    }
    List<ReliabilityBin> curve = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (counts[b] > 0) {
        curve.add(
            new ReliabilityBin(
                (double) b / bins,
                (double) (b + 1) / bins,
                counts[b],
                sumPredicted[b] / counts[b],
                (double) positives[b] / counts[b]));
      }
    }
    return curve;
  }

  /** Number of positive labels. */
  public static int positives(boolean[] labels) {
    return Inputs.positives(labels);
  }

  private static void requireBothClasses(Sweep sweep, String metric) {
    if (sweep.positives == 0 || sweep.negatives == 0) {
      throw new IllegalArgumentException(
          metric
              + " is undefined without both classes: "
              + sweep.positives
              + " positives, "
              + sweep.negatives
              + " negatives");
    }
  }
}
