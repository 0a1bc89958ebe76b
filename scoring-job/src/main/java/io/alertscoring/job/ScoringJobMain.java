package io.alertscoring.job;

import io.alertscoring.job.io.ClickHouseRowStore;
import io.alertscoring.job.io.ClickHouseRunPublication;
import io.alertscoring.job.io.ClickHouseSchema;
import io.alertscoring.job.io.ClickHouseSinks;
import io.alertscoring.job.io.DeadLetterKafkaSink;
import io.alertscoring.job.io.KafkaJobSources;
import io.alertscoring.job.io.NotificationKafkaSink;
import io.alertscoring.schemas.ddl.Tables;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point for {@code flink run}: wires Kafka in, ClickHouse and the dead-letter topic out, with
 * the state backend, checkpoint and restart settings of {@link CheckpointSettings}. A bad option
 * prints one line and exits with status 2; {@code --help} lists every option.
 */
public final class ScoringJobMain {
  private ScoringJobMain() {}

  /**
   * Key groups of every keyed operator, fixed for the job's lifetime: a savepoint restores only
   * into the same max parallelism, and the job can be rescaled to any parallelism up to it. 128 is
   * what Flink derives for parallelism up to 96, so savepoints taken before it was set explicitly
   * restore too; more key groups would cost state-handle overhead for no use on our clusters.
   */
  public static final int MAX_PARALLELISM = 128;

  /** Network buffer timeout of a job with live scoring. */
  public static final long LIVE_BUFFER_TIMEOUT_MS = 10;

  /** Connection settings of a production run. */
  public record Wiring(
      String bootstrapServers, String clickhouseUrl, String groupId, long checkpointIntervalMs) {}

  /** The job's command-line options. */
  @Command(
      name = "scoring-job",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "The alert-scoring Flink job: Kafka SOT topics in, ClickHouse out.")
  public static final class JobOptions {
    @Option(
        names = "--bootstrap-servers",
        paramLabel = "HOST:PORT[,...]",
        description = "Kafka (default: $KAFKA_BOOTSTRAP_SERVERS; one of the two is required)")
    String bootstrapServers;

    @Option(
        names = "--clickhouse-url",
        paramLabel = "JDBC_URL",
        description =
            "e.g. jdbc:clickhouse://host:8123/default?compress=false (default: $CLICKHOUSE_URL;"
                + " one of the two is required)")
    String clickhouseUrl;

    @Option(names = "--models-dir", required = true, paramLabel = "DIR")
    String modelsDir;

    @Option(
        names = "--group-id",
        defaultValue = "alert-scoring",
        description = "Kafka consumer group (default: ${DEFAULT-VALUE})")
    String groupId;

    @Option(
        names = "--batch-timeout-ms",
        paramLabel = "MS",
        defaultValue = "600000",
        description = "an open batch is FAILED this long after its first record")
    long batchTimeoutMs;

    @Option(
        names = "--closed-retention-ms",
        paramLabel = "MS",
        defaultValue = "30000",
        description =
            "a closed untagged run (records without a run_id header) rejects late records this"
                + " long; then untagged records start a new run (default: ${DEFAULT-VALUE})")
    long closedRetentionMs;

    @Option(
        names = "--closed-run-retention-ms",
        paramLabel = "MS",
        defaultValue = "86400000",
        description =
            "a closed tagged run rejects its late records this long (default: ${DEFAULT-VALUE})")
    long closedRunRetentionMs;

    @Option(
        names = "--live-scoring",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description =
            "score every alert on arrival with the live model (default: ${DEFAULT-VALUE})")
    boolean liveScoring;

    @Option(
        names = "--live-feature-wait-ms",
        paramLabel = "MS",
        defaultValue = "5000",
        description =
            "an alert waits this long for its address's features before a live score without them")
    long liveFeatureWaitMs;

