package io.alertscoring.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, in-process Apache Kafka 3.9 broker running in KRaft combined mode ({@code
 * process.roles=broker,controller}, {@code node.id=1}) on free ports of 127.0.0.1.
 *
 * <p>The metadata/log directory is formatted with Kafka's own {@link Formatter} (what {@code
 * kafka-storage.sh format} does) before the {@link KafkaRaftServer} is started. {@link #start()}
 * returns only once the broker answers an AdminClient {@code describeCluster}. Topic auto-creation
 * is disabled: create topics with {@link #createTopics(int, String...)}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  /** Node id of the single combined broker/controller. */
  public static final int NODE_ID = 1;

  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

  /** The running server; replaced by {@link #restart()}; null while stopped. */
  private KafkaRaftServer server;

  private final KafkaConfig config;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final int brokerPort;
  private final int controllerPort;
  private boolean closed;

  private EmbeddedKafkaBroker(
      KafkaRaftServer server,
      KafkaConfig config,
      Path dataDir,
      boolean deleteDataDirOnClose,
      int brokerPort,
      int controllerPort) {
    this.server = server;
    this.config = config;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /** Starts a broker in a fresh temporary directory that is deleted on {@link #close()}. */
  public static EmbeddedKafkaBroker start() {
    Path dir;
    try {
      dir = Files.createTempDirectory("embedded-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary Kafka log directory", e);
    }
    return start(dir, true);
  }

  /**
   * Starts a broker whose log/metadata directory is {@code dataDir} (created if missing, formatted
   * only if not formatted yet, and kept on {@link #close()}), so topics and data survive restarts.
   */
  public static EmbeddedKafkaBroker start(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create Kafka data directory " + dataDir, e);
    }
    return start(dataDir.toAbsolutePath(), false);
  }

  private static EmbeddedKafkaBroker start(Path dataDir, boolean deleteOnClose) {
    installNonExitingProcedures();
    int[] ports = FreePorts.find(2);
    int brokerPort = ports[0];
    int controllerPort = ports[1];
    KafkaConfig config =
        new KafkaConfig(brokerProperties(dataDir, brokerPort, controllerPort), false);
    KafkaRaftServer server = null;
    try {
      format(dataDir);
      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(
              server, config, dataDir, deleteOnClose, brokerPort, controllerPort);
      broker.awaitReady();
      LOG.info(
          "Embedded Kafka broker started on {} (controller port {}, data dir {})",
          broker.bootstrapServers(),
          controllerPort,
          dataDir);
      return broker;
    } catch (RuntimeException | Error e) {
      if (server != null) {
        try {
          server.shutdown();
          server.awaitShutdown();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (deleteOnClose) {
        deleteQuietly(dataDir, e);
      }
      if (e instanceof KafkaStartupException) {
        throw e;
      }
      throw new KafkaStartupException(
          "Embedded Kafka broker failed to start on 127.0.0.1:"
              + brokerPort
              + " (data dir "
              + dataDir
              + "): "
              + e,
          e);
    }
  }

  /**
   * Shuts the broker down cleanly but keeps its ports and data directory, so {@link #restart()}
   * brings the same broker back with every topic and record: an outage, for fault tests.
   */
  public synchronized void stop() {
    if (closed || server == null) {
      throw new IllegalStateException("stop() needs a running broker: " + this);
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.info("Embedded Kafka broker on {} stopped (data kept)", bootstrapServers());
  }

  /**
   * Starts the broker again after {@link #stop()} on the same ports and data, and waits until it
   * answers.
   */
  public synchronized void restart() {
    if (closed || server != null) {
      throw new IllegalStateException("restart() needs a stopped broker: " + this);
    }
    KafkaRaftServer restarted = new KafkaRaftServer(config, Time.SYSTEM);
    restarted.startup();
    server = restarted;
    awaitReady();
    LOG.info("Embedded Kafka broker on {} restarted", bootstrapServers());
  }

  /** Bootstrap servers string for clients, e.g. {@code 127.0.0.1:41234}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** Port of the PLAINTEXT broker listener. */
  public int brokerPort() {
    return brokerPort;
  }

  /** Port of the KRaft controller listener. */
  public int controllerPort() {
    return controllerPort;
  }

  /** The log/metadata directory of this broker. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates every topic the product uses (the SOT topics of each record kind and the dead-letter
   * topic) with {@code partitions} partitions; returns their names.
   */
  public List<String> createProductTopics(int partitions) {
    List<String> topics = productTopics();
    createTopics(partitions, topics.toArray(String[]::new));
    return topics;
  }

  /**
   * Every topic the product uses: the SOT topics, dead letters, notifications and webhook dead
   * letters (what a deployment must create; {@code docker/compose.yaml} is checked against it).
   */
  public static List<String> productTopics() {
    List<String> topics = new java.util.ArrayList<>();
    for (io.alertscoring.schemas.RecordKind kind : io.alertscoring.schemas.RecordKind.values()) {
      topics.add(kind.defaultTopic());
    }
    topics.add(io.alertscoring.schemas.RecordKind.DEAD_LETTER_TOPIC);
    topics.add(io.alertscoring.schemas.RecordKind.NOTIFICATION_TOPIC);
    topics.add(io.alertscoring.schemas.RecordKind.WEBHOOK_DEAD_LETTER_TOPIC);
    return List.copyOf(topics);
  }

  /**
   * Creates the given topics with {@code partitions} partitions and replication factor 1. Topics
   * that already exist are left as they are. Returns once every partition of every named topic has
   * a leader.
   */
  public void createTopics(int partitions, String... names) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
    }
    if (names == null || names.length == 0) {
      return;
    }
    List<String> topics = Arrays.asList(names);
    long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(adminProperties())) {
      for (String name : topics) {
        createOne(admin, name, partitions, deadline);
      }
      awaitLeaders(admin, topics, deadline);
    }
  }

  private void createOne(Admin admin, String name, int partitions, long deadline) {
    while (true) {
      try {
        admin
            .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
            .all()
            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof TopicExistsException) {
          return;
        }
        boolean retriable =
            cause instanceof RetriableException
                || cause instanceof InvalidReplicationFactorException; // broker not yet registered
        if (!retriable || System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not create Kafka topic '" + name + "'", cause);
        }
        sleep(200);
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Timed out after " + TOPIC_TIMEOUT + " creating Kafka topic '" + name + "'", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while creating Kafka topic '" + name + "'", e);
      }
    }
  }

  private void awaitLeaders(Admin admin, List<String> topics, long deadline) {
    String lastProblem = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        Map<String, TopicDescription> descriptions =
            admin
                .describeTopics(topics)
                .allTopicNames()
                .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        Optional<String> missing =
            descriptions.values().stream()
                .filter(
                    d ->
                        d.partitions().stream()
                            .map(TopicPartitionInfo::leader)
                            .anyMatch(l -> l == null || l.isEmpty()))
                .map(TopicDescription::name)
                .findFirst();
        if (missing.isEmpty()) {
          return;
        }
        lastProblem = "topic '" + missing.get() + "' has partitions without a leader";
      } catch (ExecutionException e) {
        lastProblem = String.valueOf(e.getCause());
      } catch (TimeoutException e) {
        lastProblem = "describeTopics timed out";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Kafka topics " + topics, e);
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "Kafka topics " + topics + " not ready after " + TOPIC_TIMEOUT + ": " + lastProblem);
  }

  /**
   * Shuts the broker down cleanly, waits for the shutdown to finish and deletes the temporary data
   * directory (a directory passed to {@link #start(Path)} is kept). Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    try {
      if (server != null) {
        server.shutdown();
        server.awaitShutdown();
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    if (deleteDataDirOnClose) {
      try {
        InfraFiles.deleteRecursively(dataDir);
      } catch (IOException e) {
        UncheckedIOException io =
            new UncheckedIOException("Could not delete Kafka data directory " + dataDir, e);
        if (failure == null) {
          failure = io;
        } else {
          failure.addSuppressed(io);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers());
  }

  @Override
  public String toString() {
    return "EmbeddedKafkaBroker[" + bootstrapServers() + ", dataDir=" + dataDir + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private static Map<String, Object> brokerProperties(
      Path dataDir, int brokerPort, int controllerPort) {
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // small footprint for tests / laptops
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    return p;
  }

  /**
   * Formats the log dir (which is also the metadata log dir: {@code metadata.log.dir} is unset)
   * like {@code kafka-storage.sh format --ignore-formatted} does. Static quorum
   * (controller.quorum.voters), so no initial controllers / kraft.version 1.
   */
  private static void format(Path dataDir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Formatter formatter =
        new Formatter()
            .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
            .setNodeId(NODE_ID)
            .setClusterId(existingClusterId(dataDir).orElseGet(() -> Uuid.randomUuid().toString()))
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setUnstableFeatureVersionsEnabled(false)
            .setIgnoreFormatted(true)
            .setControllerListenerName(CONTROLLER_LISTENER)
            .setMetadataLogDirectory(dataDir.toString())
            .setDirectories(List.of(dataDir.toString()));
    try {
      formatter.run();
    } catch (Exception e) {
      throw new KafkaStartupException(
          "Could not format Kafka storage directory " + dataDir + ": " + e.getMessage(), e);
    }
    LOG.debug("Kafka storage format: {}", out.toString(StandardCharsets.UTF_8).strip());
  }

  /**
   * Cluster id of an already formatted directory. Needed because {@link Formatter} in 3.9 verifies
   * the given cluster id against an existing {@code meta.properties} even with {@code
   * ignoreFormatted}, and fails on a mismatch.
   */
  private static Optional<String> existingClusterId(Path dataDir) {
    Path metaProperties = dataDir.resolve("meta.properties");
    if (!Files.isRegularFile(metaProperties)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (var in = Files.newInputStream(metaProperties)) {
      properties.load(in);
    } catch (IOException e) {
      throw new KafkaStartupException("Could not read " + metaProperties, e);
    }
    return Optional.ofNullable(properties.getProperty("cluster.id")).filter(id -> !id.isBlank());
  }

  private Properties adminProperties() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
    return p;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    List<String> problems = new ArrayList<>();
    try (Admin admin = Admin.create(adminProperties())) {
      while (System.nanoTime() < deadline) {
        try {
          var nodes =
              admin
                  .describeCluster()
                  .nodes()
                  .get(Math.min(remainingMillis(deadline), 10_000), TimeUnit.MILLISECONDS);
          if (nodes.stream().map(Node::id).anyMatch(id -> id == NODE_ID)) {
            return;
          }
          problems.add("describeCluster returned " + nodes);
        } catch (ExecutionException e) {
          problems.add(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
          problems.add("describeCluster timed out");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new KafkaStartupException("Interrupted while waiting for the Kafka broker", e);
        }
        sleep(200);
      }
    }
    String last = problems.isEmpty() ? "no attempt finished" : problems.get(problems.size() - 1);
    throw new KafkaStartupException(
        "Embedded Kafka broker on "
            + bootstrapServers()
            + " did not answer describeCluster within "
            + STARTUP_TIMEOUT.toSeconds()
            + "s; last problem: "
            + last,
        null);
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static void deleteQuietly(Path dir, Throwable onFailure) {
    try {
      InfraFiles.deleteRecursively(dir);
    } catch (IOException e) {
      onFailure.addSuppressed(e);
    }
  }

  private static boolean exitProceduresInstalled;

  /**
   * Kafka calls {@link Exit#exit}/{@link Exit#halt} on fatal errors (e.g. a failed log dir); in an
   * embedded broker that would kill the test JVM or the local launcher, so both throw instead.
   */
  private static synchronized void installNonExitingProcedures() {
    if (exitProceduresInstalled) {
      return;
    }
    Exit.setExitProcedure(
        (statusCode, message) -> {
          LOG.error("Kafka requested JVM exit({}): {}", statusCode, message);
          throw new KafkaExitAttemptException("exit", statusCode, message);
        });
    Exit.setHaltProcedure(
        (statusCode, message) -> {
          LOG.error("Kafka requested JVM halt({}): {}", statusCode, message);
          throw new KafkaExitAttemptException("halt", statusCode, message);
        });
    exitProceduresInstalled = true;
  }

  /** Thrown when the embedded broker cannot be started. */
  public static final class KafkaStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KafkaStartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Thrown instead of terminating the JVM when Kafka calls {@code Exit.exit} or {@code Exit.halt}.
   */
  public static final class KafkaExitAttemptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KafkaExitAttemptException(String kind, int statusCode, String message) {
      super(
          "Kafka attempted to "
              + kind
              + " the JVM with status "
              + statusCode
              + (message == null ? "" : ": " + message));
    }
  }
}
