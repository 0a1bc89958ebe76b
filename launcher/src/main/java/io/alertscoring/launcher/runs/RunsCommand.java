package io.alertscoring.launcher.runs;

import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.cli.OptionValues;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alert-scoring runs list|prune}: the runs of each date and the removal of the rows of runs
 * readers no longer see. Exit 0 ok, 1 failure, 2 usage error.
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Runs of each date: list them, prune superseded and failed ones.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.PruneRuns.class})
public final class RunsCommand {
  /** Runs {@code runs ARGS}; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandRunner.runAlone(new RunsCommand(), args, out, err);
  }

  abstract static class Common implements CliCommand {
    @Spec CommandSpec spec;

    @Option(
        names = "--clickhouse-url",
        required = true,
        paramLabel = "JDBC_URL",
        description =
            "e.g. jdbc:clickhouse://localhost:8123/default?compress=false (default:"
                + " $CLICKHOUSE_URL)")
    String clickhouseUrl;

    @Option(names = "--network", defaultValue = "", description = "only this network")
    String network;

    @Option(names = "--date", defaultValue = "", description = "only this processing date")
    String date;

    void check() {
      OptionValues v = OptionValues.of(spec);
      v.clickhouseUrl("--clickhouse-url", clickhouseUrl);
      if (!date.isEmpty() && !date.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw v.error("--date must be YYYY-MM-DD, got '" + date + "'");
      }
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
      check();
      RunCatalogue catalogue = new RunCatalogue(clickhouseUrl);
      List<RunCatalogue.Run> runs = catalogue.runs(network, date);
      return run(catalogue, runs, out);
    }

    abstract int run(RunCatalogue catalogue, List<RunCatalogue.Run> runs, PrintStream out)
        throws Exception;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every run.")
  static final class ListRuns extends Common {
    @Override
    int run(RunCatalogue catalogue, List<RunCatalogue.Run> runs, PrintStream out) {
      if (runs.isEmpty()) {
        out.println("no runs");
      }
      for (RunCatalogue.Run run : runs) {
        out.println(line(run));
      }
      return 0;
    }
  }

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

    @Override
    void check() {
      super.check();
      if (graceMinutes < 0) {
        throw OptionValues.of(spec).error("--grace-minutes must be >= 0");
      }
    }

    @Override
    int run(RunCatalogue catalogue, List<RunCatalogue.Run> runs, PrintStream out) throws Exception {
      return prune(catalogue, runs, this, out);
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
