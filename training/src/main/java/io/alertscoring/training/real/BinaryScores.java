package io.alertscoring.training.real;

import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.core.metrics.OperatingPoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures reported for one set of scored examples.
 *
 * @param aucPr average precision (scikit-learn's step-wise area under the precision-recall curve)
 * @param bestF1 F1 at the best threshold chosen on these very examples: an optimistic upper bound
 * @param f1At05 F1 flagging score >= 0.5
 * @param accuracyAt05 accuracy flagging score >= 0.5 (the paper's headline measure)
 * @param f1AtValidationThreshold F1 at the best-F1 threshold of the validation examples (honest);
 *     NaN when no validation threshold was given
 */
public record BinaryScores(
    int examples,
    int positives,
    double aucRoc,
    double aucPr,
    double bestF1,
    double bestF1Threshold,
    double f1At05,
    double accuracyAt05,
    double f1AtValidationThreshold) {

  public static final double DEFAULT_THRESHOLD = 0.5;

  /**
   * @param validationThreshold threshold picked on validation data, NaN for none
   */
  public static BinaryScores of(double[] scores, boolean[] labels, double validationThreshold) {
    OperatingPoint best = BinaryMetrics.bestF1(scores, labels);
    OperatingPoint half = BinaryMetrics.at(scores, labels, DEFAULT_THRESHOLD);
    double atValidation =
        Double.isNaN(validationThreshold)
            ? Double.NaN
            : BinaryMetrics.at(scores, labels, validationThreshold).f1();
    return new BinaryScores(
        scores.length,
        BinaryMetrics.positives(labels),
        BinaryMetrics.aucRoc(scores, labels),
        BinaryMetrics.averagePrecision(scores, labels),
        best.f1(),
        best.threshold(),
        half.f1(),
        (half.truePositives() + half.trueNegatives()) / (double) scores.length,
        atValidation);
  }

  /** Snake-case map for the JSON report (NaN left out). */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("examples", examples);
    m.put("positives", positives);
    m.put("auc_roc", aucRoc);
    m.put("auc_pr", aucPr);
    m.put("best_f1", bestF1);
    m.put("best_f1_threshold", bestF1Threshold);
    m.put("f1_at_0_5", f1At05);
    m.put("accuracy_at_0_5", accuracyAt05);
    if (!Double.isNaN(f1AtValidationThreshold)) {
      m.put("f1_at_validation_threshold", f1AtValidationThreshold);
    }
    return m;
  }
}
