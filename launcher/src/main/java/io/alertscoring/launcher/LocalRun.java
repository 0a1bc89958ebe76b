package io.alertscoring.launcher;

import io.alertscoring.api.QueryApiMain;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.infra.ClickHouseInstaller;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.infra.SotKafkaPublisher;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.ScoringJobMain;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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

  /** Command-line options of {@code local}. */
  public record Options(
      int port, int alertsPerBatch, Path modelsDir, String clickhouseUrl, boolean exitAfterLoad) {

    static Options parse(String[] args) {
      int port = 8000;
      int alerts = 200;
      Path models = defaultModelsDir();
      String clickhouse = System.getenv("CLICKHOUSE_URL");
      boolean exit = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--port" -> port = intArg(args, ++i, "--port", 1, 65535);
          case "--alerts-per-batch" ->
              alerts = intArg(args, ++i, "--alerts-per-batch", 10, 1_000_000);
          case "--models-dir" -> models = Path.of(stringArg(args, ++i, "--models-dir"));
          case "--clickhouse-url" -> clickhouse = stringArg(args, ++i, "--clickhouse-url");
          case "--exit-after-load" -> exit = true;
          default ->
              throw new AlertScoringCli.UsageException(
                  "unknown option '" + args[i] + "'. " + AlertScoringCli.USAGE);
        }
      }
      if (!Files.isDirectory(models)) {
        throw new AlertScoringCli.UsageException("models directory " + models + " does not exist");
      }
      return new Options(
          port,
          alerts,
          models,
          clickhouse == null || clickhouse.isBlank() ? null : clickhouse,
          exit);
    }

    private static String stringArg(String[] args, int i, String name) {
      if (i >= args.length) {
        throw new AlertScoringCli.UsageException(name + " needs a value");
      }
      return args[i];
    }

    private static int intArg(String[] args, int i, String name, int min, int max) {
      String value = stringArg(args, i, name);
      try {
        int parsed = Integer.parseInt(value);
        if (parsed < min || parsed > max) {
          throw new AlertScoringCli.UsageException(
              name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new AlertScoringCli.UsageException(name + " must be a number, got '" + value + "'");
      }
    }

    static Path defaultModelsDir() {
      String home = System.getProperty("alert.scoring.home", ".");
      return Path.of(home, "trained_models").toAbsolutePath().normalize();
    }
  }

  private final Options options;
  private ClickHouseServer clickHouseServer;
  private EmbeddedKafkaBroker kafka;
  private JobClient job;
  private AutoCloseable api;
  private String clickhouseUrl;
  private final List<SampleBatch> published = new ArrayList<>();

  public LocalRun(Options options) {
    this.options = options;
  }

  /** Starts everything, publishes the dataset and waits until every batch is COMPLETED. */
  public void start() throws Exception {
    long t0 = System.nanoTime();
    if (options.clickhouseUrl() != null) {
      clickhouseUrl = options.clickhouseUrl();
      say("using ClickHouse at " + clickhouseUrl);
    } else {
      ClickHouseInstaller.ensureInstalled();
      clickHouseServer = ClickHouseServer.start();
      clickhouseUrl = clickHouseServer.jdbcUrl();
      say(
          "ClickHouse started: http port "
              + clickHouseServer.httpPort()
              + ", data in "
              + clickHouseServer.baseDir());
    }
    kafka = EmbeddedKafkaBroker.start();
    List<String> topics = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      topics.add(kind.defaultTopic());
    }
    topics.add(RecordKind.DEAD_LETTER_TOPIC);
    kafka.createTopics(2, topics.toArray(String[]::new));
    say("Kafka broker (KRaft) started at " + kafka.bootstrapServers() + ", topics " + topics);

    Configuration flinkConf = new Configuration();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(2, flinkConf);
    JobConfig config = JobConfig.defaults(options.modelsDir().toString());
    ScoringJobMain.build(
        env,
        config,
        new ScoringJobMain.Wiring(
            kafka.bootstrapServers(), clickhouseUrl, "alert-scoring-local", 5000));
    job = env.executeAsync("alert-scoring-local");
    say(
        "Flink job started on the embedded local environment (parallelism 2), job id "
            + job.getJobID());

    api = QueryApiMain.start(options.port(), clickhouseUrl);
    say("query API listening on http://localhost:" + options.port());

    publishDataset();
    awaitCompleted(Duration.ofMinutes(3));
    say(
        String.format(
            "all %d batches COMPLETED, %.1f s after start",
            published.size(), (System.nanoTime() - t0) / 1e9));
    printExamples();
  }

  private void publishDataset() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (SotKafkaPublisher publisher = new SotKafkaPublisher(kafka.bootstrapServers())) {
      for (int d = DATES; d >= 1; d--) {
        for (String network : NETWORKS) {
          BatchKey key = new BatchKey(network, today.minusDays(d).toString(), WINDOW_DAYS);
          SampleBatch batch = SampleBatchGenerator.generate(key, options.alertsPerBatch(), SEED);
          for (SotRecord record : batch.dataRecords()) {
            publisher.publish(record);
          }
          publisher.flush();
          publisher.publishAndWait(batch.control());
          published.add(batch);
          say(
              "published "
                  + key
                  + ": "
                  + batch.alerts().size()
                  + " alerts, "
                  + batch.features().size()
                  + " features, "
                  + batch.clusters().size()
                  + " clusters, "
                  + batch.moneyFlows().size()
                  + " money flows, then its batch-control record");
        }
      }
    }
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
                "SELECT count() FROM batch_metadata FINAL WHERE status = 'COMPLETED'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void printExamples() {
    String base = "http://localhost:" + options.port();
    String date = published.get(published.size() - 1).control().processingDate();
    System.out.println();
    System.out.println("Try:");
    for (String path :
        List.of(
            "/health",
            "/networks",
            "/dates/available?network=ethereum",
            "/scores/rankings/top/10?network=ethereum",
            "/scores/alerts/" + date + "?network=bitcoin&limit=5",
            "/alerts/" + published.get(0).alerts().get(0).alertId(),
            "/scores/clusters/latest?network=ethereum",
            "/metadata/latest",
            "/metadata/history?network=bitcoin&limit=3")) {
      System.out.println("  curl -s '" + base + path + "'");
    }
    System.out.println();
    System.out.println("Ctrl-C stops everything.");
  }

  public int port() {
    return options.port();
  }

  public List<SampleBatch> published() {
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
    if (kafka != null) {
      closeQuietly("Kafka", kafka);
      kafka = null;
    }
    if (clickHouseServer != null) {
      closeQuietly("ClickHouse", clickHouseServer);
      clickHouseServer = null;
    }
  }

  private static void closeQuietly(String what, AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      say("could not stop " + what + " cleanly: " + e.getMessage());
    }
  }

  private static void say(String line) {
    System.out.println("[alert-scoring] " + line);
  }
}
