package io.alertscoring.training;

import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.ClusterFeatureSet;
import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.core.metrics.Bootstrap;
import io.alertscoring.core.metrics.BootstrapInterval;
import io.alertscoring.core.metrics.NdcgResult;
import io.alertscoring.core.metrics.OperatingPoint;
import io.alertscoring.core.metrics.RankingMetrics;
import io.alertscoring.core.metrics.ScoreMetric;
import io.alertscoring.core.model.Calibration;
import io.alertscoring.core.model.ModelManifest;
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

  /**
   * The ranker is served only if its held-out NDCG@10 beats the alert scorer's calibrated
   * probability, sorted, by at least this much; otherwise the batch is ordered by the scorer.
   */
  public static final double RANKER_MIN_NDCG_GAIN = 0.01;

  /** Examples per model in its golden file. */
  static final int GOLDEN_ROWS = 64;

  private final int seed;
  private final String dataDescription;
  private final Consumer<String> log;
  private final int tune;
  private final String library;
  private boolean anomalyExperiment;

  public TrainingPipeline(int seed, String dataDescription, Consumer<String> log) {
    this(seed, dataDescription, log, 0);
  }

  public TrainingPipeline(int seed, String dataDescription, Consumer<String> log, int tune) {
    this(seed, dataDescription, log, tune, ModelWriter.LIBRARY);
  }

  /**
   * @param tune candidates of the alert scorer's parameter search ({@link ParameterSearch}); 0
   *     trains {@link TrainingParams#scorer} directly
   */
  /**
   * @param library the alert scorer's trainer: {@value ModelWriter#LIBRARY} or {@value
   *     XGBoostTrainer#LIBRARY} (the ranker, the cluster scorer and the live scorer are LightGBM
   *     either way)
   */
  public TrainingPipeline(
      int seed, String dataDescription, Consumer<String> log, int tune, String library) {
    if (!library.equals(ModelWriter.LIBRARY) && !library.equals(XGBoostTrainer.LIBRARY)) {
      throw new IllegalArgumentException(
          "library must be " + ModelWriter.LIBRARY + " or " + XGBoostTrainer.LIBRARY);
    }
    if (tune > 0 && !library.equals(ModelWriter.LIBRARY)) {
      throw new IllegalArgumentException("--tune searches LightGBM parameters only");
    }
    this.library = library;
    this.seed = seed;
    this.dataDescription = dataDescription;
    this.log = log;
    this.tune = tune;
  }

  /**
   * Also runs {@link AnomalyExperiment} and writes {@code reports/anomaly-experiment.md} (not part
   * of the shipped models' output).
   */
  public TrainingPipeline withAnomalyExperiment(boolean on) {
    this.anomalyExperiment = on;
    return this;
  }

  /** What training produced: the headline metrics per model, for the caller and the report. */
  public record Outcome(
      Map<String, Map<String, Object>> metrics,
      Map<String, Map<String, Object>> unseenMetrics,
      TimeSplit split) {}

  public Outcome run(List<LabelledBatch> batches, Path outputDirectory) throws Exception {
    return run(batches, List.of(), "", outputDirectory);
  }

  /**
   * @param unseen batches of another economy (another generator seed), judged with every label: the
   *     second held-out evaluation of every model; empty to skip it
   * @param unseenDescription what {@code unseen} is, for the manifests
   */
  public Outcome run(
      List<LabelledBatch> batches,
      List<LabelledBatch> unseen,
      String unseenDescription,
      Path outputDirectory)
      throws Exception {
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
    TrainingParams scorerParams = TrainingParams.scorer(seed);
    ParameterSearch.Result search = null;
    if (tune > 0) {
      search =
          ParameterSearch.run(
              scorerParams, AlertFeatureSet.NAMES, scorerTrain, scorerValid, tune, seed, log);
      Files.writeString(reports.resolve("tuning.md"), search.markdown());
      scorerParams = search.chosen().params();
      log.accept("tune: chosen " + scorerParams.asMap());
    }
    boolean xgboost = library.equals(XGBoostTrainer.LIBRARY);
    LightGbmTrainer.Trained scorer =
        xgboost
            ? XGBoostTrainer.train(
                scorerParams,
                AlertFeatureSet.NAMES,
                scorerTrain,
                scorerValid,
                progress("alert scorer (xgboost)", scorerParams.maxRounds()))
            : LightGbmTrainer.train(
                scorerParams,
                AlertFeatureSet.NAMES,
                scorerTrain,
                scorerValid,
                progress("alert scorer", scorerParams.maxRounds()));
    // the scorer's raw margins: lightgbm4j's for LightGBM, the pure-Java evaluator's for XGBoost
    RawScores scorerRaw =
        xgboost
            ? m -> XGBoostTrainer.predictRaw(scorer.modelText(), m)
            : m -> LightGbmTrainer.predictRaw(scorer.modelText(), m);
    boolean[] validLabels = binary(scorerValid.labels());
    double[] validRaw = scorerRaw.apply(scorerValid);
    Calibration scorerCalibration = Calibration.fit(validRaw, validLabels);
    double[] validScores = calibrate(scorerCalibration, validRaw);
    OperatingPoint high = BinaryMetrics.thresholdForMaxFpr(validScores, validLabels, HIGH_MAX_FPR);
    OperatingPoint medium =
        BinaryMetrics.thresholdForMinRecall(validScores, validLabels, MEDIUM_MIN_RECALL);
    double highThreshold = Math.min(1.0, high.threshold());
    double mediumThreshold = Math.min(medium.threshold(), highThreshold);
    double[] testScores = calibrate(scorerCalibration, scorerRaw.apply(scorerTest));
    Map<String, Object> scorerMetrics =
        binaryMetrics(testScores, binary(scorerTest.labels()), highThreshold);
    scorerMetrics.put("per_typology_auc_roc", perTypologyAuc(testScores, scorerTest));
    scorerMetrics.put("validation_auc_roc", BinaryMetrics.aucRoc(validScores, validLabels));
    scorerMetrics.put(
        "uncalibrated_ece",
        BinaryMetrics.expectedCalibrationError(
            calibrate(new Calibration(1, 0), scorerRaw.apply(scorerTest)),
            binary(scorerTest.labels())));
    if (search != null) {
      scorerMetrics.put("tuning_candidates", search.candidates().size());
      scorerMetrics.put("tuning_best_validation_auc_pr", search.best().validationAucPr());
      scorerMetrics.put("tuning_chosen_validation_auc_pr", search.chosen().validationAucPr());
    }
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
    double[] scorerOnRankTest = calibrate(scorerCalibration, scorerRaw.apply(rankTest));
    for (int k : new int[] {5, 10, 20}) {
      rankerMetrics.put(
          "baseline_scorer_ndcg@" + k,
          RankingMetrics.meanNdcgAtK(scorerOnRankTest, rankTest.labels(), rankTest.groups(), k)
              .mean());
    }
    double[] gain = ndcgGainInterval(scorerOnRankTest, rankScores, rankTest, 10);
    rankerMetrics.put("ndcg@10_gain_over_scorer", gain[0]);
    rankerMetrics.put("ndcg@10_gain_over_scorer_ci95", List.of(gain[1], gain[2]));
    String servingOrder =
        gain[0] >= RANKER_MIN_NDCG_GAIN ? ModelManifest.ORDER_RANKER : ModelManifest.ORDER_SCORER;
    rankerMetrics.put("serving_order", servingOrder);
    log.accept(
        String.format(
            java.util.Locale.ROOT,
            "alert ranker: NDCG@10 %.4f vs the calibrated scorer's order %.4f on test dates:"
                + " serving the %s order",
            rankerMetrics.get("ndcg@10"),
            rankerMetrics.get("baseline_scorer_ndcg@10"),
            servingOrder));
    metrics.put("alert-ranker", rankerMetrics);

    // ---- cluster scorer (binary, stacked on the alert scorer's member scores)
    FeatureMatrix clusterTrain =
        DatasetBuilder.clusters(train, asOf, memberScores(train, scorerRaw, scorerCalibration));
    FeatureMatrix clusterValid =
        DatasetBuilder.clusters(
            validation, asOf, memberScores(validation, scorerRaw, scorerCalibration));
    FeatureMatrix clusterTest =
        DatasetBuilder.clusters(test, everything, memberScores(test, scorerRaw, scorerCalibration));
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
    boolean[] clusterValidLabels = binary(clusterValid.labels());
    double[] clusterValidRaw = LightGbmTrainer.predictRaw(clusters.modelText(), clusterValid);
    Calibration clusterCalibration = Calibration.fit(clusterValidRaw, clusterValidLabels);
    double[] clusterValidScores = calibrate(clusterCalibration, clusterValidRaw);
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
    double[] clusterTestScores =
        calibrate(
            clusterCalibration, LightGbmTrainer.predictRaw(clusters.modelText(), clusterTest));
    Map<String, Object> clusterMetrics =
        binaryMetrics(clusterTestScores, binary(clusterTest.labels()), clusterHigh);
    clusterMetrics.put(
        "uncalibrated_ece",
        BinaryMetrics.expectedCalibrationError(
            LightGbmTrainer.predict(clusters.modelText(), clusterTest),
            binary(clusterTest.labels())));
    metrics.put("cluster-scorer", clusterMetrics);
    Plots.reliability(
        BinaryMetrics.reliabilityCurve(clusterTestScores, binary(clusterTest.labels()), 10),
        "cluster scorer: reliability on test dates",
        reports.resolve("cluster-scorer-reliability.png"));

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
    double[] liveValidRaw = LightGbmTrainer.predictRaw(live.modelText(), liveValid);
    Calibration liveCalibration = Calibration.fit(liveValidRaw, validLabels);
    double[] liveValidScores = calibrate(liveCalibration, liveValidRaw);
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
    double[] liveTestScores =
        calibrate(liveCalibration, LightGbmTrainer.predictRaw(live.modelText(), liveTest));
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

    // ---- the unseen economy: every model on another generator seed's data, every label known
    // (its batches on the test dates when it has any: the same age of economy as the test dates)
    Map<String, Map<String, Object>> unseenMetrics = new LinkedHashMap<>();
    List<LabelledBatch> unseenOnTestDates = within(unseen, split.test());
    if (!unseenOnTestDates.isEmpty()) {
      unseen = unseenOnTestDates;
    }
    if (!unseen.isEmpty()) {
      String unseenDates =
          range(unseen.stream().map(LabelledBatch::date).distinct().sorted().toList());
      FeatureMatrix u = DatasetBuilder.alerts(unseen, everything, DatasetBuilder::binaryTarget);
      boolean[] uLabels = binary(u.labels());
      double[] uScores = calibrate(scorerCalibration, scorerRaw.apply(u));
      Map<String, Object> uScorer = binaryMetrics(uScores, uLabels, highThreshold);
      uScorer.put("per_typology_auc_roc", perTypologyAuc(uScores, u));
      unseenMetrics.put("alert-scorer", uScorer);
      FeatureMatrix uLive = u.firstColumns(liveColumns);
      unseenMetrics.put(
          "alert-live-scorer",
          binaryMetrics(
              calibrate(liveCalibration, LightGbmTrainer.predictRaw(live.modelText(), uLive)),
              uLabels,
              liveHigh));
      FeatureMatrix uRank = DatasetBuilder.alerts(unseen, everything, DatasetBuilder::relevance);
      double[] uRanker = LightGbmTrainer.predict(ranker.modelText(), uRank);
      double[] uBaseline = calibrate(scorerCalibration, scorerRaw.apply(uRank));
      Map<String, Object> uRanking = new LinkedHashMap<>();
      uRanking.put(
          "ndcg@10",
          RankingMetrics.meanNdcgAtK(uRanker, uRank.labels(), uRank.groups(), 10).mean());
      uRanking.put(
          "baseline_scorer_ndcg@10",
          RankingMetrics.meanNdcgAtK(uBaseline, uRank.labels(), uRank.groups(), 10).mean());
      double[] uGain = ndcgGainInterval(uBaseline, uRanker, uRank, 10);
      uRanking.put("ndcg@10_gain_over_scorer", uGain[0]);
      uRanking.put("ndcg@10_gain_over_scorer_ci95", List.of(uGain[1], uGain[2]));
      unseenMetrics.put("alert-ranker", uRanking);
      FeatureMatrix uClusters =
          DatasetBuilder.clusters(
              unseen, everything, memberScores(unseen, scorerRaw, scorerCalibration));
      unseenMetrics.put(
          "cluster-scorer",
          binaryMetrics(
              calibrate(
                  clusterCalibration, LightGbmTrainer.predictRaw(clusters.modelText(), uClusters)),
              binary(uClusters.labels()),
              clusterHigh));
      unseenMetrics.forEach(
          (model, values) ->
              values.put(
                  "description",
                  unseenDescription
                      + "; judged on its dates "
                      + unseenDates
                      + ", every label known"));
      log.accept(
          String.format(
              java.util.Locale.ROOT,
              "unseen economy: %d labelled alerts (%d positive); alert scorer AUC-ROC %.4f AUC-PR %.4f",
              u.rows(),
              u.positives(),
              uScorer.get("auc_roc"),
              uScorer.get("auc_pr")));
    }

    if (anomalyExperiment) {
      FeatureMatrix u =
          unseen.isEmpty()
              ? null
              : DatasetBuilder.alerts(unseen, everything, DatasetBuilder::binaryTarget);
      Files.writeString(
          reports.resolve("anomaly-experiment.md"),
          AnomalyExperiment.run(
              scorerParams,
              scorerTrain,
              scorerValid,
              scorerTest,
              u,
              scorerRaw.apply(scorerTest),
              u == null ? new double[0] : scorerRaw.apply(u),
              seed,
              log));
    }

    // ---- write
    String dataHash = ModelWriter.fingerprint(scorerTrain, scorerValid, scorerTest);
    String version = "v1-" + dataHash.substring(0, 12);
    Map<String, Object> scorerRecord =
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
                + " on validation dates (both on calibrated probabilities)",
            unseenMetrics.get("alert-scorer"));
    if (xgboost) {
      scorerRecord.put("hyperparameters", XGBoostTrainer.parameters(scorerParams));
      scorerRecord.put("max_rounds", scorerParams.maxRounds());
      scorerRecord.put("early_stopping_rounds", scorerParams.earlyStoppingRounds());
    }
    ModelWriter.write(
        outputDirectory.resolve("alert-scorer"),
        "alert-scorer",
        version,
        xgboost ? XGBoostTrainer.LIBRARY : ModelWriter.LIBRARY,
        xgboost ? XGBoostTrainer.LIBRARY_VERSION : ModelWriter.LIBRARY_VERSION,
        xgboost ? XGBoostTrainer.MODEL_FILE : ModelWriter.MODEL_FILE,
        scorer.modelText(),
        AlertFeatureSet.NAMES,
        mediumThreshold,
        highThreshold,
        scorerRecord,
        scorerCalibration.asMap(),
        null);
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
            "thresholds unused: the ranker's output is a raw ranking score",
            unseenMetrics.get("alert-ranker")),
        null,
        servingOrder);
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
            "as the alert scorer",
            unseenMetrics.get("cluster-scorer")),
        clusterCalibration.asMap(),
        null);
    Map<String, Object> liveRecord =
        record(
            liveParams,
            live,
            split,
            ModelWriter.fingerprint(liveTrain, liveValid, liveTest),
            liveMetrics,
            "as the alert scorer, on the live scorer's own validation scores",
            unseenMetrics.get("alert-live-scorer"));
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
        liveRecord,
        liveCalibration.asMap(),
        null);
    if (xgboost) {
      ModelWriter.writeGolden(
          outputDirectory.resolve("alert-scorer"),
          scorerTest,
          GOLDEN_ROWS,
          m -> XGBoostTrainer.nativeRaw(scorer.modelText(), m),
          "xgboost4j " + XGBoostTrainer.LIBRARY_VERSION + " predict, output margin (float)");
    } else {
      ModelWriter.writeGolden(
          outputDirectory.resolve("alert-scorer"), scorer.modelText(), scorerTest, GOLDEN_ROWS);
    }
    ModelWriter.writeGolden(
        outputDirectory.resolve("alert-ranker"), ranker.modelText(), rankTest, GOLDEN_ROWS);
    ModelWriter.writeGolden(
        outputDirectory.resolve("cluster-scorer"), clusters.modelText(), clusterTest, GOLDEN_ROWS);
    ModelWriter.writeGolden(
        outputDirectory.resolve("alert-live-scorer"), live.modelText(), liveTest, GOLDEN_ROWS);
    Files.writeString(
        reports.resolve("training-report.md"),
        report(
            metrics,
            unseenMetrics,
            split,
            version,
            xgboost ? ModelSize.ofXgboost(scorer.modelText()) : ModelSize.of(scorer.modelText()),
            liveSize));
    return new Outcome(metrics, unseenMetrics, split);
  }

  private Map<String, Object> record(
      TrainingParams params,
      LightGbmTrainer.Trained trained,
      TimeSplit split,
      String dataHash,
      Map<String, Object> testMetrics,
      String thresholds,
      Map<String, Object> unseenMetrics) {
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
    if (unseenMetrics != null) {
      record.put("metrics_unseen_economy", unseenMetrics);
    }
    record.put(
        "calibration_rule",
        "Platt scaling of the raw score fitted on the validation dates (binary models); test and"
            + " unseen-economy metrics are of the calibrated probabilities");
    record.put("threshold_rule", thresholds);
    return record;
  }

  private static Map<String, Object> binaryMetrics(
      double[] scores, boolean[] labels, double threshold) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("examples", scores.length);
    m.put("positives", BinaryMetrics.positives(labels));
    m.put("auc_roc", BinaryMetrics.aucRoc(scores, labels));
    m.put("auc_roc_ci95", interval(scores, labels, BinaryMetrics::aucRoc));
    m.put("auc_pr", BinaryMetrics.averagePrecision(scores, labels));
    m.put("auc_pr_ci95", interval(scores, labels, BinaryMetrics::averagePrecision));
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
    m.put("ece_ci95", interval(scores, labels, BinaryMetrics::expectedCalibrationError));
    return m;
  }

  /** Stratified percentile bootstrap, 95 %, 1,000 resamples, the project's fixed seed. */
  private static List<Double> interval(double[] scores, boolean[] labels, ScoreMetric metric) {
    BootstrapInterval ci = BootstrapInterval.of(scores, labels, metric);
    return List.of(ci.lower(), ci.upper());
  }

  private static double[] calibrate(Calibration calibration, double[] raw) {
    double[] p = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      p[i] = calibration.apply(raw[i]);
    }
    return p;
  }

  /**
   * NDCG@k of {@code candidate} minus that of {@code baseline}, averaged over the query groups with
   * a relevant item, and its 95 % percentile interval from 1,000 resamples of the groups (paired:
   * both orders of one group are resampled together). Returns {gain, lower, upper}.
   */
  private static double[] ndcgGainInterval(
      double[] baseline, double[] candidate, FeatureMatrix data, int k) {
    List<Double> differences = new ArrayList<>();
    int start = 0;
    for (int size : data.groups()) {
      double[] b = java.util.Arrays.copyOfRange(baseline, start, start + size);
      double[] c = java.util.Arrays.copyOfRange(candidate, start, start + size);
      double[] r = java.util.Arrays.copyOfRange(data.labels(), start, start + size);
      start += size;
      java.util.OptionalDouble nb = RankingMetrics.ndcgAtK(b, r, k);
      if (nb.isPresent()) {
        differences.add(RankingMetrics.ndcgAtK(c, r, k).getAsDouble() - nb.getAsDouble());
      }
    }
    int n = differences.size();
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double mean = differences.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    java.util.Random random = new java.util.Random(Bootstrap.DEFAULT_SEED);
    double[] means = new double[Bootstrap.DEFAULT_ITERATIONS];
    for (int it = 0; it < means.length; it++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        sum += differences.get(random.nextInt(n));
      }
      means[it] = sum / n;
    }
    java.util.Arrays.sort(means);
    return new double[] {mean, quantile(means, 0.025), quantile(means, 0.975)};
  }

  private static double quantile(double[] sorted, double probability) {
    double position = probability * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
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
      List<LabelledBatch> batches, RawScores scorer, Calibration calibration) throws Exception {
    List<Map<String, Double>> result = new ArrayList<>();
    for (LabelledBatch batch : batches) {
      double[][] vectors = AlertFeatureSet.vectors(batch.batch());
      int columns = AlertFeatureSet.NAMES.size();
      double[] flat = new double[vectors.length * columns];
      for (int i = 0; i < vectors.length; i++) {
        System.arraycopy(vectors[i], 0, flat, i * columns, columns);
      }
      double[] raw =
          scorer.apply(
              new FeatureMatrix(
                  flat,
                  vectors.length,
                  columns,
                  new double[vectors.length],
                  new int[0],
                  List.of(),
                  List.of()));
      double[] scores = calibrate(calibration, raw);
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

  /** Raw margins of a model on a matrix. */
  @FunctionalInterface
  interface RawScores {
    double[] apply(FeatureMatrix data) throws Exception;
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

    static ModelSize ofXgboost(String json) {
      io.alertscoring.core.model.trees.TreeEnsemble e =
          io.alertscoring.core.model.trees.XGBoostJsonParser.parse(json);
      return new ModelSize(e.numTrees(), e.numLeaves());
    }
  }

  private String report(
      Map<String, Map<String, Object>> metrics,
      Map<String, Map<String, Object>> unseenMetrics,
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
    Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
    metrics.forEach((model, values) -> sections.put(model + " (test dates)", values));
    unseenMetrics.forEach((model, values) -> sections.put(model + " (unseen economy)", values));
    sections.forEach(
        (model, values) -> {
          md.append("## ").append(model).append("\n\n| metric | value |\n|---|---|\n");
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
            + " `alert-live-scorer-reliability.png`, `alert-live-scorer-pr.png`,"
            + " `cluster-scorer-reliability.png` (calibrated probabilities, test dates).\n");
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
