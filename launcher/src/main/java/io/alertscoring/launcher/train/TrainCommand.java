package io.alertscoring.launcher.train;

import io.alertscoring.training.GeneratedHistory;
import io.alertscoring.training.LabelledBatch;
import io.alertscoring.training.TrainingPipeline;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code train --data DIR --network N[,N...] [--out DIR] [--seed 42]}: reads the generator's
 * output, trains the alert scorer, ranker and cluster scorer with a time-based split and writes the
 * model directories and a report. Same data and seed give the same files byte for byte.
 */
public final class TrainCommand {
  private TrainCommand() {}

  public static final String USAGE =
      "usage: alert-scoring train --data DIR[,DIR...] --network N[,N...] [--out trained_models]"
          + " [--seed 42] [--unseen-data DIR[,DIR...]] [--tune N]"
          + " [--library lightgbm|xgboost] [--anomaly-experiment]";

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    List<Path> data = new ArrayList<>();
    List<Path> unseenData = new ArrayList<>();
    List<String> networks = new ArrayList<>();
    Path output = Path.of(System.getProperty("alert.scoring.home", "."), "trained_models");
    int seed = 42;
    int tune = 0;
    String library = "lightgbm";
    boolean anomalyExperiment = false;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--anomaly-experiment")) {
        anomalyExperiment = true;
        continue;
      }
      if (i + 1 >= args.length) {
        err.println("alert-scoring train: " + name + " needs a value. " + USAGE);
        return 2;
      }
      String value = args[++i];
      switch (name) {
        case "--data" -> Arrays.stream(value.split(",")).map(Path::of).forEach(data::add);
        case "--network" -> networks.addAll(List.of(value.split(",")));
        case "--out" -> output = Path.of(value);
        case "--unseen-data" ->
            Arrays.stream(value.split(",")).map(Path::of).forEach(unseenData::add);
        case "--seed" -> {
          try {
            seed = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            err.println("alert-scoring train: --seed must be an integer, got '" + value + "'");
            return 2;
          }
        }
        case "--library" -> {
          if (!value.equals("lightgbm") && !value.equals("xgboost")) {
            err.println(
                "alert-scoring train: --library must be lightgbm or xgboost, got '" + value + "'");
            return 2;
          }
          library = value;
        }
        case "--tune" -> {
          try {
            tune = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            tune = -1;
          }
          if (tune < 1 || tune > 200) {
            err.println(
                "alert-scoring train: --tune must be an integer in [1, 200], got '" + value + "'");
            return 2;
          }
        }
        default -> {
          err.println("alert-scoring train: unknown option '" + name + "'. " + USAGE);
          return 2;
        }
      }
    }
    if (tune > 0 && !library.equals("lightgbm")) {
      err.println("alert-scoring train: --tune searches LightGBM parameters only");
      return 2;
    }
    if (data.isEmpty() || networks.isEmpty()) {
      err.println("alert-scoring train: --data and --network are required. " + USAGE);
      return 2;
    }
    for (Path dir : unseenData) {
      if (!Files.isDirectory(dir)) {
        err.println("alert-scoring train: unseen data directory " + dir + " does not exist");
        return 2;
      }
    }
    for (Path dir : data) {
      if (!Files.isDirectory(dir)) {
        err.println("alert-scoring train: data directory " + dir + " does not exist");
        return 2;
      }
    }
    List<LabelledBatch> batches = new ArrayList<>();
    for (String network : networks) {
      List<Path> holding =
          data.stream().filter(d -> Files.isDirectory(d.resolve(network))).toList();
      if (holding.isEmpty()) {
        err.println(
            "alert-scoring train: no generated data for network '" + network + "' in " + data);
        return 2;
      }
      for (Path dir : holding) {
        batches.addAll(GeneratedHistory.read(dir, network));
      }
    }
    out.println("[train] " + batches.size() + " batches of " + networks + " from " + data);
    List<LabelledBatch> unseen = new ArrayList<>();
    for (String network : networks) {
      for (Path dir : unseenData) {
        if (Files.isDirectory(dir.resolve(network))) {
          unseen.addAll(GeneratedHistory.read(dir, network));
        }
      }
    }
    if (!unseenData.isEmpty()) {
      out.println("[train] unseen economy: " + unseen.size() + " batches from " + unseenData);
    }
    TrainingPipeline pipeline =
        new TrainingPipeline(
                seed,
                "generated data: networks " + networks + ", seed " + seed,
                line -> out.println("[train] " + line),
                tune,
                library)
            .withAnomalyExperiment(anomalyExperiment);
    TrainingPipeline.Outcome outcome =
        pipeline.run(batches, unseen, "unseen economy: " + unseenDescription(unseenData), output);
    for (Map.Entry<String, Map<String, Object>> model : outcome.metrics().entrySet()) {
      out.println(
          "[train] "
              + model.getKey()
              + " on held-out dates "
              + outcome.split().test()
              + ": "
              + headline(model.getValue()));
    }
    for (Map.Entry<String, Map<String, Object>> model : outcome.unseenMetrics().entrySet()) {
      out.println(
          "[train] " + model.getKey() + " on the unseen economy: " + headline(model.getValue()));
    }
    out.println("[train] models and report written to " + output.toAbsolutePath());
    return 0;
  }

  /** The generator parameters of each unseen-economy directory, from its manifest. */
  private static String unseenDescription(List<Path> dirs) throws java.io.IOException {
    List<String> parts = new ArrayList<>();
    for (Path dir : dirs) {
      Path manifest = dir.resolve("manifest.json");
      String text = Files.isRegularFile(manifest) ? Files.readString(manifest) : "";
      java.util.regex.Matcher seed =
          java.util.regex.Pattern.compile("\"seed\"\\s*:\\s*(-?\\d+)").matcher(text);
      java.util.regex.Matcher days =
          java.util.regex.Pattern.compile("\"days\"\\s*:\\s*(\\d+)").matcher(text);
      java.util.regex.Matcher start =
          java.util.regex.Pattern.compile("\"start_date\"\\s*:\\s*\"([0-9-]+)\"").matcher(text);
      parts.add(
          "generator seed "
              + (seed.find() ? seed.group(1) : "?")
              + ", "
              + (days.find() ? days.group(1) : "?")
              + " dates from "
              + (start.find() ? start.group(1) : "?"));
    }
    return String.join("; ", parts);
  }

  private static String headline(Map<String, Object> metrics) {
    StringBuilder line = new StringBuilder();
    for (String key :
        List.of(
            "auc_roc",
            "auc_pr",
            "f1_at_high_threshold",
            "brier",
            "ece",
            "ndcg@5",
            "ndcg@10",
            "ndcg@20")) {
      Object value = metrics.get(key);
      if (value instanceof Double d) {
        line.append(key)
            .append('=')
            .append(String.format(java.util.Locale.ROOT, "%.4f", d))
            .append(' ');
      }
    }
    return line.toString().trim();
  }
}