    @Option(
        names = "--final-scoring-share",
        paramLabel = "F",
        defaultValue = "0.5",
        description =
            "share (0,1] of each join task's time final scoring may take while a closed batch is"
                + " scored; the rest is kept for the live path (default: ${DEFAULT-VALUE})")
    double finalScoringShare;

    @Option(
        names = "--notify-priorities",
        split = ",",
        paramLabel = "P[,P...]|none",
        defaultValue = "high",
        description =
            "alerts and clusters of these priorities are written to the notification topic for"
                + " webhooks (default: ${DEFAULT-VALUE})")
    List<String> notifyPriorities;

    @Option(
        names = "--networks",
        split = ",",
        paramLabel = "N[,N...]",
        description = "networks accepted (default: any)")
    List<String> networks = List.of();

    @Option(
        names = "--parallelism",
        paramLabel = "N",
        description = "job parallelism (default: the cluster's parallelism.default)")
    Integer parallelism;

    @Mixin CheckpointSettings.Options checkpoints = new CheckpointSettings.Options();

    /** The graph's settings. */
    public JobConfig jobConfig() {
      if (batchTimeoutMs <= 0 || closedRetentionMs < 0 || closedRunRetentionMs < 0) {
        throw new IllegalArgumentException(
            "--batch-timeout-ms must be > 0, --closed-retention-ms and"
                + " --closed-run-retention-ms >= 0");
      }
      if (liveFeatureWaitMs < 0) {
        throw new IllegalArgumentException(
            "--live-feature-wait-ms must be >= 0, got " + liveFeatureWaitMs);
      }
      Set<String> allowed = Set.copyOf(networks.stream().map(String::trim).toList());
      return new JobConfig(
          modelsDir,
          Duration.ofMillis(batchTimeoutMs),
          Duration.ofMillis(closedRetentionMs),
          Duration.ofMillis(closedRunRetentionMs),
          allowed,
          liveScoring,
          Duration.ofMillis(liveFeatureWaitMs),
          finalScoringShare,
          notifyPriorities());
    }

    private Set<String> notifyPriorities() {
      if (notifyPriorities.size() == 1 && notifyPriorities.get(0).trim().equals("none")) {
        return Set.of();
      }
      Set<String> out = new java.util.TreeSet<>();
      for (String p : notifyPriorities) {
        try {
          out.add(io.alertscoring.schemas.PriorityLabel.fromWire(p.trim()).wireName());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "--notify-priorities takes low, medium, high or none, got '" + p + "'");
        }
      }
      return out;
    }

    public Wiring wiring() {
      return new Wiring(bootstrapServers, clickhouseUrl, groupId, checkpoints.intervalMs);
    }

    public CheckpointSettings checkpointSettings() {
      return checkpoints.toSettings(null);
    }

