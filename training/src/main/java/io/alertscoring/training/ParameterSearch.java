package io.alertscoring.training;

import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.core.model.trees.FastTreeShap;
import io.alertscoring.core.model.trees.LightGbmModelParser;
import io.alertscoring.core.model.trees.TreeEnsemble;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * {@code train --tune N}: a seeded random search over the main LightGBM parameters of the alert
 * scorer on the time split (train on the training dates, early stopping and AUC-PR on the
 * validation dates; the test dates are not looked at). Each candidate's explanation cost is
 * measured with the pure-Java evaluator's exact TreeSHAP, the one the job runs for every alert.
 *
 * <p>Choice: the candidate with the fewest leaves among those within {@link #AUC_PR_TOLERANCE} of
 * the best validation AUC-PR. Leaves, not the measured microseconds, decide, so the choice is
 * reproducible on a loaded machine; TreeSHAP's cost grows with the leaves (times depth), and the
 * measured cost is reported beside them.
 */
public final class ParameterSearch {
  /** A candidate may lose at most this much validation AUC-PR against the best one. */
  public static final double AUC_PR_TOLERANCE = 0.01;

  static final int[] NUM_LEAVES = {7, 15, 31, 63};
  static final double[] LEARNING_RATES = {0.05, 0.1, 0.2};
  static final int[] MIN_DATA_IN_LEAF = {10, 20, 50};
  static final double[] FEATURE_FRACTIONS = {0.6, 0.8, 1.0};
  static final double[] LAMBDA_L2 = {0.0, 1.0, 5.0};

  /** Keeps the timed explanations from being optimised away. */
  static volatile double blackhole;

  private ParameterSearch() {}

  /** One searched model. */
  public record Candidate(
      TrainingParams params,
      int bestIteration,
      int trees,
      long leaves,
      double validationAucPr,
      double validationAucRoc,
      double explanationMicros) {}

  /** The search: every candidate in search order, and the chosen one. */
  public record Result(List<Candidate> candidates, Candidate chosen, Candidate best) {
    public String markdown() {
      StringBuilder md = new StringBuilder();
      md.append("# Parameter search of the alert scorer\n\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "%d candidates, seeded; validation dates only. Chosen: the fewest leaves within"
                      + " %.3f validation AUC-PR of the best (%.4f).\n\n",
                  candidates.size(),
                  AUC_PR_TOLERANCE,
                  best.validationAucPr()))
          .append(
              "| # | leaves/tree | learning rate | min data | feature fraction | lambda l2 | trees |"
                  + " leaves | val AUC-PR | val AUC-ROC | explanation us/alert | |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (int i = 0; i < candidates.size(); i++) {
        Candidate c = candidates.get(i);
        TrainingParams p = c.params();
        md.append(
            String.format(
                Locale.ROOT,
                "| %d | %d | %.2f | %d | %.1f | %.1f | %d | %d | %.4f | %.4f | %.1f | %s |\n",
                i + 1,
                p.numLeaves(),
                p.learningRate(),
                p.minDataInLeaf(),
                p.featureFraction(),
                p.lambdaL2(),
                c.trees(),
                c.leaves(),
                c.validationAucPr(),
                c.validationAucRoc(),
                c.explanationMicros(),
                c == chosen ? "**chosen**" : c == best ? "best" : ""));
      }
      return md.toString();
    }
  }

  /**
   * @param base the parameters the search varies (objective, rounds, bagging and seed are kept)
   * @param n candidates; the first is {@code base} itself
   */
  public static Result run(
      TrainingParams base,
      List<String> featureNames,
      FeatureMatrix train,
      FeatureMatrix validation,
      int n,
      long seed,
      Consumer<String> log)
      throws Exception {
    if (n < 1) {
      throw new IllegalArgumentException("--tune needs at least one candidate, got " + n);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<TrainingParams> grid = new ArrayList<>();
    grid.add(base);
    while (grid.size() < n) {
      TrainingParams p =
          new TrainingParams(
              base.objective(),
              base.metric(),
              base.maxRounds(),
              base.earlyStoppingRounds(),
              LEARNING_RATES[random.nextInt(LEARNING_RATES.length)],
              NUM_LEAVES[random.nextInt(NUM_LEAVES.length)],
              MIN_DATA_IN_LEAF[random.nextInt(MIN_DATA_IN_LEAF.length)],
              FEATURE_FRACTIONS[random.nextInt(FEATURE_FRACTIONS.length)],
              base.baggingFraction(),
              LAMBDA_L2[random.nextInt(LAMBDA_L2.length)],
              base.seed());
      if (!grid.contains(p)) {
        grid.add(p);
      }
    }
    boolean[] labels = new boolean[validation.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = validation.labels()[i] > 0;
    }
    List<Candidate> candidates = new ArrayList<>();
    for (TrainingParams p : grid) {
      LightGbmTrainer.Trained trained =
          LightGbmTrainer.train(p, featureNames, train, validation, iteration -> {});
      double[] scores = LightGbmTrainer.predictRaw(trained.modelText(), validation);
      TrainingPipeline.ModelSize size = TrainingPipeline.ModelSize.of(trained.modelText());
      Candidate c =
          new Candidate(
              p,
              trained.bestIteration(),
              size.trees(),
              size.leaves(),
              BinaryMetrics.averagePrecision(scores, labels),
              BinaryMetrics.aucRoc(scores, labels),
              explanationMicros(trained.modelText(), validation));
      candidates.add(c);
      log.accept(
          String.format(
              Locale.ROOT,
              "tune %d/%d: %d leaves/tree, lr %.2f, min data %d, ff %.1f, l2 %.1f -> %d trees,"
                  + " %d leaves, val AUC-PR %.4f, %.1f us/explanation",
              candidates.size(),
              grid.size(),
              p.numLeaves(),
              p.learningRate(),
              p.minDataInLeaf(),
              p.featureFraction(),
              p.lambdaL2(),
              c.trees(),
              c.leaves(),
              c.validationAucPr(),
              c.explanationMicros()));
    }
    Candidate best =
        candidates.stream().max(Comparator.comparingDouble(Candidate::validationAucPr)).get();
    Candidate chosen =
        candidates.stream()
            .filter(c -> c.validationAucPr() >= best.validationAucPr() - AUC_PR_TOLERANCE)
            .min(Comparator.comparingLong(Candidate::leaves))
            .get();
    return new Result(List.copyOf(candidates), chosen, best);
  }

  /**
   * Microseconds per exact TreeSHAP explanation over the first 64 validation rows: best of 10
   * rounds after 3 warm-up rounds, one thread. A timing, so it varies with the machine's load.
   */
  static double explanationMicros(String modelText, FeatureMatrix data) {
    TreeEnsemble ensemble = LightGbmModelParser.parse(modelText);
    FastTreeShap shap = new FastTreeShap(ensemble);
    int rows = Math.min(64, data.rows());
    double best = Double.MAX_VALUE;
    double sink = 0;
    for (int round = 0; round < 13; round++) {
      long started = System.nanoTime();
      for (int i = 0; i < rows; i++) {
        sink += shap.contributions(data.row(i))[0];
      }
      double micros = (System.nanoTime() - started) / 1e3 / rows;
      if (round >= 3) {
        best = Math.min(best, micros);
      }
    }
    blackhole = sink;
    return best;
  }
}
