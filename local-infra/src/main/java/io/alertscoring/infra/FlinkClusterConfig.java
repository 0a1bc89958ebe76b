package io.alertscoring.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster-level Flink configuration ({@code config.yaml}) of a standalone session cluster, in
 * one place: the {@link FlinkCluster} harness writes it, {@code docker/compose.yaml} passes the
 * same {@link #shared() shared} keys as {@code FLINK_PROPERTIES} (a test compares them), and {@code
 * docs/operations.md} explains the values.
 *
 * <p>Job-level settings (checkpoint interval, timeout, tolerable failures, restart strategy) are
 * not here: the job sets them itself from its command line ({@code CheckpointSettings}), so they
 * are the same on every cluster it is submitted to.
 */
public final class FlinkClusterConfig {
  private FlinkClusterConfig() {}

  /** The JVM options of Flink 2.0's default {@code env.java.opts.all} (its start scripts). */
  public static final String JAVA_OPTS_ALL =
      String.join(
          " ",
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  /**
   * The keys whose values are the same on every deployment (harness, compose, a real cluster):
   * memory, slots, state backend, failure detection and failover. Ports, hosts and directories
   * differ per deployment and are added by {@link #forHarness}.
   */
  public static Map<String, String> shared(
      String jobManagerMemory, String taskManagerMemory, int slotsPerTaskManager) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("jobmanager.memory.process.size", jobManagerMemory);
    c.put("taskmanager.memory.process.size", taskManagerMemory);
    c.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
    c.put("parallelism.default", "2");
    // RocksDB by default for every job; incremental so a checkpoint uploads only new SST files
    c.put("state.backend.type", "rocksdb");
    c.put("execution.checkpointing.incremental", "true");
    // keep the last 3 completed checkpoints: a restore can fall back if the newest is damaged
    c.put("execution.checkpointing.num-retained", "3");
    // a lost TaskManager restarts only the pipelined region that had tasks on it
    c.put("jobmanager.execution.failover-strategy", "region");
    // a killed TaskManager is noticed after two failed heartbeat RPCs (~4 s); one that hangs
    // (GC, network) after 20 s. Flink's defaults (10 s / 50 s) make every recovery ~50 s slower.
    c.put("heartbeat.interval", "2000");
    c.put("heartbeat.timeout", "20000");
    // slots of a dead TaskManager come back with the new one: wait for them, not fail
    c.put("slot.request.timeout", "300000");
    c.put("rest.flamegraph.enabled", "true");
    c.put("web.checkpoints.history", "100");
    c.put("env.java.opts.all", JAVA_OPTS_ALL);
    // every JobManager and TaskManager serves its metrics in the Prometheus text format
    c.putAll(prometheusReporter(PROMETHEUS_PORTS));
    return c;
  }

  /** The name of the Prometheus reporter in Flink's configuration. */
  public static final String PROMETHEUS_REPORTER = "prom";

  /** The ports the reporter tries, first free one taken (one per process on a host). */
  public static final String PROMETHEUS_PORTS = "9249-9260";

  /**
   * The keys of the Prometheus text reporter (module {@code metrics-reporter}) serving {@code GET
   * /metrics} on the first free port of {@code ports} ("9249" or "9249-9260").
   */
  public static Map<String, String> prometheusReporter(String ports) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put(
        "metrics.reporter." + PROMETHEUS_REPORTER + ".factory.class",
        "io.alertscoring.metrics.PrometheusTextReporterFactory");
    c.put("metrics.reporter." + PROMETHEUS_REPORTER + ".port", ports);
    return c;
  }

  /** The whole {@code config.yaml} of a harness cluster on this machine. */
  static Map<String, String> forHarness(FlinkCluster.Settings settings, Ports ports, Path workDir) {
    Map<String, String> c =
        shared(
            settings.jobManagerMemory(),
            settings.taskManagerMemory(),
            settings.slotsPerTaskManager());
    c.put("jobmanager.rpc.address", "localhost");
    c.put("jobmanager.rpc.port", Integer.toString(ports.rpc()));
    c.put("jobmanager.bind-host", "localhost");
    c.put("taskmanager.host", "localhost");
    c.put("taskmanager.bind-host", "localhost");
    c.put("taskmanager.rpc.port", "0");
    c.put("blob.server.port", Integer.toString(ports.blob()));
    c.put("rest.address", "localhost");
    c.put("rest.bind-address", "localhost");
    c.put("rest.port", Integer.toString(ports.rest()));
    c.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
    c.put(
        "execution.checkpointing.savepoint-dir", workDir.resolve("savepoints").toUri().toString());
    c.put("state.backend.rocksdb.localdir", workDir.resolve("rocksdb").toString());
    c.put("io.tmp.dirs", workDir.resolve("tmp").toString());
    c.put("web.upload.dir", workDir.resolve("web-upload").toString());
    c.putAll(settings.extraConfig());
    return c;
  }

  /** Flat {@code key: value} YAML, the form Flink's own {@code config.yaml} accepts. */
  static String toYaml(Map<String, String> config) {
    return config.entrySet().stream()
            .map(e -> e.getKey() + ": " + quote(e.getValue()))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static String quote(String value) {
    // values with YAML-special characters are quoted; plain words, numbers and paths are not
    if (value.matches("[A-Za-z0-9_./:+-]+")) {
      return value;
    }
    return "'" + value.replace("'", "''") + "'";
  }

  /** The JobManager's fixed ports: RPC, REST (web UI) and blob server. */
  record Ports(int rpc, int rest, int blob) {}

  /** log4j2 configuration of every cluster process: one file per process ({@code log.file}). */
  static final String LOG4J_PROPERTIES =
      """
      monitorInterval = 30
      rootLogger.level = INFO
      rootLogger.appenderRef.file.ref = MainAppender
      logger.kafka.name = org.apache.kafka
      logger.kafka.level = WARN
      logger.pekko.name = org.apache.pekko
      logger.pekko.level = WARN
      logger.zookeeper.name = org.apache.zookeeper
      logger.zookeeper.level = WARN
      appender.main.name = MainAppender
      appender.main.type = RollingFile
      appender.main.append = true
      appender.main.fileName = ${sys:log.file}
      appender.main.filePattern = ${sys:log.file}.%i
      appender.main.layout.type = PatternLayout
      appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
      appender.main.policies.type = Policies
      appender.main.policies.size.type = SizeBasedTriggeringPolicy
      appender.main.policies.size.size = 100MB
      appender.main.strategy.type = DefaultRolloverStrategy
      appender.main.strategy.max = 3
      """;
}
