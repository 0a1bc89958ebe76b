package io.alertscoring.launcher.validate;

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
import java.util.Set;

/**
 * {@code alert-scoring validate}: judges the stored scores of one network and processing date (SPEC
 * section 7) and prints the three tier scores, the total and every check; {@code --json-out} also
 * writes the JSON report.
 */
public final class ValidateCommand {
  public static final String USAGE =
      "usage: alert-scoring validate (--clickhouse-url JDBC_URL | --scores-file FILE)"
          + " --network N --date YYYY-MM-DD [--window-days W]"
          + " [--labels-file FILE | --labels-url JDBC_URL] [--alerts-file FILE]"
          + " [--rerun JDBC_URL|FILE] [--traps FILE] [--other-scores JDBC_URL|FILE]..."
          + " [--json-out FILE]";

  private static final Set<String> VALUED =
      Set.of(
          "--clickhouse-url",
          "--scores-file",
          "--network",
          "--date",
          "--window-days",
          "--labels-file",
          "--labels-url",
          "--alerts-file",
          "--rerun",
          "--traps",
          "--other-scores",
          "--json-out");

  private ValidateCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    ValidationRunner.ValidateRequest request;
    Path jsonOut;
    try {
      CommandLine line =
          CommandLine.parse(args, VALUED, Set.of("--other-scores"), Set.of("--help", "-h"), USAGE);
      if (line.flag("--help") || line.flag("-h")) {
        out.println(USAGE);
        return 0;
      }
      CommandLine.exclusive(line, "--clickhouse-url", "--scores-file");
      CommandLine.exclusive(line, "--labels-file", "--labels-url");
      String scores;
      if (line.has("--clickhouse-url")) {
        scores = CommandLine.clickhouseUrl("--clickhouse-url", line.optional("--clickhouse-url"));
      } else if (line.has("--scores-file")) {
        scores = line.existingFile("--scores-file").toString();
      } else {
        throw new CommandLine.UsageError(
            "give --clickhouse-url or --scores-file (where the scores are stored)");
      }
      List<String> others = new ArrayList<>();
      for (String other : line.all("--other-scores")) {
        others.add(CommandLine.source("--other-scores", other));
      }
      request =
          new ValidationRunner.ValidateRequest(
              scores,
              line.required("--network"),
              CommandLine.date("--date", line.required("--date")),
              line.optionalInt("--window-days", 1, 65_535),
              line.existingFile("--labels-file"),
              CommandLine.clickhouseUrl("--labels-url", line.optional("--labels-url")),
              line.existingFile("--alerts-file"),
              CommandLine.source("--rerun", line.optional("--rerun")),
              others,
              line.existingFile("--traps"));
      jsonOut = line.outputFile("--json-out");
    } catch (CommandLine.UsageError e) {
      err.println("alert-scoring: validate: " + e.getMessage());
      return 2;
    }
    try {
      ValidationReport report = new ValidationRunner().validate(request);
      out.print(report.toText());
      if (jsonOut != null) {
        Files.writeString(jsonOut, report.toJsonString(), StandardCharsets.UTF_8);
        out.println("JSON report written to " + jsonOut);
      }
      return 0;
    } catch (ValidationException | IOException e) {
      err.println("alert-scoring: validate failed: " + e.getMessage());
      return 1;
    }
  }
}
