package io.alertscoring.training;

import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.ClusterFeatureSet;
import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.core.metrics.NdcgResult;
import io.alertscoring.core.metrics.OperatingPoint;
import io.alertscoring.core.metrics.RankingMetrics;
import io.alertscoring.schemas.input.Alert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Trains the alert scorer, the alert ranker, the cluster scorer and the live alert scorer on
 * labelled batches with a time-based split, calibrates the priority thresholds on the validation
 * dates, evaluates on the held-out latest dates and writes the four model directories plus a
 * readable report.
 *
 * <p>The live alert scorer answers before the batch is closed: it is trained on the same examples,
 * labels and split as the alert scorer but sees only their first {@link
 * AlertFeatureSet#ALERT_COLUMNS} columns ({@link AlertFeatureSet#LIVE_NAMES}), the ones an alert
 * has as soon as it and its address's features record arrive.
 *
 * <p>Labels: training and validation use only labels that had arrived by the first test date (the
 * day the model would have been trained); the test dates use every label, since the question there
 * is how good the model really was.
 */
public final class TrainingPipeline {
  /** "high" keeps the false-positive rate at or below this on validation dates. */
  public static final double HIGH_MAX_FPR = 0.02;

  /** "medium" reaches at least this recall on validation dates. */
  public static final double MEDIUM_MIN_RECALL = 0.80;

  /** Examples per model in its golden file. */
  static final int GOLDEN_ROWS = 64;

  private final int seed;
  private final String dataDescription;
  private final Consumer<String> log;

  public TrainingPipeline(int seed, String dataDescription, Consumer<String> log) {
    this.seed = seed;
    this.dataDescription = dataDescription;
    this.log = log;
  }

  /** What training produced: the headline metrics per model, for the caller and the report. */
  public record Outcome(Map<String, Map<String, Object>> metrics, TimeSplit split) {}

  public Outcome run(List<LabelledBatch> batches, Path outputDirectory) throws Exception {
    List<LabelledBatch> sorted = new ArrayList<>(batches);
    sorted.sort(
        Comparator.comparing(LabelledBatch::date).thenComparing(b -> b.batch().key().network()));
    TimeSplit split = TimeSplit.of(sorted.stream().map(LabelledBatch::date).toList(), 0.6, 0.2);
    List<LabelledBatch> train = within(sorted, split.train());
    List<LabelledBatch> validation = within(sorted, split.validation());
    List<LabelledBatch> test = within(sorted, split.test());
    LocalDate asOf = split.test().get(0);
    LocalDate everything = LocalDate.MAX;
    log.accept(
        "split: train "
            + range(split.train())
            + ", validation "
            + range(split.validation())
            + ", test "
            + range(split.test())
            + "; training labels known by "
            + asOf);

    Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
    Path reports = outputDirectory.resolve("reports");
    Files.createDirectories(reports);

    // ---- alert scorer (binary)
    FeatureMatrix scorerTrain = DatasetBuilder.alerts(train, asOf, DatasetBuilder::binaryTarget);
    FeatureMatrix scorerValid =
        DatasetBuilder.alerts(validation, asOf, DatasetBuilder::binaryTarget);
    FeatureMatrix scorerTest =
        DatasetBuilder.alerts(test, everything, DatasetBuilder::binaryTarget);
    log.accept(
        String.format(
            "alert scorer: %d/%d/%d labelled alerts (%d/%d/%d positive)",
            scorerTrain.rows(),
            scorerValid.rows(),
            scorerTest.rows(),
            scorerTrain.positives(),
            scorerValid.positives(),
            scorerTest.positives()));
    TrainingParams scorerParams = TrainingParams.binary(seed);
    LightGbmTrainer.Trained scorer =
        LightGbmTrainer.train(
            scorerParams,
            AlertFeatureSet.NAMES,
            scorerTrain,
            scorerValid,
            progress("alert scorer", scorerParams.maxRounds()));
    double[] validScores = LightGbmTrainer.predict(scorer.modelText(), scorerValid);
    boolean[] validLabels = binary(scorerValid.labels());
    OperatingPoint high = BinaryMetrics.thresholdForMaxFpr(validScores, validLabels, HIGH_MAX_FPR);
    OperatingPoint medium =
        BinaryMetrics.thresholdForMinRecall(validScores, validLabels, MEDIUM_MIN_RECALL);
    double highThreshold = Math.min(1.0, high.threshold());
    double mediumThreshold = Math.min(medium.threshold(), highThreshold);
    double[] testScores = LightGbmTrainer.predict(scorer.modelText(), scorerTest);
    Map<String, Object> scorerMetrics =
        binaryMetrics(testScores, binary(scorerTest.labels()), highThreshold);
    scorerMetrics.put("per_typology_auc_roc", perTypologyAuc(testScores, scorerTest));
    scorerMetrics.put("validation_auc_roc", BinaryMetrics.aucRoc(validScores, validLabels));
    metrics.put("alert-scorer", scorerMetrics);
    Plots.reliability(
        BinaryMetrics.reliabilityCurve(testScores, binary(scorerTest.labels()), 10),
        "alert scorer: reliability on test dates",
        reports.resolve("alert-scorer-reliability.png"));
    Plots.precisionRecall(
        BinaryMetrics.precisionRecallCurve(testScores, binary(scorerTest.labels())),
        "alert scorer: precision-recall on test dates",
        reports.resolve("alert-scorer-pr.png"));

    // ---- alert ranker (LambdaRank, one query group per batch)
    FeatureMatrix rankTrain = DatasetBuilder.alerts(train, asOf, DatasetBuilder::relevance);
    FeatureMatrix rankValid = DatasetBuilder.alerts(validation, asOf, DatasetBuilder::relevance);
    FeatureMatrix rankTest = DatasetBuilder.alerts(test, everything, DatasetBuilder::relevance);
    TrainingParams rankerParams = TrainingParams.lambdarank(seed);
    LightGbmTrainer.Trained ranker =
        LightGbmTrainer.train(
            rankerParams,
            AlertFeatureSet.NAMES,
            rankTrain,
            rankValid,
            progress("alert ranker", rankerParams.maxRounds()));
    double[] rankScores = LightGbmTrainer.predict(ranker.modelText(), rankTest);
    Map<String, Object> rankerMetrics = new LinkedHashMap<>();
    for (int k : new int[] {5, 10, 20}) {
      NdcgResult ndcg =
          RankingMetrics.meanNdcgAtK(rankScores, rankTest.labels(), rankTest.groups(), k);
      rankerMetrics.put("ndcg@" + k, ndcg.mean());
      rankerMetrics.put("ndcg@" + k + "_groups", ndcg.evaluatedGroups());
    }
    // The scorer's probabilities ranked the same way: the baseline the ranker has to beat.
    double[] scorerOnRankTest = LightGbmTrainer.predict(scorer.modelText(), rankTest);
    for (int k : new int[] {10}) {
      rankerMetrics.put(
          "baseline_scorer_ndcg@" + k,
          RankingMetrics.meanNdcgAtK(scorerOnRankTest, rankTest.labels(), rankTest.groups(), k)
              .mean());
    }
    metrics.put("alert-ranker", rankerMetrics);

    // ---- cluster scorer (binary, stacked on the alert scorer's member scores)
    FeatureMatrix clusterTrain = DatasetBuilder.clusters(train, asOf, memberScores(train, scorer));
    FeatureMatrix clusterValid =
        DatasetBuilder.clusters(validation, asOf, memberScores(validation, scorer));
    FeatureMatrix clusterTest =
        DatasetBuilder.clusters(test, everything, memberScores(test, scorer));
    log.accept(
        String.format(
            "cluster scorer: %d/%d/%d labelled clusters",
            clusterTrain.rows(), clusterValid.rows(), clusterTest.rows()));
    TrainingParams clusterParams = TrainingParams.binary(seed);
    LightGbmTrainer.Trained clusters =
        LightGbmTrainer.train(
            clusterParams,
            ClusterFeatureSet.NAMES,
            clusterTrain,
            clusterValid,
            progress("cluster scorer", clusterParams.maxRounds()));
    double[] clusterValidScores = LightGbmTrainer.predict(clusters.modelText(), clusterValid);
    boolean[] clusterValidLabels = binary(clusterValid.labels());
    double clusterHigh =
        Math.min(
            1.0,
            BinaryMetrics.thresholdForMaxFpr(clusterValidScores, clusterValidLabels, HIGH_MAX_FPR)
                .threshold());
    double clusterMedium =
        Math.min(
            clusterHigh,
            BinaryMetrics.thresholdForMinRecall(
                    clusterValidScores, clusterValidLabels, MEDIUM_MIN_RECALL)
                .threshold());
    double[] clusterTestScores = LightGbmTrainer.predict(clusters.modelText(), clusterTest);
    metrics.put(
        "cluster-scorer",
        binaryMetrics(clusterTestScores, binary(clusterTest.labels()), clusterHigh));

    // ---- live alert scorer (binary, alert-local columns only; trained last, so the three models
    // above are exactly what they were before it existed)
    int liveColumns = AlertFeatureSet.ALERT_COLUMNS;
    FeatureMatrix liveTrain = scorerTrain.firstColumns(liveColumns);
    FeatureMatrix liveValid = scorerValid.firstColumns(liveColumns);
    FeatureMatrix liveTest = scorerTest.firstColumns(liveColumns);
    TrainingParams liveParams = TrainingParams.live(seed);
    LightGbmTrainer.Trained live =
        LightGbmTrainer.train(
            liveParams,
            AlertFeatureSet.LIVE_NAMES,
            liveTrain,
            liveValid,
            progress("live alert scorer", liveParams.maxRounds()));
    double[] liveValidScores = LightGbmTrainer.predict(live.modelText(), liveValid);
    double liveHigh =
        Math.min(
            1.0,
            BinaryMetrics.thresholdForMaxFpr(liveValidScores, validLabels, HIGH_MAX_FPR)
                .threshold());
    double liveMedium =
        Math.min(
            liveHigh,
            BinaryMetrics.thresholdForMinRecall(liveValidScores, validLabels, MEDIUM_MIN_RECALL)
                .threshold());
    double[] liveTestScores = LightGbmTrainer.predict(live.modelText(), liveTest);
    boolean[] testLabels = binary(scorerTest.labels());
    Map<String, Object> liveMetrics = binaryMetrics(liveTestScores, testLabels, liveHigh);
    liveMetrics.put("per_typology_auc_roc", perTypologyAuc(liveTestScores, liveTest));
    liveMetrics.put("validation_auc_roc", BinaryMetrics.aucRoc(liveValidScores, validLabels));
    ModelSize liveSize = ModelSize.of(live.modelText());
    liveMetrics.put("trees", liveSize.trees());
    liveMetrics.put("leaves", liveSize.leaves());
    metrics.put("alert-live-scorer", liveMetrics);
    Plots.reliability(
        BinaryMetrics.reliabilityCurve(liveTestScores, testLabels, 10),
        "live alert scorer: reliability on test dates",
        reports.resolve("alert-live-scorer-reliability.png"));
    Plots.precisionRecall(
        BinaryMetrics.precisionRecallCurve(liveTestScores, testLabels),
        "live alert scorer: precision-recall on test dates",
        reports.resolve("alert-live-scorer-pr.png"));

    // ---- write
    String dataHash = ModelWriter.fingerprint(scorerTrain, scorerValid, scorerTest);
    String version = "v1-" + dataHash.substring(0, 12);
    ModelWriter.write(
        outputDirectory.resolve("alert-scorer"),
        "alert-scorer",
        version,
        scorer.modelText(),
        AlertFeatureSet.NAMES,
        mediumThreshold,
        highThreshold,
        record(
            scorerParams,
            scorer,
            split,
            dataHash,
            metrics.get("alert-scorer"),
            "high: FPR <= "
                + HIGH_MAX_FPR
                + " on validation dates; medium: recall >= "
                + MEDIUM_MIN_RECALL
                + " on validation dates"));
    ModelWriter.write(
        outputDirectory.resolve("alert-ranker"),
        "alert-ranker",
        version,
        ranker.modelText(),
        AlertFeatureSet.NAMES,
        mediumThreshold,
        highThreshold,
        record(
            rankerParams,
            ranker,
            split,
            dataHash,
            rankerMetrics,
            "thresholds unused: the ranker's output is a raw ranking score"));
    ModelWriter.write(
        outputDirectory.resolve("cluster-scorer"),
        "cluster-scorer",
        version,
        clusters.modelText(),
        ClusterFeatureSet.NAMES,
        clusterMedium,
        clusterHigh,
        record(
            clusterParams,
            clusters,
            split,
            ModelWriter.fingerprint(clusterTrain, clusterValid, clusterTest),
            metrics.get("cluster-scorer"),
            "as the alert scorer"));
    Map<String, Object> liveRecord =
        record(
            liveParams,
            live,
            split,
            ModelWriter.fingerprint(liveTrain, liveValid, liveTest),
            liveMetrics,
            "as the alert scorer, on the live scorer's own validation scores");
    liveRecord.put(
        "features",
        "AlertFeatureSet.LIVE_NAMES: the first "
            + liveColumns
            + " of the alert scorer's "
            + AlertFeatureSet.NAMES.size()
            + " columns (alert-level and SOT families), the same examples and labels");
    liveRecord.put("max_rounds", liveParams.maxRounds());
    liveRecord.put("early_stopping_rounds", liveParams.earlyStoppingRounds());
    ModelWriter.write(
        outputDirectory.resolve("alert-live-scorer"),
        "alert-live-scorer",
        version,
        live.modelText(),
        AlertFeatureSet.LIVE_NAMES,
        liveMedium,
        liveHigh,
        liveRecord);
    ModelWriter.writeGolden(
        outputDirectory.resolve("alert-scorer"), scorer.modelText(), scorerTest, GOLDEN_ROWS);
    ModelWriter.writeGolden(
        outputDirectory.resolve("alert-ranker"), ranker.modelText(), rankTest, GOLDEN_ROWS);
    ModelWriter.writeGolden(
        outputDirectory.resolve("cluster-scorer"), clusters.modelText(), clusterTest, GOLDEN_ROWS);
    ModelWriter.writeGolden(
        outputDirectory.resolve("alert-live-scorer"), live.modelText(), liveTest, GOLDEN_ROWS);
    Files.writeString(
        reports.resolve("training-report.md"),
        report(metrics, split, version, ModelSize.of(scorer.modelText()), liveSize));
    return new Outcome(metrics, split);
  }

  private Map<String, Object> record(
      TrainingParams params,
      LightGbmTrainer.Trained trained,
      TimeSplit split,
      String dataHash,
      Map<String, Object> testMetrics,
      String thresholds) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("description", dataDescription);
    record.put("data_sha256", dataHash);
    record.put(
        "split",
        Map.of(
            "train",
            range(split.train()),
            "validation",
            range(split.validation()),
            "test",
            range(split.test())));
    record.put("hyperparameters", params.asMap());
    record.put("best_iteration", trained.bestIteration());
    record.put("validation_metric", params.metric());
    record.put("validation_metric_best", trained.bestValidationMetric());
    record.put("metrics_test", testMetrics);
    record.put("threshold_rule", thresholds);
    return record;
  }

  private static Map<String, Object> binaryMetrics(
      double[] scores, boolean[] labels, double threshold) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("examples", scores.length);
    m.put("positives", BinaryMetrics.positives(labels));
    m.put("auc_roc", BinaryMetrics.aucRoc(scores, labels));
    m.put("auc_pr", BinaryMetrics.averagePrecision(scores, labels));
    OperatingPoint atHigh = BinaryMetrics.at(scores, labels, threshold);
    m.put("f1_at_high_threshold", atHigh.f1());
    m.put("precision_at_high_threshold", atHigh.precision());
    m.put("recall_at_high_threshold", atHigh.recall());
    m.put("fpr_at_high_threshold", atHigh.falsePositiveRate());
    OperatingPoint best = BinaryMetrics.bestF1(scores, labels);
    m.put("best_f1", best.f1());
    m.put("best_f1_threshold", best.threshold());
    m.put("brier", BinaryMetrics.brier(scores, labels));
    m.put("ece", BinaryMetrics.expectedCalibrationError(scores, labels));
    return m;
  }

  private static Map<String, Double> perTypologyAuc(double[] scores, FeatureMatrix data) {
    Map<String, List<Integer>> rows = new TreeMap<>();
    for (int i = 0; i < data.rows(); i++) {
      rows.computeIfAbsent(data.typologies().get(i), t -> new ArrayList<>()).add(i);
    }
    Map<String, Double> result = new LinkedHashMap<>();
    rows.forEach(
        (typology, indexes) -> {
          double[] s = new double[indexes.size()];
          boolean[] l = new boolean[indexes.size()];
          for (int j = 0; j < s.length; j++) {
            s[j] = scores[indexes.get(j)];
            l[j] = data.labels()[indexes.get(j)] > 0;
          }
          int positives = BinaryMetrics.positives(l);
          if (positives > 0 && positives < l.length) {
            result.put(typology, BinaryMetrics.aucRoc(s, l));
          }
        });
    return result;
  }

  /** The alert scorer's probability for every alert of every batch (labelled or not). */
  private static List<Map<String, Double>> memberScores(
      List<LabelledBatch> batches, LightGbmTrainer.Trained scorer) throws Exception {
    List<Map<String, Double>> result = new ArrayList<>();
    for (LabelledBatch batch : batches) {
      double[][] vectors = AlertFeatureSet.vectors(batch.batch());
      int columns = AlertFeatureSet.NAMES.size();
      double[] flat = new double[vectors.length * columns];
      for (int i = 0; i < vectors.length; i++) {
        System.arraycopy(vectors[i], 0, flat, i * columns, columns);
      }
      double[] scores =
          LightGbmTrainer.predict(
              scorer.modelText(),
              new FeatureMatrix(
                  flat,
                  vectors.length,
                  columns,
                  new double[vectors.length],
                  new int[0],
                  List.of(),
                  List.of()));
      Map<String, Double> byId = new HashMap<>();
      List<Alert> alerts = batch.batch().alerts();
      for (int i = 0; i < alerts.size(); i++) {
        byId.put(alerts.get(i).alertId(), scores[i]);
      }
      result.add(byId);
    }
    return result;
  }

  private static List<LabelledBatch> within(List<LabelledBatch> batches, List<LocalDate> dates) {
    return batches.stream().filter(b -> dates.contains(b.date())).toList();
  }

  private static boolean[] binary(double[] labels) {
    boolean[] result = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      result[i] = labels[i] > 0;
    }
    return result;
  }

  private static String range(List<LocalDate> dates) {
    return dates.get(0) + ".." + dates.get(dates.size() - 1);
  }

  private java.util.function.IntConsumer progress(String model, int maxRounds) {
    return iteration -> {
      if (iteration % 50 == 0) {
        log.accept(model + ": iteration " + iteration + "/" + maxRounds + " (early stopping on)");
      }
    };
  }

  /** Trees and leaves of a LightGBM text model. */
  record ModelSize(int trees, long leaves) {
    static ModelSize of(String modelText) {
      int trees = 0;
      long leaves = 0;
      for (String line : (Iterable<String>) modelText.lines()::iterator) {
        if (line.startsWith("Tree=")) {
          trees++;
        } else if (line.startsWith("num_leaves=")) {
          leaves += Long.parseLong(line.substring("num_leaves=".length()).trim());
        }
      }
      return new ModelSize(trees, leaves);
    }
  }

  private String report(
      Map<String, Map<String, Object>> metrics,
      TimeSplit split,
      String version,
      ModelSize finalSize,
      ModelSize liveSize) {
    StringBuilder md = new StringBuilder();
    md.append("# Training report ").append(version).append("\n\n");
    md.append("Data: ").append(dataDescription).append("\n\n");
    md.append("Time split: train ")
        .append(range(split.train()))
        .append(", validation ")
        .append(range(split.validation()))
        .append(", test (held out) ")
        .append(range(split.test()))
        .append(".\n\n");
    metrics.forEach(
        (model, values) -> {
          md.append("## ").append(model).append(" (test dates)\n\n| metric | value |\n|---|---|\n");
          values.forEach(
              (name, value) ->
                  md.append("| ")
                      .append(name)
                      .append(" | ")
                      .append(
                          value instanceof Double d
                              ? String.format(java.util.Locale.ROOT, "%.4f", d)
                              : value)
                      .append(" |\n"));
          md.append('\n');
        });
    md.append(
        liveComparison(
            metrics.get("alert-scorer"), metrics.get("alert-live-scorer"), finalSize, liveSize));
    md.append(
        "Plots: `alert-scorer-reliability.png`, `alert-scorer-pr.png`,"
            + " `alert-live-scorer-reliability.png`, `alert-live-scorer-pr.png`.\n");
    return md.toString();
  }

  /** The live scorer beside the final one: what answering before the batch closes costs. */
  private static String liveComparison(
      Map<String, Object> last, Map<String, Object> live, ModelSize finalSize, ModelSize liveSize) {
    StringBuilder md = new StringBuilder();
    md.append("## live vs final alert scorer (test dates)\n\n")
        .append("| metric | final (")
        .append(AlertFeatureSet.NAMES.size())
        .append(" columns) | live (")
        .append(AlertFeatureSet.LIVE_NAMES.size())
        .append(" columns) | live - final |\n|---|---|---|---|\n");
    for (String name :
        List.of(
            "auc_roc",
            "auc_pr",
            "f1_at_high_threshold",
            "precision_at_high_threshold",
            "recall_at_high_threshold",
            "fpr_at_high_threshold",
            "best_f1",
            "brier",
            "ece")) {
      double f = (Double) last.get(name);
      double l = (Double) live.get(name);
      md.append(
          String.format(
              java.util.Locale.ROOT, "| %s | %.4f | %.4f | %+.4f |\n", name, f, l, l - f));
    }
    md.append(
        String.format(
            java.util.Locale.ROOT,
            "| trees / leaves | %d / %d | %d / %d | |\n\n",
            finalSize.trees(),
            finalSize.leaves(),
            liveSize.trees(),
            liveSize.leaves()));
    return md.toString();
  }
}