    public Integer parallelism() {
      if (parallelism != null && parallelism < 1) {
        throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
      }
      return parallelism;
    }
  }

  /**
   * Parses the options, the connection settings defaulting to this process's environment (see
   * {@link EnvironmentDefaults}).
   *
   * @throws IllegalArgumentException with one line that names the bad option
   */
  public static JobOptions parse(String... args) {
    return parse(System::getenv, args);
  }

  /**
   * Parses the options with {@code environment} as the environment.
   *
   * @throws IllegalArgumentException with one line that names the bad option; an unknown option or
   *     a stray argument is one too (a misspelt option must not leave its default in force)
   */
  public static JobOptions parse(Function<String, String> environment, String... args) {
    JobOptions options = new JobOptions();
    CommandLine line = commandLine(options, environment);
    try {
      line.parseArgs(args);
    } catch (CommandLine.UnmatchedArgumentException e) {
      // picocli's suggestions are loose; only an option the typed one is a prefix of (or that is
      // a prefix of it) is worth naming: --batch-timeout -> --batch-timeout-ms
      String typed = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
      List<String> suggestions =
          e.getSuggestions().stream()
              .filter(o -> typed.length() > 3 && (o.startsWith(typed) || typed.startsWith(o)))
              .toList();
      throw new IllegalArgumentException(
          e.getMessage()
              + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions)),
          e);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
      return null;
    }
    requireConnection("--bootstrap-servers", options.bootstrapServers);
    requireConnection("--clickhouse-url", options.clickhouseUrl);
    // values out of range fail here, before anything starts
    options.jobConfig();
    options.checkpointSettings();
    options.parallelism();
    return options;
  }

  private static CommandLine commandLine(JobOptions options, Function<String, String> env) {
    CommandLine line = new CommandLine(options);
    line.setDefaultValueProvider(new EnvironmentDefaults(env));
    return line;
  }

  private static void requireConnection(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "Missing required option: '"
              + option
              + "' (or set "
              + EnvironmentDefaults.variableOf(option)
              + ")");
    }
  }

  /** Runs the command line; returns the exit status (0, or 2 for a bad option). */
  static int run(String[] args, PrintWriter out, PrintWriter err) throws Exception {
    JobOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("scoring-job: " + e.getMessage() + " (--help lists the options)");
      err.flush();
      return 2;
    }
    if (options == null) {
      commandLine(new JobOptions(), System::getenv).usage(out);
      out.flush();
      return 0;
    }
    CheckpointSettings checkpoints = options.checkpointSettings();
    if (checkpoints.checkpointDirectory() == null) {
      err.println(
          "scoring-job: no --checkpoint-dir: checkpoints go to the cluster's"
              + " execution.checkpointing.dir");
      err.flush();
    }
    out.println("scoring-job: " + checkpoints.describe());
    out.flush();
    Configuration conf = checkpoints.toConfiguration();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    if (options.parallelism() != null) {
      env.setParallelism(options.parallelism());
    }
    build(env, options.jobConfig(), options.wiring());
    env.execute("alert-scoring");
    return 0;
  }

  public static void main(String[] args) throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = run(args, out, err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Adds the production graph to {@code env} and makes sure the tables exist. Checkpointing comes
   * from the environment's configuration ({@link CheckpointSettings#toConfiguration()}); an
   * environment without it gets checkpoints every {@link Wiring#checkpointIntervalMs()}.
   */
  public static void build(StreamExecutionEnvironment env, JobConfig config, Wiring wiring)
      throws Exception {
    ClickHouseSchema.apply(wiring.clickhouseUrl());
    if (config.liveScoring()) {
      // A record waits at most this long in a half-full network buffer (Flink's default is 100
      // ms, at each of the live path's two exchanges). Under load buffers fill long before it,
      // so throughput is unchanged; at a few thousand records a second it is the live latency.
      env.setBufferTimeout(LIVE_BUFFER_TIMEOUT_MS);
    }
    env.setMaxParallelism(MAX_PARALLELISM);
    if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
      env.enableCheckpointing(wiring.checkpointIntervalMs());
    }
    ClickHouseSinks clickHouse = new ClickHouseSinks(wiring.clickhouseUrl());
    JobSinks sinks =
        new JobSinks(
            new ClickHouseRowStore<>(wiring.clickhouseUrl(), Tables.ALERT_SCORES),
            new ClickHouseRowStore<>(wiring.clickhouseUrl(), Tables.ALERT_RANKINGS),
            new ClickHouseRowStore<>(wiring.clickhouseUrl(), Tables.CLUSTER_SCORES),
            new ClickHouseRunPublication(wiring.clickhouseUrl()),
            clickHouse.batchMetadata(),
            DeadLetterKafkaSink.create(wiring.bootstrapServers()),
            clickHouse.alertLiveScores(),
            NotificationKafkaSink.create(wiring.bootstrapServers()));
    new ScoringJob(config, new KafkaJobSources(wiring.bootstrapServers(), wiring.groupId()), sinks)
        .build(env);
  }
}
