package io.alertscoring.launcher.validate;

import io.alertscoring.core.metrics.Bootstrap;
import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.cli.OptionValues;
import io.alertscoring.validation.Comparison;
import io.alertscoring.validation.ComparisonReport;
import io.alertscoring.validation.io.ValidationException;
import io.alertscoring.validation.io.ValidationRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alert-scoring compare}: A/B of two models' stored scores over the same dates: each model's
 * tier scores per date and the differences B - A of AUC-ROC, AUC-PR and Brier score with paired
 * bootstrap 95% intervals.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "A/B of two models' stored scores over the same dates: tier scores per date and the"
            + " differences B - A of AUC-ROC, AUC-PR and Brier with paired bootstrap intervals.")
public final class CompareCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Option(names = "--a", required = true, paramLabel = "JDBC_URL|FILE", description = "model A")
  String a;

  @Option(names = "--b", required = true, paramLabel = "JDBC_URL|FILE", description = "model B")
  String b;

  @Option(names = "--network", required = true, paramLabel = "N")
  String network;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD[,...]",
      description = "processing dates (repeatable, or comma-separated); required")
  List<String> dates = new ArrayList<>();

  @Option(names = "--window-days", paramLabel = "W")
  String windowDays;

  @Option(names = "--labels-file", paramLabel = "FILE")
  String labelsFile;

  @Option(names = "--labels-url", paramLabel = "JDBC_URL")
  String labelsUrl;

  @Option(names = "--alerts-file", paramLabel = "FILE")
  String alertsFile;

  @Option(names = "--traps", paramLabel = "FILE")
  String traps;

  @Option(
      names = "--bootstrap",
      paramLabel = "N",
      description =
          "bootstrap resamples, in [1, 100000] (default: " + Bootstrap.DEFAULT_ITERATIONS + ")")
  String bootstrap;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "(default: " + Bootstrap.DEFAULT_SEED + ")")
  String seed;

  @Option(names = "--json-out", paramLabel = "FILE", description = "also write the JSON report")
  String jsonOut;

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandRunner.runAlone(new CompareCommand(), args, out, err);
  }

  ValidationRunner.CompareRequest request() {
    OptionValues v = OptionValues.of(spec);
    v.exclusive("--labels-file", labelsFile != null, "--labels-url", labelsUrl != null);
    String sourceA = Sources.source(v, "--a", a);
    String sourceB = Sources.source(v, "--b", b);
    if (sourceA.equals(sourceB)) {
      throw v.error("--a and --b are the same source");
    }
    Set<String> all = new LinkedHashSet<>();
    for (String value : dates) {
      for (String date : value.split(",")) {
        all.add(v.date("--date", date.strip(), null).toString());
      }
    }
    if (all.isEmpty()) {
      throw v.error("--date is required");
    }
    Integer iterations = v.optionalInt("--bootstrap", bootstrap, 1, 100_000);
    Long parsedSeed = v.optionalLong("--seed", seed);
    return new ValidationRunner.CompareRequest(
        sourceA,
        sourceB,
        v.notEmpty("--network", network),
        new ArrayList<>(all),
        v.optionalInt("--window-days", windowDays, 1, 65_535),
        v.existingFile("--labels-file", labelsFile),
        v.clickhouseUrl("--labels-url", labelsUrl),
        v.existingFile("--alerts-file", alertsFile),
        v.existingFile("--traps", traps),
        new Comparison.Options(
            iterations == null ? Bootstrap.DEFAULT_ITERATIONS : iterations,
            parsedSeed == null ? Bootstrap.DEFAULT_SEED : parsedSeed,
            0.95));
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    ValidationRunner.CompareRequest request = request();
    Path json = OptionValues.of(spec).outputFile("--json-out", jsonOut);
    try {
      ComparisonReport report = new ValidationRunner().compare(request);
      out.print(report.toText());
      if (json != null) {
        Files.writeString(json, report.toJsonString(), StandardCharsets.UTF_8);
        out.println("JSON report written to " + json);
      }
      return 0;
    } catch (ValidationException | IOException e) {
      err.println("alert-scoring: compare failed: " + e.getMessage());
      return 1;
    }
  }
}
