package io.alertscoring.training;

import io.alertscoring.core.anomaly.IsolationForest;
import io.alertscoring.core.anomaly.RobustZ;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.core.metrics.Bootstrap;
import io.alertscoring.core.metrics.BootstrapResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code train --anomaly-experiment}: the lift of an unsupervised anomaly layer over the SOT
 * columns, measured, not shipped. An {@link IsolationForest} (100 trees, 256 rows each) is fitted
 * on the SOT columns of the training dates' alerts without their labels; per batch, {@link RobustZ}
 * gives each alert's largest and mean absolute robust z over the same columns. The three scores are
 * appended to the 158 columns and the alert scorer is retrained with the same parameters; AUC-PR
 * and AUC-ROC with and without, on the test dates and the unseen economy, with paired stratified
 * bootstrap intervals of the difference.
 */
public final class AnomalyExperiment {
  public static final List<String> EXTRA_NAMES =
      List.of("anomaly_iforest_score", "anomaly_max_abs_z", "anomaly_mean_abs_z");

  private AnomalyExperiment() {}

  static int sotOffset() {
    return AlertFeatureSet.ALERT_FAMILIES.get(0).names().size();
  }

  static int sotColumns() {
    return AlertFeatureSet.ALERT_FAMILIES.get(1).names().size();
  }

  static double[] sot(FeatureMatrix m, int row) {
    double[] out = new double[sotColumns()];
    System.arraycopy(m.values(), row * m.columns() + sotOffset(), out, 0, out.length);
    return out;
  }

  /** {@code m} with the three anomaly columns appended. */
  static FeatureMatrix augment(FeatureMatrix m, IsolationForest forest) {
    int columns = m.columns() + EXTRA_NAMES.size();
    double[] values = new double[m.rows() * columns];
    int start = 0;
    int[] groups = m.groups().length == 0 ? new int[] {m.rows()} : m.groups();
    for (int size : groups) {
      double[][] batch = new double[size][];
      for (int i = 0; i < size; i++) {
        batch[i] = sot(m, start + i);
      }
      double[][] z = RobustZ.summaries(batch);
      for (int i = 0; i < size; i++) {
        int row = start + i;
        System.arraycopy(m.values(), row * m.columns(), values, row * columns, m.columns());
        values[row * columns + m.columns()] = forest.score(batch[i]);
        values[row * columns + m.columns() + 1] = z[i][0];
        values[row * columns + m.columns() + 2] = z[i][1];
      }
      start += size;
    }
    return new FeatureMatrix(
        values, m.rows(), columns, m.labels(), m.groups(), m.typologies(), m.ids());
  }

  /**
   * @param baselineTest the shipped scorer's raw scores on {@code test}
   * @param baselineUnseen the same on {@code unseen} (may be empty with {@code unseen})
   * @return the report in markdown
   */
  static String run(
      TrainingParams params,
      FeatureMatrix train,
      FeatureMatrix validation,
      FeatureMatrix test,
      FeatureMatrix unseen,
      double[] baselineTest,
      double[] baselineUnseen,
      long seed,
      Consumer<String> log)
      throws Exception {
    double[][] history = new double[train.rows()][];
    for (int i = 0; i < history.length; i++) {
      history[i] = sot(train, i);
    }
    IsolationForest forest = IsolationForest.fit(history, 100, 256, seed);
    List<String> names = new ArrayList<>(AlertFeatureSet.NAMES);
    names.addAll(EXTRA_NAMES);
    FeatureMatrix augmentedTest = augment(test, forest);
    LightGbmTrainer.Trained withAnomaly =
        LightGbmTrainer.train(
            params, names, augment(train, forest), augment(validation, forest), i -> {});
    StringBuilder md = new StringBuilder();
    md.append("# Anomaly layer: lift over the shipped alert scorer\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "Isolation forest (100 trees x 256 rows, fitted on the %d training-date alerts'"
                    + " %d SOT columns, labels unused) and per-batch robust z-scores; the alert"
                    + " scorer retrained with the 3 extra columns (%d trees). 95 %% paired"
                    + " stratified bootstrap of the difference, 1,000 resamples.\n\n",
                train.rows(),
                sotColumns(),
                withAnomaly.bestIteration()))
        .append(
            "| data | metric | without | with anomaly columns | difference [95 % CI] |"
                + " anomaly score alone |\n|---|---|---|---|---|---|\n");
    row(md, "test dates", test, baselineTest, augmentedTest, withAnomaly, log);
    if (unseen != null && unseen.rows() > 0) {
      row(md, "unseen economy", unseen, baselineUnseen, augment(unseen, forest), withAnomaly, log);
    }
    return md.toString();
  }

  private static void row(
      StringBuilder md,
      String data,
      FeatureMatrix m,
      double[] baseline,
      FeatureMatrix augmented,
      LightGbmTrainer.Trained withAnomaly,
      Consumer<String> log)
      throws Exception {
    boolean[] labels = new boolean[m.rows()];
    double[] forestScore = new double[m.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = m.labels()[i] > 0;
      forestScore[i] = augmented.values()[i * augmented.columns() + m.columns()];
    }
    double[] candidate = LightGbmTrainer.predictRaw(withAnomaly.modelText(), augmented);
    for (String metric : List.of("AUC-PR", "AUC-ROC")) {
      BootstrapResult r =
          Bootstrap.pairedDifference(
              baseline,
              candidate,
              labels,
              metric.equals("AUC-PR") ? BinaryMetrics::averagePrecision : BinaryMetrics::aucRoc);
      double alone =
          metric.equals("AUC-PR")
              ? BinaryMetrics.averagePrecision(forestScore, labels)
              : BinaryMetrics.aucRoc(forestScore, labels);
      String line =
          String.format(
              Locale.ROOT,
              "| %s | %s | %.4f | %.4f | %+.4f [%+.4f, %+.4f] | %.4f |\n",
              data,
              metric,
              r.baseline(),
              r.candidate(),
              r.difference(),
              r.ciLower(),
              r.ciUpper(),
              alone);
      md.append(line);
      log.accept("anomaly experiment: " + line.trim());
    }
  }
}
