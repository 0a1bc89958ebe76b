package io.alertscoring.launcher.bench;

import io.alertscoring.launcher.LocalRun;
import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.cluster.FaultSoakCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alert-scoring bench pipeline|live|api|faults ...}; exit 0 ok, 1 failure, 2 usage error.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "End-to-end benchmarks.",
    subcommands = {
      BenchCommand.PipelineOptions.class,
      BenchCommand.LiveOptions.class,
      ApiBenchOptions.class,
      FaultSoakCommand.class
    })
public final class BenchCommand {
  /** Runs {@code bench ARGS}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandRunner.runAlone(new BenchCommand(), args, out, err);
  }

  @Command(
      name = "pipeline",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "Generate (or reuse) a date, run servers and job as `local` does, replay, measure.")
  static final class PipelineOptions implements CliCommand {
    @Spec CommandSpec spec;

    @Option(names = "--alerts-per-day", required = true, paramLabel = "N")
    long alertsPerDay;

    @Option(names = "--seed", defaultValue = "9002")
    long seed;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description =
            "generated files: reused when DIR holds a manifest, else generated there (default:"
                + " ${java.io.tmpdir}/alert-scoring-bench/NETWORK-DATE-N-sSEED)")
    Path data;

    @Option(names = "--network", defaultValue = "ethereum")
    String network;

    @Option(names = "--date", defaultValue = "2026-03-01", paramLabel = "YYYY-MM-DD")
    String date;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
    Path json;

    @Option(
        names = "--timeout-s",
        defaultValue = "1800",
        description = "fail when not queryable this long after the replay starts")
    long timeoutSeconds;

    @Option(names = "--models-dir", paramLabel = "DIR")
    Path modelsDir;

    @Option(
        names = "--clickhouse-url",
        paramLabel = "JDBC_URL",
        description = "an existing ClickHouse (default: $CLICKHOUSE_URL, else one started here)")
    String clickhouseUrl;

    @Mixin LocalRun.EmbeddedOptions embedded = new LocalRun.EmbeddedOptions();

    @Override
    public int run(PrintStream out, PrintStream err) {
      PipelineBench.Settings settings;
      try {
        settings = settings(this);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      try {
        new PipelineBench(settings, out, err).run();
        return 0;
      } catch (PipelineBench.BenchFailure e) {
        err.println("alert-scoring: bench pipeline failed: " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("alert-scoring: bench pipeline interrupted");
        return 1;
      } catch (Exception e) {
        err.println("alert-scoring: bench pipeline failed: " + e);
        if (System.getenv("ALERT_SCORING_DEBUG") != null) {
          e.printStackTrace(err);
        }
        return 1;
      }
    }
  }

  @Command(
      name = "live",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "Publish alerts with features and flows at a steady rate to the running system (as"
              + " `local` starts it) and measure publication -> score served by the API.")
  static final class LiveOptions implements CliCommand {
    @Spec CommandSpec spec;

    @Option(names = "--rate", defaultValue = "1000", description = "alerts per second")
    double rate;

    @Option(names = "--duration", defaultValue = "600", description = "measured seconds")
    long durationSeconds;

    @Option(
        names = "--warmup",
        defaultValue = "30",
        description = "seconds published at the rate before measuring (JIT, caches)")
    long warmupSeconds;

    @Option(
        names = "--alerts-per-date",
        paramLabel = "N",
        description =
            "alerts of each generated date; a date closes every N/rate s (default:" + " rate x 60)")
    Long alertsPerDate;

    @Option(names = "--sample-every", defaultValue = "200", description = "measure every Nth alert")
    int sampleEvery;

    @Option(names = "--poll-interval-ms", defaultValue = "20")
    long pollIntervalMs;

    @Option(names = "--sample-timeout-s", defaultValue = "60")
    long sampleTimeoutSeconds;

    @Option(
        names = "--webhooks",
        description =
            "also run the webhook dispatcher with one endpoint on this machine and measure live"
                + " score -> webhook received")
    boolean webhooks;

    @Option(
        names = "--notify-priorities",
        split = ",",
        defaultValue = "high",
        paramLabel = "P[,P...]",
        description = "priorities the job notifies and the endpoint wants, or none (default: high)")
    java.util.List<String> notifyPriorities;

    @Option(names = "--seed", defaultValue = "9002")
    long seed;

    @Option(names = "--network", defaultValue = "ethereum")
    String network;

    @Option(names = "--start-date", defaultValue = "2026-03-01", paramLabel = "YYYY-MM-DD")
    String startDate;

    @Option(
        names = "--data",
        paramLabel = "DIR",
        description =
            "generated files: reused when DIR holds a matching manifest, else generated there"
                + " (default: ${java.io.tmpdir}/alert-scoring-bench/live-NETWORK-N-sSEED)")
    Path data;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
    Path json;

    @Option(names = "--models-dir", paramLabel = "DIR")
    Path modelsDir;

    @Option(
        names = "--clickhouse-url",
        paramLabel = "JDBC_URL",
        description = "an existing ClickHouse (default: $CLICKHOUSE_URL, else one started here)")
    String clickhouseUrl;

    @Mixin LocalRun.EmbeddedOptions embedded = new LocalRun.EmbeddedOptions();

    @Override
    public int run(PrintStream out, PrintStream err) {
      LiveBench.Settings live;
      try {
        live = liveSettings(this);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      try {
        new LiveBench(live, out, err).run();
        return 0;
      } catch (Exception e) {
        err.println("alert-scoring: bench live failed: " + e);
        if (System.getenv("ALERT_SCORING_DEBUG") != null) {
          e.printStackTrace(err);
        }
        return 1;
      }
    }
  }

  static LiveBench.Settings liveSettings(LiveOptions o) {
    if (!(o.rate > 0 && o.rate <= 100_000)) {
      throw new IllegalArgumentException("--rate must be in (0, 100000], got " + o.rate);
    }
    if (o.durationSeconds < 1 || o.warmupSeconds < 0) {
      throw new IllegalArgumentException("--duration must be >= 1 and --warmup >= 0");
    }
    if (o.sampleEvery < 1 || o.pollIntervalMs < 1 || o.sampleTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "--sample-every, --poll-interval-ms and --sample-timeout-s must be >= 1");
    }
    long perDate = o.alertsPerDate != null ? o.alertsPerDate : Math.round(o.rate * 60);
    if (perDate < 1 || perDate > 10_000_000L) {
      throw new IllegalArgumentException("--alerts-per-date must be in [1, 10000000]");
    }
    if (!o.network.matches("[a-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException("bad --network '" + o.network + "'");
    }
    LocalDate start;
    try {
      start = LocalDate.parse(o.startDate);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "bad --start-date '" + o.startDate + "': expected YYYY-MM-DD");
    }
    Path data =
        o.data != null
            ? o.data.toAbsolutePath()
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "alert-scoring-bench",
                "live-" + o.network + "-" + start + "-" + perDate + "-s" + o.seed);
    Path models = models(o.modelsDir);
    LocalRun.Embedded embedded;
    try {
      embedded = o.embedded.toEmbedded();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    String clickhouse = o.clickhouseUrl != null ? o.clickhouseUrl : System.getenv("CLICKHOUSE_URL");
    return new LiveBench.Settings(
        o.rate,
        Duration.ofSeconds(o.durationSeconds),
        Duration.ofSeconds(o.warmupSeconds),
        perDate,
        o.seed,
        data,
        o.network,
        start,
        models,
        clickhouse == null || clickhouse.isBlank() ? null : clickhouse,
        embedded,
        o.sampleEvery,
        Duration.ofMillis(o.pollIntervalMs),
        Duration.ofSeconds(o.sampleTimeoutSeconds),
        o.json,
        o.webhooks,
        notifyPriorities(o.notifyPriorities));
  }

  private static java.util.Set<String> notifyPriorities(java.util.List<String> values) {
    if (values.size() == 1 && values.get(0).trim().equals("none")) {
      return java.util.Set.of(); // the job writes no notification at all
    }
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String v : values) {
      try {
        out.add(io.alertscoring.schemas.PriorityLabel.fromWire(v.trim()).wireName());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--notify-priorities takes low, medium, high or none, got '" + v + "'");
      }
    }
    return out;
  }

  private static Path models(Path modelsDir) {
    Path models =
        modelsDir != null
            ? modelsDir
            : Path.of(System.getProperty("alert.scoring.home", "."), "trained_models")
                .toAbsolutePath()
                .normalize();
    if (!Files.isDirectory(models)) {
      throw new IllegalArgumentException("models directory " + models + " does not exist");
    }
    return models;
  }

  static PipelineBench.Settings settings(PipelineOptions o) {
    if (o.alertsPerDay < 1 || o.alertsPerDay > 50_000_000L) {
      throw new IllegalArgumentException(
          "--alerts-per-day must be in [1, 50000000], got " + o.alertsPerDay);
    }
    if (!o.network.matches("[a-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException("bad --network '" + o.network + "'");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(o.date);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad --date '" + o.date + "': expected YYYY-MM-DD");
    }
    if (o.timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout-s must be >= 1");
    }
    Path data =
        o.data != null
            ? o.data.toAbsolutePath()
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "alert-scoring-bench",
                o.network + "-" + date + "-" + o.alertsPerDay + "-s" + o.seed);
    Path models = models(o.modelsDir);
    if (o.json != null) {
      Path parent = o.json.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("--json: directory " + parent + " does not exist");
      }
    }
    LocalRun.Embedded embedded;
    try {
      embedded = o.embedded.toEmbedded();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    String clickhouse = o.clickhouseUrl != null ? o.clickhouseUrl : System.getenv("CLICKHOUSE_URL");
    return new PipelineBench.Settings(
        o.alertsPerDay,
        o.seed,
        data,
        o.network,
        date,
        models,
        clickhouse == null || clickhouse.isBlank() ? null : clickhouse,
        embedded,
        Duration.ofSeconds(o.timeoutSeconds),
        o.json);
  }
}
