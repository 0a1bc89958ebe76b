package io.alertscoring.launcher.train;

import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.cli.OptionValues;
import io.alertscoring.training.GeneratedHistory;
import io.alertscoring.training.LabelledBatch;
import io.alertscoring.training.TrainingPipeline;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train --data DIR --network N[,N...] [--out DIR] [--seed 42]}: reads the generator's
 * output, trains the alert scorer, ranker and cluster scorer with a time-based split and writes the
 * model directories and a report. Same data and seed give the same files byte for byte.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Train the alert scorer, ranker and cluster scorer from generated data with a time-based"
            + " split; write the model directories and a report.")
public final class TrainCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      split = ",",
      paramLabel = "DIR[,DIR...]",
      description = "the generator's output directories")
  List<Path> data = new ArrayList<>();

  @Option(names = "--network", required = true, split = ",", paramLabel = "N[,N...]")
  List<String> networks = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the models go (default: trained_models of the project)")
  Path output;

  @Option(names = "--seed", defaultValue = "42", description = "(default: ${DEFAULT-VALUE})")
  int seed;

  @Option(
      names = "--unseen-data",
      split = ",",
      paramLabel = "DIR[,DIR...]",
      description =
          "generated data of another economy (another generator seed): every manifest also reports"
              + " metrics on it")
  List<Path> unseenData = new ArrayList<>();

  @Option(
      names = "--tune",
      paramLabel = "N",
      description =
          "a seeded search of N LightGBM parameter sets on the time split, in [1, 200]; the"
              + " smallest model within the stated AUC-PR tolerance of the best is shipped")
  Integer tune;

  @Option(
      names = "--library",
      defaultValue = "lightgbm",
      paramLabel = "lightgbm|xgboost",
      description = "the alert scorer's trainer (default: ${DEFAULT-VALUE})")
  String library;

  @Option(
      names = "--anomaly-experiment",
      description =
          "also measure the lift of the anomaly layer's features (AUC-PR with and without)")
  boolean anomalyExperiment;

  /** Runs the command; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandRunner.runAlone(new TrainCommand(), args, out, err);
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    OptionValues v = OptionValues.of(spec);
    Path output =
        this.output != null
            ? this.output
            : Path.of(System.getProperty("alert.scoring.home", "."), "trained_models");
    for (Path dir : data) {
      if (!Files.isDirectory(dir)) {
        throw v.error("data directory " + dir + " does not exist");
      }
    }
    if (!library.equals("lightgbm") && !library.equals("xgboost")) {
      throw v.error("--library must be lightgbm or xgboost, got '" + library + "'");
    }
    if (tune != null && (tune < 1 || tune > 200)) {
      throw v.error("--tune must be an integer in [1, 200], got '" + tune + "'");
    }
    if (tune != null && !library.equals("lightgbm")) {
      throw v.error("--tune searches LightGBM parameters only");
    }
    for (Path dir : unseenData) {
      if (!Files.isDirectory(dir)) {
        throw v.error("unseen data directory " + dir + " does not exist");
      }
    }
    for (String network : networks) {
      if (data.stream().noneMatch(d -> Files.isDirectory(d.resolve(network)))) {
        throw v.error("no generated data for network '" + network + "' in " + data);
      }
    }
    List<LabelledBatch> batches = new ArrayList<>();
    for (String network : networks) {
      List<Path> holding =
          data.stream().filter(d -> Files.isDirectory(d.resolve(network))).toList();
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
                tune == null ? 0 : tune,
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
