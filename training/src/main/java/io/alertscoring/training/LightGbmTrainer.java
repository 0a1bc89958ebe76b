package io.alertscoring.training;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Trains one LightGBM model with early stopping on a validation set and returns the model text
 * truncated at the best iteration.
 */
public final class LightGbmTrainer {
  private LightGbmTrainer() {}

  /** A trained model and how it got there. */
  public record Trained(
      String modelText, int bestIteration, double bestValidationMetric, List<Double> history) {}

  public static Trained train(
      TrainingParams params,
      List<String> featureNames,
      FeatureMatrix train,
      FeatureMatrix validation,
      IntConsumer progress)
      throws LGBMException {
    String config = params.asLightGbmString();
    try (LGBMDataset trainSet = dataset(train, featureNames, config, null, params);
        LGBMDataset validSet = dataset(validation, featureNames, config, trainSet, params);
        LGBMBooster booster = LGBMBooster.create(trainSet, config)) {
      booster.addValidData(validSet);
      double best = Double.NEGATIVE_INFINITY;
      int bestIteration = 0;
      List<Double> history = new ArrayList<>();
      for (int iteration = 1; iteration <= params.maxRounds(); iteration++) {
        boolean finished = booster.updateOneIter();
        double metric = booster.getEval(1)[0];
        history.add(metric);
        if (metric > best) {
          best = metric;
          bestIteration = iteration;
        }
        progress.accept(iteration);
        if (finished || iteration - bestIteration >= params.earlyStoppingRounds()) {
          break;
        }
      }
      String text =
          booster.saveModelToString(0, bestIteration, LGBMBooster.FeatureImportanceType.SPLIT);
      return new Trained(text, bestIteration, best, List.copyOf(history));
    }
  }

  private static LGBMDataset dataset(
      FeatureMatrix data,
      List<String> featureNames,
      String config,
      LGBMDataset reference,
      TrainingParams params)
      throws LGBMException {
    if (data.rows() == 0) {
      throw new IllegalArgumentException("no labelled examples to train or validate on");
    }
    LGBMDataset dataset =
        LGBMDataset.createFromMat(
            data.values(), data.rows(), data.columns(), true, config, reference);
    dataset.setFeatureNames(featureNames.toArray(String[]::new));
    float[] labels = new float[data.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (float) data.labels()[i];
    }
    dataset.setField("label", labels);
    if (params.objective().equals("lambdarank")) {
      dataset.setField("group", data.groups());
    }
    return dataset;
  }

  /** Predictions of a model text on a matrix: probabilities for binary models, raw otherwise. */
  public static double[] predict(String modelText, FeatureMatrix data) throws LGBMException {
    return predict(modelText, data, PredictionType.C_API_PREDICT_NORMAL);
  }

  /** Raw scores (margins) of a model text on a matrix, as the native library computes them. */
  public static double[] predictRaw(String modelText, FeatureMatrix data) throws LGBMException {
    return predict(modelText, data, PredictionType.C_API_PREDICT_RAW_SCORE);
  }

  private static double[] predict(String modelText, FeatureMatrix data, PredictionType type)
      throws LGBMException {
    if (data.rows() == 0) {
      return new double[0];
    }
    try (LGBMBooster booster = LGBMBooster.loadModelFromString(modelText)) {
      return booster.predictForMat(data.values(), data.rows(), data.columns(), true, type);
    }
  }
}
