package io.alertscoring.launcher.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alert-scoring bench api ...}: options of {@link ApiBench}; exit 0 ok, 1 failure, 2 usage.
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Fill ClickHouse with DATES x N alerts of history (runs, superseded and failed ones"
            + " included), start the query API on it and drive top/100, alert by id and a page of"
            + " a date at a fixed rate, beside the same queries sent straight to ClickHouse.")
final class ApiBenchOptions implements io.alertscoring.launcher.cli.CliCommand {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dates", defaultValue = "30", description = "processing dates of history")
  int dates;

  @Option(names = "--alerts-per-date", defaultValue = "1000000", paramLabel = "N")
  long alertsPerDate;

  @Option(names = "--rate", defaultValue = "500", description = "requests per second, open loop")
  double rate;

  @Option(names = "--duration", defaultValue = "30", description = "measured seconds per kind")
  long durationSeconds;

  @Option(names = "--warmup", defaultValue = "5", description = "seconds sent before measuring")
  long warmupSeconds;

  @Option(
      names = "--kinds",
      defaultValue = "top,alert,page",
      split = ",",
      description = "request kinds: top (top/100), alert (by id), page (of a date)")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--no-direct", description = "do not send the queries straight to ClickHouse")
  boolean noDirect;

  @Option(
      names = "--reuse-data",
      description = "keep the tables of database " + ApiBench.DATABASE + " when filled alike")
  boolean reuseData;

  @Option(names = "--max-in-flight", defaultValue = "64", description = "more are dropped")
  int maxInFlight;

  @Option(
      names = "--clickhouse-max-threads",
      defaultValue = "1",
      description = "max_threads of the API's and the direct queries")
  int maxThreads;

  @Option(names = "--network", defaultValue = "ethereum")
  String network;

  @Option(names = "--start-date", defaultValue = "2026-01-01", paramLabel = "YYYY-MM-DD")
  String startDate;

  @Option(names = "--seed", defaultValue = "10")
  long seed;

  @Option(
      names = "--clickhouse-url",
      paramLabel = "JDBC_URL",
      description = "an existing ClickHouse (default: $CLICKHOUSE_URL, else one started here)")
  String clickhouseUrl;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
  Path json;

  /** Validates, runs, reports: 0 done, 1 the bench failed, 2 a usage error (one line). */
  @Override
  public int run(PrintStream out, PrintStream err) {
    ApiBench.Settings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    try {
      new ApiBench(settings, out).run();
      return 0;
    } catch (ApiBench.BenchFailure e) {
      err.println("alert-scoring: bench api failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("alert-scoring: bench api interrupted");
      return 1;
    } catch (Exception e) {
      err.println("alert-scoring: bench api failed: " + e);
      if (System.getenv("ALERT_SCORING_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /** The defaults, as the command line has them without arguments (for tests). */
  ApiBench.Settings settingsForTest() {
    ApiBenchOptions o = new ApiBenchOptions();
    new picocli.CommandLine(o).parseArgs();
    return o.settings();
  }

  ApiBench.Settings settings() {
    if (dates < 1 || dates > 366) {
      throw new IllegalArgumentException("--dates must be in [1, 366], got " + dates);
    }
    if (alertsPerDate < 200 || alertsPerDate > 10_000_000L) {
      throw new IllegalArgumentException(
          "--alerts-per-date must be in [200, 10000000], got " + alertsPerDate);
    }
    if (!(rate > 0 && rate <= 20_000)) {
      throw new IllegalArgumentException("--rate must be in (0, 20000], got " + rate);
    }
    if (durationSeconds < 1 || warmupSeconds < 0) {
      throw new IllegalArgumentException("--duration must be >= 1 and --warmup >= 0");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("--max-in-flight must be >= 1");
    }
    if (maxThreads < 1 || maxThreads > 64) {
      throw new IllegalArgumentException("--clickhouse-max-threads must be in [1, 64]");
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("--kinds needs at least one of " + ApiBench.KINDS);
    }
    for (String kind : kinds) {
      if (!ApiBench.KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "unknown --kinds value '" + kind + "': expected " + String.join(",", ApiBench.KINDS));
      }
    }
    if (!network.matches("[a-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException("bad --network '" + network + "'");
    }
    LocalDate start;
    try {
      start = LocalDate.parse(startDate);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "bad --start-date '" + startDate + "': expected YYYY-MM-DD");
    }
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("--json: directory " + parent + " does not exist");
      }
    }
    String url = clickhouseUrl != null ? clickhouseUrl : System.getenv("CLICKHOUSE_URL");
    if (url != null && !url.isBlank()) {
      ApiBench.httpBase(url); // throws IllegalArgumentException when malformed
    }
    return new ApiBench.Settings(
        network,
        start,
        dates,
        alertsPerDate,
        rate,
        Duration.ofSeconds(durationSeconds),
        Duration.ofSeconds(warmupSeconds),
        List.copyOf(kinds),
        !noDirect,
        reuseData,
        maxInFlight,
        maxThreads,
        seed,
        url == null || url.isBlank() ? null : url.strip(),
        json);
  }
}
