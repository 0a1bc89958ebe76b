package io.alertscoring.launcher;

import io.alertscoring.api.QueryApiMain;
import io.alertscoring.infra.ClickHouseInstaller;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.infra.FlinkCluster;
import io.alertscoring.infra.FlinkClusterConfig;
import io.alertscoring.infra.FreePorts;
import io.alertscoring.job.CheckpointSettings;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.ScoringJobMain;
import io.alertscoring.launcher.cluster.ClusterDeployment;
import io.alertscoring.launcher.data.DemoDataset;
import io.alertscoring.launcher.webhook.LocalWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the whole system on this machine until Ctrl-C: ClickHouse (started here, or an existing one
 * from {@code CLICKHOUSE_URL}), a Kafka broker, the Flink job on the embedded local environment,
 * the query API, and a generated dataset of 2 networks x 3 processing dates.
 */
public final class LocalRun implements AutoCloseable {
  static final List<String> NETWORKS = List.of("ethereum", "bitcoin");
  static final int DATES = 3;
  static final int WINDOW_DAYS = 7;
  static final long SEED = 20_260_101L;

  /**
   * How the job runs on the embedded local environment, for {@code local} and {@code bench}.
   *
   * @param parallelism of the local environment (its task slots)
   * @param managedMemory Flink managed memory of the embedded TaskManager: the bound of RocksDB's
   *     native memory (block cache and write buffers, outside the heap)
   * @param checkpoints state backend and checkpoints; a null directory means the run's work dir
   */
  public record Embedded(
      int parallelism, MemorySize managedMemory, CheckpointSettings checkpoints) {
    public static final int DEFAULT_PARALLELISM = 2;
    public static final MemorySize DEFAULT_MANAGED_MEMORY = MemorySize.parse("1g");

    public static Embedded defaults() {
      return new Embedded(
          DEFAULT_PARALLELISM, DEFAULT_MANAGED_MEMORY, CheckpointSettings.defaults(null));
    }

    /** These settings with checkpoints under {@code workDir} unless a directory was given. */
    public Embedded resolve(Path workDir) {
      if (checkpoints.checkpointDirectory() != null) {
        return this;
      }
      return new Embedded(
          parallelism,
          managedMemory,
          checkpoints.withCheckpointDirectory(workDir.resolve("checkpoints").toUri().toString()));
    }

    /** A one-line summary for start-up logs and reports. */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "parallelism %d, managed memory %d MiB (RocksDB native memory bound), %s",
          parallelism,
          managedMemory.getMebiBytes(),
          checkpoints.describe());
    }
  }

  /** The options {@code local} and {@code bench} share: parallelism, memory, checkpoints. */
  public static final class EmbeddedOptions {
    @Option(
        names = "--parallelism",
        paramLabel = "N",
        defaultValue = "2",
        description = "local environment parallelism (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
        names = "--managed-memory",
        paramLabel = "SIZE",
        defaultValue = "1g",
        description =
            "Flink managed memory, the bound of RocksDB's native memory (default: ${DEFAULT-VALUE})")
    String managedMemory;

    @Mixin CheckpointSettings.Options checkpoints = new CheckpointSettings.Options();

    /**
     * @throws AlertScoringCli.UsageException for a value out of range
     */
    public Embedded toEmbedded() {
      if (parallelism < 1 || parallelism > 256) {
        throw new AlertScoringCli.UsageException(
            "--parallelism must be in [1, 256], got " + parallelism);
      }
      MemorySize managed;
      try {
        managed = MemorySize.parse(managedMemory);
      } catch (IllegalArgumentException e) {
        throw new AlertScoringCli.UsageException(
            "--managed-memory must be a size like 512m or 1g, got '" + managedMemory + "'");
      }
      if (managed.getBytes() < MemorySize.parse("64m").getBytes()) {
        throw new AlertScoringCli.UsageException("--managed-memory must be at least 64m");
      }
      try {
        return new Embedded(parallelism, managed, checkpoints.toSettings(null));
      } catch (IllegalArgumentException e) {
        throw new AlertScoringCli.UsageException(e.getMessage());
      }
    }
  }

  /**
   * Command-line options of {@code local} and {@code cluster}.
   *
   * @param cluster for {@code cluster}: the standalone cluster the job is submitted to; null for
   *     {@code local} (the job on the embedded environment, shaped by {@code embedded})
   * @param webhooks whether the webhook dispatcher runs
   * @param webhooksFile its subscriptions; null for the demo endpoint and receiver
   */
  public record Options(
      int port,
      int alertsPerBatch,
      Path modelsDir,
      String clickhouseUrl,
      boolean exitAfterLoad,
      Embedded embedded,
      FlinkCluster.Settings cluster,
      boolean webhooks,
      Path webhooksFile) {

    public Options(
        int port, int alertsPerBatch, Path modelsDir, String clickhouseUrl, boolean exitAfterLoad) {
      this(
          port,
          alertsPerBatch,
          modelsDir,
          clickhouseUrl,
          exitAfterLoad,
          Embedded.defaults(),
          null,
          true,
          null);
    }

    static Options parse(String[] args) {
      return parse(new LocalCommand(), args);
    }

    static Options parseCluster(String[] args) {
      return parse(new ClusterCommand(), args);
    }

    private static Options parse(LocalCommand c, String[] args) {
      CommandLine line = new CommandLine(c);
      try {
        line.parseArgs(args);
      } catch (CommandLine.ParameterException e) {
        throw new AlertScoringCli.UsageException(e.getMessage() + ". " + AlertScoringCli.USAGE);
      }
      if (line.isUsageHelpRequested()) {
        line.usage(System.out);
        return null;
      }
      if (c.port < 1 || c.port > 65535) {
        throw new AlertScoringCli.UsageException("--port must be in [1, 65535], got " + c.port);
      }
      if (c.alertsPerBatch < 10 || c.alertsPerBatch > 1_000_000) {
        throw new AlertScoringCli.UsageException(
            "--alerts-per-batch must be in [10, 1000000], got " + c.alertsPerBatch);
      }
      Path models = c.modelsDir == null ? defaultModelsDir() : c.modelsDir;
      requireModels(models);
      String clickhouse =
          c.clickhouseUrl == null ? System.getenv("CLICKHOUSE_URL") : c.clickhouseUrl;
      return new Options(
          c.port,
          c.alertsPerBatch,
          models,
          clickhouse == null || clickhouse.isBlank() ? null : clickhouse,
          c.exitAfterLoad,
          c.embedded.toEmbedded(),
          c instanceof ClusterCommand cluster ? cluster.settings() : null,
          c.webhooks,
          webhooksFile(c.webhooksFile));
    }

    private static Path webhooksFile(Path file) {
      if (file == null) {
        return null;
      }
      if (!Files.isRegularFile(file)) {
        throw new AlertScoringCli.UsageException("--webhooks-file " + file + " does not exist");
      }
      try {
        io.alertscoring.webhooks.config.Subscriptions.load(file);
      } catch (IllegalArgumentException e) {
        throw new AlertScoringCli.UsageException(e.getMessage());
      }
      return file.toAbsolutePath();
    }

    static Path defaultModelsDir() {
      String home = System.getProperty("alert.scoring.home", ".");
      return Path.of(home, "trained_models").toAbsolutePath().normalize();
    }

    static void requireModels(Path models) {
      if (!Files.isDirectory(models)) {
        throw new AlertScoringCli.UsageException("models directory " + models + " does not exist");
      }
    }
  }

  @Command(
      name = "local",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "The whole system on this machine until Ctrl-C.")
  static class LocalCommand {
    @Option(names = "--port", defaultValue = "8000", description = "API port")
    int port;

    @Option(
        names = "--alerts-per-batch",
        defaultValue = "1000",
        description = "alerts per generated batch (default: ${DEFAULT-VALUE})")
    int alertsPerBatch;

    @Option(names = "--models-dir", paramLabel = "DIR")
    Path modelsDir;

    @Option(
        names = "--clickhouse-url",
        paramLabel = "JDBC_URL",
        description = "an existing ClickHouse (default: $CLICKHOUSE_URL, else one started here)")
    String clickhouseUrl;

    @Option(names = "--exit-after-load")
    boolean exitAfterLoad;

    @Option(
        names = "--webhooks",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description =
            "run the webhook dispatcher (default: ${DEFAULT-VALUE}); without --webhooks-file it"
                + " notifies a demo receiver on this machine of every high-priority alert")
    boolean webhooks;

    @Option(
        names = "--webhooks-file",
        paramLabel = "FILE",
        description = "webhook subscriptions (docs/webhooks.md) instead of the demo receiver")
    Path webhooksFile;

    @Mixin EmbeddedOptions embedded = new EmbeddedOptions();
  }

  @Command(
      name = "cluster",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "The whole system on this machine like local, but the job on a real Flink standalone"
              + " cluster (JobManager and TaskManager processes, the shaded job jar submitted as"
              + " flink run does, the web UI on --web-port), until Ctrl-C.")
  static final class ClusterCommand extends LocalCommand {
    @Option(
        names = "--task-managers",
        defaultValue = "1",
        description = "(default: ${DEFAULT-VALUE})")
    int taskManagers;

    @Option(names = "--slots", defaultValue = "2", description = "task slots per TaskManager")
    int slots;

    @Option(
        names = "--taskmanager-memory",
        defaultValue = "2048m",
        description = "taskmanager.memory.process.size (default: ${DEFAULT-VALUE})")
    String taskManagerMemory;

    @Option(
        names = "--web-port",
        defaultValue = "8081",
        description = "Flink web UI and REST port (default: ${DEFAULT-VALUE})")
    int webPort;

    @Option(
        names = "--keep-cluster-dir",
        description = "keep the cluster's directory (logs, checkpoints) after the run")
    boolean keepClusterDir;

    FlinkCluster.Settings settings() {
      if (taskManagers < 1 || taskManagers > 8 || slots < 1 || slots > 16) {
        throw new AlertScoringCli.UsageException(
            "--task-managers must be in [1, 8] and --slots in [1, 16]");
      }
      if (webPort < 1 || webPort > 65535) {
        throw new AlertScoringCli.UsageException("--web-port must be in [1, 65535]");
      }
      if (!taskManagerMemory.matches("[0-9]+[mMgG]")) {
        throw new AlertScoringCli.UsageException(
            "--taskmanager-memory must be a size like 2048m or 4g, got '"
                + taskManagerMemory
                + "'");
      }
      FlinkCluster.Settings d = FlinkCluster.Settings.defaults();
      return new FlinkCluster.Settings(
          taskManagers,
          slots,
          d.jobManagerMemory(),
          taskManagerMemory,
          null,
          keepClusterDir,
          webPort,
          java.util.Map.of());
    }
  }

  /**
   * The servers of a local run: ClickHouse (started here, or an existing one), a KRaft Kafka broker
   * with the SOT and dead-letter topics (2 partitions each), and a work directory for checkpoints
   * and RocksDB, deleted on {@link #close()}.
   */
  public static final class Servers implements AutoCloseable {
    private ClickHouseServer clickHouseServer;
    private EmbeddedKafkaBroker kafka;
    private String clickhouseUrl;
    private Path workDir;

    private Servers() {}

    public static Servers start(String externalClickhouseUrl, Consumer<String> say) {
      Servers s = new Servers();
      try {
        s.workDir = Files.createTempDirectory("alert-scoring-run-");
        if (externalClickhouseUrl != null) {
          s.clickhouseUrl = externalClickhouseUrl;
          say.accept("using ClickHouse at " + s.clickhouseUrl);
        } else {
          ClickHouseInstaller.ensureInstalled();
          s.clickHouseServer = ClickHouseServer.start();
          s.clickhouseUrl = s.clickHouseServer.jdbcUrl();
          say.accept(
              "ClickHouse started: http port "
                  + s.clickHouseServer.httpPort()
                  + ", data in "
                  + s.clickHouseServer.baseDir());
        }
        s.kafka = EmbeddedKafkaBroker.start();
        List<String> topics = s.kafka.createProductTopics(2);
        say.accept(
            "Kafka broker (KRaft) started at " + s.kafka.bootstrapServers() + ", topics " + topics);
        say.accept("work directory (checkpoints, RocksDB) " + s.workDir);
        return s;
      } catch (IOException e) {
        s.close();
        throw new UncheckedIOException("cannot create the run's work directory", e);
      } catch (RuntimeException e) {
        s.close();
        throw e;
      }
    }

    public String clickhouseUrl() {
      return clickhouseUrl;
    }

    /**
     * The URL the API reads with: the server's read-only user when the server was started here
     * (least privilege: the API cannot write or drop), else the given URL as it is.
     */
    public String apiClickhouseUrl() {
      return clickHouseServer != null ? clickHouseServer.readOnlyJdbcUrl() : clickhouseUrl;
    }

    /** The ClickHouse server started here; null when an existing one is used. */
    public ClickHouseServer clickHouseServer() {
      return clickHouseServer;
    }

    /** The Kafka broker. */
    public EmbeddedKafkaBroker kafka() {
      return kafka;
    }

    public String bootstrapServers() {
      return kafka.bootstrapServers();
    }

    public Path workDir() {
      return workDir;
    }

    @Override
    public synchronized void close() {
      if (kafka != null) {
        closeQuietly("Kafka", kafka);
        kafka = null;
      }
      if (clickHouseServer != null) {
        closeQuietly("ClickHouse", clickHouseServer);
        clickHouseServer = null;
      }
      if (workDir != null) {
        deleteQuietly(workDir);
        workDir = null;
      }
    }
  }

  /** A job running on the embedded local environment, with its REST and metrics endpoints. */
  public record RunningJob(JobClient client, int restPort, int metricsPort, Embedded embedded) {
    public String restUrl() {
      return "http://localhost:" + restPort;
    }

    /** The job's metrics in the Prometheus text format. */
    public String metricsUrl() {
      return "http://localhost:" + metricsPort + "/metrics";
    }
  }

  /**
   * The Flink configuration of an embedded run: {@link CheckpointSettings#toConfiguration()} (the
   * same keys as {@code flink run}), checkpoints under {@code workDir} unless a directory was
   * given, and the embedded TaskManager's managed memory, temp and RocksDB directories and REST
   * port.
   */
  public static Configuration flinkConfiguration(Embedded embedded, Path workDir, int restPort) {
    Configuration conf = embedded.resolve(workDir).checkpoints().toConfiguration();
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, embedded.managedMemory());
    conf.set(CoreOptions.TMP_DIRS, workDir.resolve("flink-tmp").toString());
    conf.set(
        ConfigOptions.key("state.backend.rocksdb.localdir").stringType().noDefaultValue(),
        workDir.resolve("rocksdb").toString());
    // RocksDB's own view of its native memory, readable over REST (cheap gauges)
    conf.set(
        ConfigOptions.key("state.backend.rocksdb.metrics.block-cache-usage")
            .booleanType()
            .noDefaultValue(),
        true);
    conf.set(RestOptions.BIND_ADDRESS, "localhost");
    conf.set(RestOptions.ADDRESS, "localhost");
    conf.set(RestOptions.PORT, restPort);
    conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 10_000);
    conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
    return conf;
  }

  /** A local environment with {@link #flinkConfiguration} on a free REST port. */
  public static StreamExecutionEnvironment localEnvironment(
      Embedded embedded, Path workDir, int restPort) {
    return StreamExecutionEnvironment.createLocalEnvironment(
        embedded.parallelism(), flinkConfiguration(embedded, workDir, restPort));
  }

  /** Starts the production graph (Kafka in, ClickHouse out) on the embedded local environment. */
  public static RunningJob startJob(
      Servers servers, Path modelsDir, Embedded embedded, String groupId, String jobName)
      throws Exception {
    return startJob(
        servers, modelsDir, embedded, groupId, jobName, JobConfig.DEFAULT_NOTIFY_PRIORITIES);
  }

  /** As above, with notification events for {@code notifyPriorities}. */
  public static RunningJob startJob(
      Servers servers,
      Path modelsDir,
      Embedded embedded,
      String groupId,
      String jobName,
      java.util.Set<String> notifyPriorities)
      throws Exception {
    int restPort = FreePorts.findOne();
    int metricsPort = FreePorts.findOne();
    Configuration conf = flinkConfiguration(embedded, servers.workDir(), restPort);
    // the Prometheus text reporter of the clusters, on a port of its own
    FlinkClusterConfig.prometheusReporter(Integer.toString(metricsPort))
        .forEach(
            (key, value) -> conf.set(ConfigOptions.key(key).stringType().noDefaultValue(), value));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(embedded.parallelism(), conf);
    ScoringJobMain.build(
        env,
        JobConfig.defaults(modelsDir.toString()).withNotifyPriorities(notifyPriorities),
        new ScoringJobMain.Wiring(
            servers.bootstrapServers(),
            servers.clickhouseUrl(),
            groupId,
            embedded.checkpoints().interval().toMillis()));
    return new RunningJob(
        env.executeAsync(jobName), restPort, metricsPort, embedded.resolve(servers.workDir()));
  }

  private final Options options;
  private Servers servers;
  private JobClient job;
  private ClusterDeployment deployment;
  private LocalWebhooks webhooks;
  private AutoCloseable api;
  private String clickhouseUrl;
  private String jobMetricsUrl;
  private Path scoreRequest;
  private final List<DemoDataset.Batch> published = new ArrayList<>();

  public LocalRun(Options options) {
    this.options = options;
  }

  /** Starts everything, publishes the dataset and waits until every batch is COMPLETED. */
  public void start() throws Exception {
    long t0 = System.nanoTime();
    servers = Servers.start(options.clickhouseUrl(), LocalRun::say);
    clickhouseUrl = servers.clickhouseUrl();
    if (options.cluster() == null) {
      RunningJob running =
          startJob(
              servers,
              options.modelsDir(),
              options.embedded(),
              "alert-scoring-local",
              "alert-scoring-local",
              notifyPriorities());
      job = running.client();
      jobMetricsUrl = running.metricsUrl();
      say(
          "Flink job started on the embedded local environment, job id "
              + job.getJobID()
              + ", Flink REST "
              + running.restUrl()
              + ", job metrics (Prometheus) "
              + running.metricsUrl());
      say("  " + running.embedded().describe());
    } else {
      startOnCluster();
    }

    api = QueryApiMain.start(servers.apiClickhouseUrl(), options.port(), options.modelsDir());
    say(
        "query API listening on http://localhost:"
            + options.port()
            + (servers.clickHouseServer() != null
                ? ", reading as ClickHouse's read-only user "
                    + servers.clickHouseServer().readOnlyUser()
                : ""));
    if (options.webhooks()) {
      webhooks =
          LocalWebhooks.start(
              servers.bootstrapServers(),
              clickhouseUrl,
              options.webhooksFile(),
              "http://localhost:" + options.port());
      say("webhook dispatcher started: " + webhooks.describe());
    }

    publishDataset();
    awaitCompleted(Duration.ofMinutes(3));
    say(
        String.format(
            "all %d batches COMPLETED, %.1f s after start",
            published.size(), (System.nanoTime() - t0) / 1e9));
    reportWebhooks();
    printExamples();
  }

  /** With the demo receiver: waits a little for the notifications of the load and counts them. */
  private void reportWebhooks() throws InterruptedException {
    if (webhooks == null || webhooks.demoReceiver() == null) {
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int seen = -1;
    while (System.nanoTime() < deadline) {
      int now = webhooks.demoReceiver().received().size();
      if (now > 0 && now == seen) {
        break;
      }
      seen = now;
      Thread.sleep(500);
    }
    List<io.alertscoring.webhooks.receiver.RecordingReceiver.Received> got =
        webhooks.demoReceiver().received();
    long valid = got.stream().filter(r -> r.signatureValid()).count();
    say(
        "webhooks: the demo receiver got "
            + got.size()
            + " notifications of high-priority alerts and clusters ("
            + valid
            + " with a valid signature); the ledger: /webhooks/endpoints");
  }

  /** Priorities the job notifies: the demo endpoint's with the demo receiver, else the job's. */
  private java.util.Set<String> notifyPriorities() {
    return options.webhooks() && options.webhooksFile() == null
        ? LocalWebhooks.DEMO_PRIORITIES
        : JobConfig.DEFAULT_NOTIFY_PRIORITIES;
  }

  private void startOnCluster() {
    FlinkCluster.Settings settings = options.cluster();
    deployment =
        ClusterDeployment.start(
            settings,
            new ClusterDeployment.JobSpec(
                servers.bootstrapServers(),
                clickhouseUrl,
                options.modelsDir(),
                "alert-scoring-cluster",
                options.embedded().checkpoints(),
                List.of("--notify-priorities", String.join(",", notifyPriorities()))));
    FlinkCluster cluster = deployment.cluster();
    say(
        "Flink standalone cluster up: JobManager + "
            + settings.taskManagers()
            + " TaskManager(s) x "
            + settings.slotsPerTaskManager()
            + " slots ("
            + settings.taskManagerMemory()
            + " each), web UI "
            + cluster.restUrl()
            + ", configuration and logs in "
            + cluster.workDir());
    String jobId =
        deployment.submit(
            deployment.submission().withParallelism(options.embedded().parallelism()));
    say(
        "job "
            + jobId
            + " submitted as flink run does: "
            + deployment.jar()
            + " (parallelism "
            + options.embedded().parallelism()
            + "), every task RUNNING");
    say("  " + options.embedded().checkpoints().describe());
  }

  /**
   * Publishes the demo: {@value #DATES} dates of each network from the realistic generator, ending
   * yesterday, with their labels in {@code core_address_labels}.
   */
  private void publishDataset() throws Exception {
    DemoDataset.Published demo =
        DemoDataset.publish(
            new DemoDataset.Settings(NETWORKS, DATES, options.alertsPerBatch(), SEED, WINDOW_DAYS),
            LocalDate.now(ZoneOffset.UTC),
            servers.workDir().resolve("demo-data"),
            servers.bootstrapServers(),
            clickhouseUrl,
            System.out,
            System.err);
    published.addAll(demo.batches());
    DemoDataset.Batch newest = published.get(published.size() / NETWORKS.size() - 1);
    scoreRequest = DemoDataset.writeScoreRequest(demo.directory(), newest.key());
  }

  private void awaitCompleted(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    int completed = 0;
    while (System.nanoTime() < deadline) {
      completed = completedBatches();
      if (completed >= published.size()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "only "
            + completed
            + " of "
            + published.size()
            + " batches COMPLETED within "
            + timeout.toSeconds()
            + " s");
  }

  private int completedBatches() throws Exception {
    try (Connection connection =
            new ru.yandex.clickhouse.ClickHouseDriver().connect(clickhouseUrl, new Properties());
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                // published, not only COMPLETED: a run is served once all its rows are stored
                "SELECT count() FROM published_runs FINAL")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void printExamples() {
    String base = "http://localhost:" + options.port();
    String date = published.get(published.size() - 1).key().processingDate();
    System.out.println();
    System.out.println("The analyst page (top-ranked alerts, explanations, filters):");
    System.out.println("  " + base + "/");
    System.out.println("The API's description (OpenAPI) and Swagger UI:");
    System.out.println("  " + base + "/openapi.json   " + base + "/docs");
    System.out.println("Metrics in the Prometheus text format, of the API and of the job:");
    System.out.println(
        "  "
            + base
            + "/metrics   "
            + (jobMetricsUrl != null
                ? jobMetricsUrl
                : "http://localhost:9249/metrics (JobManager; TaskManagers on the next free ports"
                    + " of "
                    + FlinkClusterConfig.PROMETHEUS_PORTS
                    + ")"));
    System.out.println(
        "Score a batch on demand with the job's code (the newest ethereum batch, ready-made):");
    System.out.println(
        "  curl -s -X POST -H 'Content-Type: application/json' --data-binary @"
            + scoreRequest
            + " "
            + base
            + "/score/alerts");
    System.out.println("Judge a run against the ground truth in core_address_labels:");
    System.out.println(
        "  bin/alert-scoring validate --clickhouse-url '"
            + clickhouseUrl
            + "' --network ethereum --date "
            + date);
    System.out.println();
    System.out.println("Try:");
    for (String path :
        List.of(
            "/health",
            "/models",
            "/networks",
            "/dates/available?network=ethereum",
            "/scores/rankings/top/10?network=ethereum",
            "/scores/alerts/" + date + "?network=bitcoin&limit=5",
            "/alerts/" + published.get(0).firstAlert(),
            "/scores/clusters/latest?network=ethereum",
            "/scores/live/latest?network=ethereum&limit=5",
            "/scores/live/summary?network=ethereum",
            "/metadata/latest",
            "/metadata/" + date + "/runs?network=bitcoin",
            "/metadata/history?network=bitcoin&limit=3",
            "/webhooks/endpoints",
            "/webhooks/deliveries?limit=3")) {
      System.out.println("  curl -s '" + base + path + "'");
    }
    System.out.println();
    System.out.println("Every publication of a date is a run; the runs and their roles:");
    System.out.println("  bin/alert-scoring runs list --clickhouse-url '" + clickhouseUrl + "'");
    System.out.println();
    if (deployment != null) {
      System.out.println("The Flink web UI (jobs, checkpoints, TaskManagers, logs):");
      System.out.println("  " + deployment.cluster().restUrl());
      System.out.println(
          "Flink's command line on it (savepoints, stop, resume; docs/operations.md):");
      System.out.println("  FLINK_CONF_DIR=" + deployment.cluster().confDir() + " bin/flink list");
      System.out.println();
    }
    System.out.println("Ctrl-C stops everything.");
  }

  public int port() {
    return options.port();
  }

  /**
   * A {@code POST /score/alerts} body of the newest ethereum batch (null before {@link #start}).
   */
  public Path scoreRequest() {
    return scoreRequest;
  }

  /** The embedded job's Prometheus endpoint (null on a cluster or before {@link #start}). */
  public String jobMetricsUrl() {
    return jobMetricsUrl;
  }

  /** The JDBC URL of the run's ClickHouse (null before {@link #start}). */
  public String clickhouseUrl() {
    return clickhouseUrl;
  }

  /** The webhook dispatcher of the run (null when off). */
  public LocalWebhooks webhooks() {
    return webhooks;
  }

  public List<DemoDataset.Batch> published() {
    return List.copyOf(published);
  }

  /** Starts, then blocks until Ctrl-C (or returns at once with --exit-after-load). */
  public void runUntilStopped() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              say("stopping...");
              close();
              stopped.countDown();
            },
            "local-run-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      start();
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      close();
      throw e;
    }
    if (options.exitAfterLoad()) {
      Runtime.getRuntime().removeShutdownHook(hook);
      close();
      return;
    }
    stopped.await();
  }

  @Override
  public synchronized void close() {
    if (webhooks != null) {
      closeQuietly("webhook dispatcher", webhooks);
      webhooks = null;
    }
    if (api != null) {
      closeQuietly("query API", api);
      api = null;
    }
    if (job != null) {
      try {
        job.cancel().get();
      } catch (Exception e) {
        say("could not cancel the Flink job cleanly: " + e.getMessage());
      }
      job = null;
    }
    if (deployment != null) {
      closeQuietly("Flink cluster", deployment);
      deployment = null;
    }
    if (servers != null) {
      servers.close();
      servers = null;
    }
  }

  static void deleteQuietly(Path dir) {
    try {
      if (!Files.exists(dir)) {
        return;
      }
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      say("could not delete " + dir + ": " + e.getMessage());
    }
  }

  static void closeQuietly(String what, AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      say("could not stop " + what + " cleanly: " + e.getMessage());
    }
  }

  static void say(String line) {
    System.out.println("[alert-scoring] " + line);
  }
}
