package io.alertscoring.training.real;

import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.generator.source.EthIllicitSource;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.training.DatasetBuilder;
import io.alertscoring.training.FeatureMatrix;
import io.alertscoring.training.LightGbmTrainer;
import io.alertscoring.training.TrainingParams;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stratified k-fold cross-validation of the alert scorer on the Ethereum illicit accounts CSV.
 *
 * <p>The CSV goes through {@link EthIllicitSource} as one processing date: one alert plus one
 * features record per account, the {@code FLAG} published apart as an address label. The batch is
 * assembled and featurised once with {@link AlertFeatureSet} (the batch-relative columns therefore
 * see every account of the date, labelled or not, exactly as the job would). Each fold is held out
 * in turn; a stratified fifth of the remaining rows is the validation slice for early stopping, the
 * rest trains {@link TrainingParams#binary} with {@link LightGbmTrainer}; the held-out fold is only
 * ever predicted.
 */
public final class EthIllicitEvaluation {
  /** The processing date the accounts are published on (any fixed date: the set has no dates). */
  public static final LocalDate DATE = LocalDate.parse("2026-01-01");

  public static final String NETWORK = "ethereum";

  /** Published reference (Farrugia, Ellul and Azzopardi 2020, XGBoost, k-fold CV). */
  public static final double REFERENCE_AUC_ROC = 0.994;

  public static final double REFERENCE_ACCURACY = 0.963;

  public static final String REFERENCE =
      "Farrugia, Ellul & Azzopardi (2020), XGBoost, k-fold CV on the paper's 4,681-account"
          + " version: AUC-ROC 0.994, accuracy 0.963";

  /** Share of a training fold held back for early stopping: one in {@value}. */
  public static final int VALIDATION_PARTS = 5;

  private EthIllicitEvaluation() {}

  /** One held-out fold. */
  public record Fold(
      int fold, int trainRows, int validationRows, int bestIteration, BinaryScores test) {}

  /**
   * @param pooled every out-of-fold prediction scored together
   * @param millis wall time (left out of the JSON, which stays byte-for-byte reproducible)
   */
  public record Result(
      Path csv,
      int accounts,
      int illicit,
      int badRows,
      int seed,
      List<Fold> folds,
      BinaryScores pooled,
      long millis) {

    public Summary mean(java.util.function.ToDoubleFunction<BinaryScores> metric) {
      return Summary.of(folds.stream().mapToDouble(f -> metric.applyAsDouble(f.test())).toArray());
    }

    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", "eth-illicit");
      m.put("file", csv.getFileName().toString());
      m.put(
          "note",
          "shared copy is the 9,841-row Kaggle version (9,816 distinct addresses); the reference"
              + " was measured on the paper's 4,681-account version");
      m.put("accounts", accounts);
      m.put("illicit", illicit);
      m.put("bad_rows", badRows);
      m.put("seed", seed);
      m.put("folds", folds.size());
      m.put("validation", "stratified 1/" + VALIDATION_PARTS + " of each training fold");
      m.put("params", TrainingParams.binary(seed).asMap());
      List<Map<String, Object>> perFold = new ArrayList<>();
      for (Fold f : folds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("fold", f.fold());
        row.put("train_rows", f.trainRows());
        row.put("validation_rows", f.validationRows());
        row.put("best_iteration", f.bestIteration());
        row.putAll(f.test().asMap());
        perFold.add(row);
      }
      m.put("per_fold", perFold);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("auc_roc", mean(BinaryScores::aucRoc).asMap());
      summary.put("auc_pr", mean(BinaryScores::aucPr).asMap());
      summary.put("best_f1", mean(BinaryScores::bestF1).asMap());
      summary.put("f1_at_0_5", mean(BinaryScores::f1At05).asMap());
      summary.put("accuracy_at_0_5", mean(BinaryScores::accuracyAt05).asMap());
      summary.put(
          "f1_at_validation_threshold", mean(BinaryScores::f1AtValidationThreshold).asMap());
      m.put("mean_std", summary);
      m.put("pooled_out_of_fold", pooled.asMap());
      Map<String, Object> reference = new LinkedHashMap<>();
      reference.put("source", REFERENCE);
      reference.put("auc_roc", REFERENCE_AUC_ROC);
      reference.put("accuracy", REFERENCE_ACCURACY);
      m.put("reference", reference);
      return m;
    }
  }

  /** Mean and sample standard deviation (n - 1) over folds. */
  public record Summary(double mean, double std) {
    static Summary of(double[] values) {
      double sum = 0;
      for (double v : values) {
        sum += v;
      }
      double mean = sum / values.length;
      double squares = 0;
      for (double v : values) {
        squares += (v - mean) * (v - mean);
      }
      double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0.0;
      return new Summary(mean, std);
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mean", mean);
      m.put("std", std);
      return m;
    }
  }

  /** The accounts as one labelled feature matrix (rows in the batch's canonical alert order). */
  public static FeatureMatrix load(Path csv, List<String> badRows) throws Exception {
    try (EthIllicitSource source = new EthIllicitSource(csv, DATE, 7)) {
      BatchKey key = source.batches(NETWORK, DATE, DATE).get(0);
      SourceBatches.Read read = SourceBatches.read(source, key);
      badRows.addAll(read.badRows());
      return DatasetBuilder.alerts(List.of(read.batch()), DATE, DatasetBuilder::binaryTarget);
    }
  }

  public static Result run(Path csv, int folds, int seed, Consumer<String> log) throws Exception {
    long start = System.nanoTime();
    List<String> bad = new ArrayList<>();
    FeatureMatrix all = load(csv, bad);
    boolean[] labels = Matrices.binary(all.labels());
    log.accept(
        String.format(
            "eth-illicit: %d accounts (%d illicit), %d bad rows, %d features each",
            all.rows(), all.positives(), bad.size(), all.columns()));
    int[] fold = StratifiedFolds.assign(labels, folds, seed);
    TrainingParams params = TrainingParams.binary(seed);
    double[] outOfFold = new double[all.rows()];
    List<Fold> results = new ArrayList<>();
    for (int k = 0; k < folds; k++) {
      int[] testRows = StratifiedFolds.rows(fold, k, true);
      int[] trainRows = StratifiedFolds.rows(fold, k, false);
      boolean[] trainLabels = new boolean[trainRows.length];
      for (int j = 0; j < trainRows.length; j++) {
        trainLabels[j] = labels[trainRows[j]];
      }
      // the validation slice comes out of the training fold only; its seed differs per fold
      int[] inner = StratifiedFolds.assign(trainLabels, VALIDATION_PARTS, seed * 31L + k + 1);
      int[] fitRows = pick(trainRows, StratifiedFolds.rows(inner, 0, false));
      int[] validRows = pick(trainRows, StratifiedFolds.rows(inner, 0, true));
      FeatureMatrix fit = Matrices.select(all, fitRows);
      FeatureMatrix valid = Matrices.select(all, validRows);
      FeatureMatrix test = Matrices.select(all, testRows);
      LightGbmTrainer.Trained model =
          LightGbmTrainer.train(params, AlertFeatureSet.NAMES, fit, valid, i -> {});
      double[] validScores = LightGbmTrainer.predict(model.modelText(), valid);
      double validThreshold =
          BinaryMetrics.bestF1(validScores, Matrices.binary(valid.labels())).threshold();
      double[] scores = LightGbmTrainer.predict(model.modelText(), test);
      for (int j = 0; j < testRows.length; j++) {
        outOfFold[testRows[j]] = scores[j];
      }
      BinaryScores s = BinaryScores.of(scores, Matrices.binary(test.labels()), validThreshold);
      results.add(new Fold(k + 1, fit.rows(), valid.rows(), model.bestIteration(), s));
      log.accept(
          String.format(
              java.util.Locale.ROOT,
              "eth-illicit fold %d/%d: AUC-ROC %.4f, AUC-PR %.4f, best F1 %.4f, F1@0.5 %.4f"
                  + " (best iteration %d)",
              k + 1,
              folds,
              s.aucRoc(),
              s.aucPr(),
              s.bestF1(),
              s.f1At05(),
              model.bestIteration()));
    }
    BinaryScores pooled = BinaryScores.of(outOfFold, labels, Double.NaN);
    return new Result(
        csv,
        all.rows(),
        (int) all.positives(),
        bad.size(),
        seed,
        List.copyOf(results),
        pooled,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static int[] pick(int[] rows, int[] positions) {
    int[] result = new int[positions.length];
    for (int j = 0; j < positions.length; j++) {
      result[j] = rows[positions[j]];
    }
    return result;
  }
}
