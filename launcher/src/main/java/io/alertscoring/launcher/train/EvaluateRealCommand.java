package io.alertscoring.launcher.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alertscoring.training.real.AmlSimEvaluation;
import io.alertscoring.training.real.EthIllicitEvaluation;
import io.alertscoring.training.real.RealDataReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code evaluate-real [--eth-illicit CSV] [--amlsim ARCHIVE.tgz ...] [--seed 42] [--folds 5]
 * [--json-out FILE]}: runs the shared real datasets through the alert scorer's feature and training
 * code and prints AUC-ROC, AUC-PR and F1 beside the published reference. Without a dataset option
 * it evaluates every dataset found under {@code ../shared/datasets} next to the project. Same data
 * and seed give the same figures and the same JSON.
 */
public final class EvaluateRealCommand {
  private EvaluateRealCommand() {}

  public static final String USAGE =
      "usage: alert-scoring evaluate-real [--eth-illicit CSV] [--amlsim ARCHIVE.tgz[,...]]..."
          + " [--seed 42] [--folds 5] [--json-out FILE]";

  static final List<String> DEFAULT_AMLSIM =
      List.of("20K_cycle200.tgz", "20K_fanin200.tgz", "20K_fanin200cycle200.tgz");

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Path eth = null;
    List<Path> amlsim = new ArrayList<>();
    Path jsonOut = null;
    int seed = 42;
    int folds = 5;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
      if (i + 1 >= args.length) {
        err.println("alert-scoring evaluate-real: " + name + " needs a value. " + USAGE);
        return 2;
      }
      String value = args[++i];
      switch (name) {
        case "--eth-illicit" -> eth = Path.of(value);
        case "--amlsim" -> Arrays.stream(value.split(",")).map(Path::of).forEach(amlsim::add);
        case "--json-out" -> jsonOut = Path.of(value);
        case "--seed", "--folds" -> {
          int parsed;
          try {
            parsed = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            err.println(
                "alert-scoring evaluate-real: "
                    + name
                    + " must be an integer, got '"
                    + value
                    + "'");
            return 2;
          }
          if (name.equals("--seed")) {
            seed = parsed;
          } else if (parsed < 2 || parsed > 20) {
            err.println("alert-scoring evaluate-real: --folds must be 2..20, got " + parsed);
            return 2;
          } else {
            folds = parsed;
          }
        }
        default -> {
          err.println("alert-scoring evaluate-real: unknown option '" + name + "'. " + USAGE);
          return 2;
        }
      }
    }
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
        err.println(
            "alert-scoring evaluate-real: no dataset given and none found under "
                + shared
                + ". "
                + USAGE);
        return 2;
      }
    }
    List<Path> inputs = new ArrayList<>(amlsim);
    if (eth != null) {
      inputs.add(0, eth);
    }
    for (Path file : inputs) {
      if (!Files.isRegularFile(file)) {
        err.println("alert-scoring evaluate-real: dataset file " + file + " does not exist");
        return 2;
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
