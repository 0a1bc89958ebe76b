package io.alertscoring.validation;

import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.core.metrics.Bootstrap;
import io.alertscoring.core.metrics.BootstrapResult;
import io.alertscoring.core.metrics.ScoreMetric;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.output.AlertScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A/B comparison of two models over the same batches: each model's report per batch, and the
 * differences {@code B - A} of AUC-ROC, AUC-PR and Brier score on the alerts both scored and that
 * have a label, pooled over the batches, with paired stratified bootstrap intervals.
 *
 * <p>Pooling over batches rather than averaging per-batch metrics keeps every labelled alert's
 * weight equal and gives one interval; it mixes dates, which is what "over the same dates" asks
 * for. Only alerts scored by both models enter, so a model cannot gain by skipping hard alerts.
 */
public final class Comparison {

  /**
   * @param iterations bootstrap resamples
   * @param seed bootstrap seed
   * @param confidence interval level
   */
  public record Options(int iterations, long seed, double confidence) {
    public static Options defaults() {
      return new Options(Bootstrap.DEFAULT_ITERATIONS, Bootstrap.DEFAULT_SEED, 0.95);
    }
  }

  private final Validator validator = new Validator();

  /**
   * @param a model A's inputs, one per batch
   * @param b model B's inputs for the same batches, in the same order; labels are taken from {@code
   *     a}'s inputs
   */
  public ComparisonReport compare(
      List<ValidationInput> a, List<ValidationInput> b, Options options) {
    if (a.size() != b.size() || a.isEmpty()) {
      throw new IllegalArgumentException(
          "need the same, non-zero number of batches for A and B: " + a.size() + " vs " + b.size());
    }
    List<ValidationReport> reportsA = new ArrayList<>();
    List<ValidationReport> reportsB = new ArrayList<>();
    Map<String, double[]> pairs = new TreeMap<>();
    Map<String, Boolean> labels = new TreeMap<>();
    int shared = 0;
    for (int i = 0; i < a.size(); i++) {
      ValidationInput inA = a.get(i);
      ValidationInput inB = b.get(i);
      if (!inA.batch().equals(inB.batch())) {
        throw new IllegalArgumentException(
            "batch " + i + " differs: " + inA.batch() + " vs " + inB.batch());
      }
      reportsA.add(validator.validate(inA));
      reportsB.add(validator.validate(inB));
      Map<String, AlertScore> scoresA = Validator.latestById(inA.run().scores());
      Map<String, AlertScore> scoresB = Validator.latestById(inB.run().scores());
      for (Map.Entry<String, AlertScore> e : scoresA.entrySet()) {
        AlertScore sb = scoresB.get(e.getKey());
        AlertScore sa = e.getValue();
        if (sb == null || !Double.isFinite(sa.score()) || !Double.isFinite(sb.score())) {
          continue;
        }
        shared++;
        AddressLabel label = inA.labels().byAddress().get(sa.address());
        if (label != null) {
          String key = inA.batch().id() + "/" + e.getKey();
          pairs.put(key, new double[] {sa.score(), sb.score()});
          labels.put(key, label.isPositive());
        }
      }
    }
    int n = pairs.size();
    double[] scoresA = new double[n];
    double[] scoresB = new double[n];
    boolean[] y = new boolean[n];
    int k = 0;
    for (Map.Entry<String, double[]> e : pairs.entrySet()) {
      scoresA[k] = e.getValue()[0];
      scoresB[k] = e.getValue()[1];
      y[k] = labels.get(e.getKey());
      k++;
    }
    int positives = n == 0 ? 0 : BinaryMetrics.positives(y);
    int negatives = n - positives;
    Map<String, BootstrapResult> differences = new LinkedHashMap<>();
    String reason = "";
    if (positives < ValidationRules.MIN_LABELLED_PER_CLASS
        || negatives < ValidationRules.MIN_LABELLED_PER_CLASS) {
      reason =
          "needs >= "
              + ValidationRules.MIN_LABELLED_PER_CLASS
              + " labelled alerts of each class scored by both models, got "
              + positives
              + " positive and "
              + negatives
              + " negative ("
              + a.get(0).labels().source()
              + ")";
    } else {
      differences.put("auc_roc", bootstrap(scoresA, scoresB, y, BinaryMetrics::aucRoc, options));
      differences.put(
          "auc_pr", bootstrap(scoresA, scoresB, y, BinaryMetrics::averagePrecision, options));
      if (inUnitInterval(scoresA) && inUnitInterval(scoresB)) {
        differences.put("brier", bootstrap(scoresA, scoresB, y, BinaryMetrics::brier, options));
      } else {
        reason = "Brier score left out: a model has scores outside [0,1]";
      }
    }
    return new ComparisonReport(
        a.get(0).run().source(),
        b.get(0).run().source(),
        reportsA,
        reportsB,
        shared,
        positives,
        negatives,
        differences,
        reason,
        options);
  }

  private static BootstrapResult bootstrap(
      double[] a, double[] b, boolean[] y, ScoreMetric metric, Options options) {
    return Bootstrap.pairedDifference(
        a, b, y, metric, options.iterations(), options.seed(), options.confidence());
  }

  private static boolean inUnitInterval(double[] values) {
    for (double v : values) {
      if (!(v >= 0.0 && v <= 1.0)) {
        return false;
      }
    }
    return true;
  }
}
