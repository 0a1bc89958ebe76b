package io.alertscoring.launcher.validate;

import io.alertscoring.core.metrics.Bootstrap;
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
import java.util.Set;

/**
 * {@code alert-scoring compare}: A/B of two models' stored scores over the same dates: each model's
 * tier scores per date and the differences B - A of AUC-ROC, AUC-PR and Brier score with paired
 * bootstrap 95% intervals.
 */
public final class CompareCommand {
  public static final String USAGE =
      "usage: alert-scoring compare --a JDBC_URL|FILE --b JDBC_URL|FILE --network N"
          + " --date YYYY-MM-DD [--date ...] [--window-days W]"
          + " [--labels-file FILE | --labels-url JDBC_URL] [--alerts-file FILE] [--traps FILE]"
          + " [--bootstrap 1000] [--seed 20260101] [--json-out FILE]";

  private static final Set<String> VALUED =
      Set.of(
          "--a",
          "--b",
          "--network",
          "--date",
          "--window-days",
          "--labels-file",
          "--labels-url",
          "--alerts-file",
          "--traps",
          "--bootstrap",
          "--seed",
          "--json-out");

  private CompareCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    ValidationRunner.CompareRequest request;
    Path jsonOut;
    try {
      CommandLine line =
          CommandLine.parse(args, VALUED, Set.of("--date"), Set.of("--help", "-h"), USAGE);
      if (line.flag("--help") || line.flag("-h")) {
        out.println(USAGE);
        return 0;
      }
      CommandLine.exclusive(line, "--labels-file", "--labels-url");
      String a = CommandLine.source("--a", line.required("--a"));
      String b = CommandLine.source("--b", line.required("--b"));
      if (a.equals(b)) {
        throw new CommandLine.UsageError("--a and --b are the same source");
      }
      Set<String> dates = new LinkedHashSet<>();
      for (String value : line.all("--date")) {
        for (String date : value.split(",")) {
          dates.add(CommandLine.date("--date", date.strip()));
        }
      }
      if (dates.isEmpty()) {
        throw new CommandLine.UsageError("--date is required");
      }
      Integer iterations = line.optionalInt("--bootstrap", 1, 100_000);
      Long seed = line.optionalLong("--seed");
      request =
          new ValidationRunner.CompareRequest(
              a,
              b,
              line.required("--network"),
              new ArrayList<>(dates),
              line.optionalInt("--window-days", 1, 65_535),
              line.existingFile("--labels-file"),
              CommandLine.clickhouseUrl("--labels-url", line.optional("--labels-url")),
              line.existingFile("--alerts-file"),
              line.existingFile("--traps"),
              new Comparison.Options(
                  iterations == null ? Bootstrap.DEFAULT_ITERATIONS : iterations,
                  seed == null ? Bootstrap.DEFAULT_SEED : seed,
                  0.95));
      jsonOut = line.outputFile("--json-out");
    } catch (CommandLine.UsageError e) {
      err.println("alert-scoring: compare: " + e.getMessage());
      return 2;
    }
    try {
      ComparisonReport report = new ValidationRunner().compare(request);
      out.print(report.toText());
      if (jsonOut != null) {
        Files.writeString(jsonOut, report.toJsonString(), StandardCharsets.UTF_8);
        out.println("JSON report written to " + jsonOut);
      }
      return 0;
    } catch (ValidationException | IOException e) {
      err.println("alert-scoring: compare failed: " + e.getMessage());
      return 1;
    }
  }
}
