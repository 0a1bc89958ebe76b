package io.alertscoring.launcher.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.cli.OptionValues;
import io.alertscoring.training.real.AmlSimEvaluation;
import io.alertscoring.training.real.EthIllicitEvaluation;
import io.alertscoring.training.real.RealDataReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate-real [--eth-illicit CSV] [--amlsim ARCHIVE.tgz ...] [--seed 42] [--folds 5]
 * [--json-out FILE]}: runs the shared real datasets through the alert scorer's feature and training
 * code and prints AUC-ROC, AUC-PR and F1 beside the published reference. Without a dataset option
 * it evaluates every dataset found under {@code ../shared/datasets} next to the project. Same data
 * and seed give the same figures and the same JSON.
 */
@Command(
    name = "evaluate-real",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Run the shared real datasets through the alert scorer's feature and training code and"
            + " print AUC-ROC, AUC-PR and F1 beside the published reference. Without a dataset"
            + " option: every dataset found under ../shared/datasets next to the project.")
public final class EvaluateRealCommand implements CliCommand {
  static final List<String> DEFAULT_AMLSIM =
      List.of("20K_cycle200.tgz", "20K_fanin200.tgz", "20K_fanin200cycle200.tgz");

  @Spec CommandSpec spec;

  @Option(names = "--eth-illicit", paramLabel = "CSV", description = "Ethereum illicit accounts")
  Path eth;

  @Option(
      names = "--amlsim",
      split = ",",
      paramLabel = "ARCHIVE.tgz[,...]",
      description = "IBM AMLSim archives (repeatable)")
  List<Path> amlsim = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", description = "(default: 42)")
  String seed;

  @Option(names = "--folds", paramLabel = "N", description = "folds in [2, 20] (default: 5)")
  String folds;

  @Option(names = "--json-out", paramLabel = "FILE")
  Path jsonOut;

  /** Runs the command; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandRunner.runAlone(new EvaluateRealCommand(), args, out, err);
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    OptionValues v = OptionValues.of(spec);
    int seed = v.intValue("--seed", this.seed, Integer.MIN_VALUE, Integer.MAX_VALUE, 42);
    int folds = v.intValue("--folds", this.folds, 2, 20, 5);
    Path eth = this.eth;
    List<Path> amlsim = new ArrayList<>(this.amlsim);
    if (eth == null && amlsim.isEmpty()) {
      Path shared =
          Path.of(System.getProperty("alert.scoring.home", "."), "..", "shared", "datasets")
              .toAbsolutePath()
              .normalize();
      Path csv = shared.resolve("eth-illicit").resolve("transaction_dataset.csv");
      if (Files.isRegularFile(csv)) {
        eth = csv;
      }
      for (String archive : DEFAULT_AMLSIM) {
        Path file = shared.resolve("amlsim-ibm-20k").resolve(archive);
        if (Files.isRegularFile(file)) {
          amlsim.add(file);
        }
      }
      if (eth == null && amlsim.isEmpty()) {
        throw v.error("no dataset given and none found under " + shared);
      }
    }
    List<Path> inputs = new ArrayList<>(amlsim);
    if (eth != null) {
      inputs.add(0, eth);
    }
    for (Path file : inputs) {
      if (!Files.isRegularFile(file)) {
        throw v.error("dataset file " + file + " does not exist");
      }
    }
    EthIllicitEvaluation.Result ethResult = null;
    if (eth != null) {
      out.println("[evaluate-real] Ethereum illicit accounts: " + eth);
      ethResult = EthIllicitEvaluation.run(eth, folds, seed, line -> out.println("  " + line));
    }
    List<AmlSimEvaluation.Result> simResults = new ArrayList<>();
    for (Path archive : amlsim) {
      out.println("[evaluate-real] IBM AMLSim: " + archive);
      simResults.add(AmlSimEvaluation.run(archive, seed, line -> out.println("  " + line)));
    }
    out.println();
    out.print(RealDataReport.table(ethResult, simResults));
    if (jsonOut != null) {
      Path parent = jsonOut.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Files.writeString(
          jsonOut,
          json.writeValueAsString(RealDataReport.json(ethResult, simResults, seed)) + "\n");
      out.println("[evaluate-real] JSON written to " + jsonOut.toAbsolutePath());
    }
    return 0;
  }
}
