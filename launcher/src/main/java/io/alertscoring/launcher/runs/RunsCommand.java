package io.alertscoring.launcher.runs;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alert-scoring runs list|prune}: the runs of each date and the removal of the rows of runs
 * readers no longer see. Exit 0 ok, 1 failure, 2 usage error.
 */
public final class RunsCommand {
  public static final String USAGE =
      "usage: alert-scoring runs list --clickhouse-url JDBC_URL [--network N] [--date YYYY-MM-DD]"
          + " | runs prune --clickhouse-url JDBC_URL [--network N] [--date YYYY-MM-DD]"
          + " [--grace-minutes 10] [--dry-run]";

  private RunsCommand() {}

  @Command(
      name = "runs",
      mixinStandardHelpOptions = true,
      description = "Runs of each date: list them, prune superseded and failed ones.",
      subcommands = {ListRuns.class, PruneRuns.class})
  static final class Runs {}

  abstract static class Common {
    @Option(
        names = "--clickhouse-url",
        required = true,
        paramLabel = "JDBC_URL",
        description = "e.g. jdbc:clickhouse://localhost:8123/default?compress=false")
    String clickhouseUrl;

    @Option(names = "--network", defaultValue = "", description = "only this network")
    String network;

    @Option(names = "--date", defaultValue = "", description = "only this processing date")
    String date;

    void check() {
      if (!clickhouseUrl.startsWith("jdbc:clickhouse://")) {
        throw new IllegalArgumentException(
            "--clickhouse-url must be a JDBC URL like"
                + " jdbc:clickhouse://HOST:8123/DATABASE?compress=false, got '"
                + clickhouseUrl
                + "'");
      }
      if (!date.isEmpty() && !date.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new IllegalArgumentException("--date must be YYYY-MM-DD, got '" + date + "'");
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every run.")
  static final class ListRuns extends Common {}

  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description =
          "Remove the rows of superseded and failed runs (never the current run, never a run"
              + " still processing).")
  static final class PruneRuns extends Common {
    @Option(
        names = "--grace-minutes",
        defaultValue = "10",
        description =
            "keep runs that stopped being current, or failed, less than this long ago: a reader"
                + " that resolved the old run a moment ago may still be reading it (default:"
                + " ${DEFAULT-VALUE})")
    long graceMinutes;

    @Option(names = "--dry-run", description = "only say what would be removed")
    boolean dryRun;
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine line = new CommandLine(new Runs());
    Common options;
    try {
      CommandLine.ParseResult parsed = line.parseArgs(args);
      if (parsed.isUsageHelpRequested() || !parsed.hasSubcommand()) {
        line.usage(new PrintWriter(out, true));
        return parsed.isUsageHelpRequested() ? 0 : 2;
      }
      CommandLine.ParseResult sub = parsed.subcommand();
      if (sub.isUsageHelpRequested()) {
        sub.commandSpec().commandLine().usage(new PrintWriter(out, true));
        return 0;
      }
      options = (Common) sub.commandSpec().userObject();
      options.check();
      if (options instanceof PruneRuns prune && prune.graceMinutes < 0) {
        throw new IllegalArgumentException("--grace-minutes must be >= 0");
      }
    } catch (CommandLine.ParameterException e) {
      err.println("alert-scoring: runs: " + e.getMessage() + ". " + USAGE);
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("alert-scoring: runs: " + e.getMessage());
      return 2;
    }
    RunCatalogue catalogue = new RunCatalogue(options.clickhouseUrl);
    try {
      List<RunCatalogue.Run> runs = catalogue.runs(options.network, options.date);
      if (options instanceof PruneRuns prune) {
        return prune(catalogue, runs, prune, out);
      }
      if (runs.isEmpty()) {
        out.println("no runs");
      }
      for (RunCatalogue.Run run : runs) {
        out.println(line(run));
      }
      return 0;
    } catch (Exception e) {
      err.println("alert-scoring: runs failed: " + e.getMessage());
      return 1;
    }
  }

  private static String line(RunCatalogue.Run run) {
    return String.format(
        Locale.ROOT,
        "%s/%s/%d  %-40s %-10s %-9s %,d alerts, closed at %d",
        run.network(),
        run.processingDate(),
        run.windowDays(),
        run.runId(),
        run.role(),
        run.status(),
        run.alerts(),
        run.closedAt());
  }

  private static int prune(
      RunCatalogue catalogue, List<RunCatalogue.Run> runs, PruneRuns options, PrintStream out)
      throws Exception {
    long cutoff = System.currentTimeMillis() - options.graceMinutes * 60_000L;
    int removed = 0;
    for (RunCatalogue.Run run : runs) {
      boolean removable =
          (run.role().equals(RunCatalogue.SUPERSEDED) || run.role().equals(RunCatalogue.FAILED))
              && run.closedAt() < cutoff;
      if (!removable) {
        continue;
      }
      out.println((options.dryRun ? "would remove " : "removing ") + line(run));
      if (!options.dryRun) {
        catalogue.remove(run);
      }
      removed++;
    }
    out.printf(
        Locale.ROOT,
        "%s %d run(s); ClickHouse removes their rows in the background (mutations)%n",
        options.dryRun ? "would remove" : "removed",
        removed);
    return 0;
  }
}
