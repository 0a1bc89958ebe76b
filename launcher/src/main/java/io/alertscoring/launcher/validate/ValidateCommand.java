package io.alertscoring.launcher.validate;

import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.cli.OptionValues;
import io.alertscoring.validation.ValidationReport;
import io.alertscoring.validation.io.ValidationException;
import io.alertscoring.validation.io.ValidationRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alert-scoring validate}: judges the stored scores of one network and processing date (SPEC
 * section 7) and prints the three tier scores, the total and every check; {@code --json-out} also
 * writes the JSON report.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Judge the stored scores of one network and processing date: the three tier scores, the"
            + " total and every check.")
public final class ValidateCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Option(
      names = "--clickhouse-url",
      paramLabel = "JDBC_URL",
      description = "where the scores are stored (default: $CLICKHOUSE_URL)")
  String clickhouseUrl;

  @Option(names = "--scores-file", paramLabel = "FILE", description = "or a scores file")
  String scoresFile;

  @Option(names = "--network", required = true, paramLabel = "N")
  String network;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD")
  String date;

  @Option(names = "--window-days", paramLabel = "W")
  String windowDays;

  @Option(names = "--labels-file", paramLabel = "FILE")
  String labelsFile;

  @Option(names = "--labels-url", paramLabel = "JDBC_URL")
  String labelsUrl;

  @Option(names = "--alerts-file", paramLabel = "FILE")
  String alertsFile;

  @Option(
      names = "--rerun",
      paramLabel = "JDBC_URL|FILE",
      description = "the scores of a rerun of the same date (determinism)")
  String rerun;

  @Option(names = "--traps", paramLabel = "FILE")
  String traps;

  @Option(
      names = "--other-scores",
      paramLabel = "JDBC_URL|FILE",
      description = "the scores of other runs (repeatable)")
  List<String> otherScores = new ArrayList<>();

  @Option(names = "--json-out", paramLabel = "FILE", description = "also write the JSON report")
  String jsonOut;

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandRunner.runAlone(new ValidateCommand(), args, out, err);
  }

  ValidationRunner.ValidateRequest request() {
    OptionValues v = OptionValues.of(spec);
    // an explicit --clickhouse-url with --scores-file is a mistake; $CLICKHOUSE_URL is not
    boolean urlGiven = v.given("--clickhouse-url");
    v.exclusive("--clickhouse-url", urlGiven, "--scores-file", scoresFile != null);
    v.exclusive("--labels-file", labelsFile != null, "--labels-url", labelsUrl != null);
    String scores;
    if (scoresFile != null) {
      scores = v.existingFile("--scores-file", scoresFile).toString();
    } else if (clickhouseUrl != null) {
      scores = v.clickhouseUrl("--clickhouse-url", clickhouseUrl);
    } else {
      throw v.error(
          "give --clickhouse-url (or set CLICKHOUSE_URL) or --scores-file (where the scores are"
              + " stored)");
    }
    List<String> others = new ArrayList<>();
    for (String other : otherScores) {
      others.add(Sources.source(v, "--other-scores", other));
    }
    return new ValidationRunner.ValidateRequest(
        scores,
        v.notEmpty("--network", network),
        v.date("--date", date, null).toString(),
        v.optionalInt("--window-days", windowDays, 1, 65_535),
        v.existingFile("--labels-file", labelsFile),
        v.clickhouseUrl("--labels-url", labelsUrl),
        v.existingFile("--alerts-file", alertsFile),
        Sources.source(v, "--rerun", rerun),
        others,
        v.existingFile("--traps", traps));
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    ValidationRunner.ValidateRequest request = request();
    Path json = OptionValues.of(spec).outputFile("--json-out", jsonOut);
    try {
      ValidationReport report = new ValidationRunner().validate(request);
      out.print(report.toText());
      if (json != null) {
        Files.writeString(json, report.toJsonString(), StandardCharsets.UTF_8);
        out.println("JSON report written to " + json);
      }
      return 0;
    } catch (ValidationException | IOException e) {
      err.println("alert-scoring: validate failed: " + e.getMessage());
      return 1;
    }
  }
}
