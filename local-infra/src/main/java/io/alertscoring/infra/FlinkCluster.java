package io.alertscoring.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Flink standalone session cluster on this machine: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}) as child JVMs
 * on the classpath of a {@link FlinkDistribution}, started the way Flink's start scripts start them
 * (the same JVM options, the TaskManager memory flags computed by {@code BashJavaUtils}), and jobs
 * submitted, stopped and cancelled through {@code CliFrontend}, which is {@code flink run}.
 *
 * <p>Everything lives in a work directory (configuration, logs, checkpoints, savepoints, RocksDB)
 * that {@link #close()} deletes unless the cluster was started with {@link Settings#keepWorkDir()}.
 * A JVM shutdown hook kills the child processes if the owner never closes it.
 */
public final class FlinkCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
  private static final Pattern SAVEPOINT_PATH =
      Pattern.compile("Savepoint completed\\. Path: (\\S+)");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CLI_TIMEOUT = Duration.ofMinutes(5);

  /**
   * The shape of a cluster.
   *
   * @param taskManagers TaskManagers started with the cluster
   * @param slotsPerTaskManager task slots of each
   * @param jobManagerMemory {@code jobmanager.memory.process.size}
   * @param taskManagerMemory {@code taskmanager.memory.process.size}
   * @param workDir where configuration, logs, checkpoints live; null for a new temp directory
   * @param keepWorkDir keep the work directory on close (e.g. to read the logs)
   * @param restPort the web UI / REST port; 0 for a free one
   * @param extraConfig further {@code config.yaml} entries (override the defaults)
   */
  public record Settings(
      int taskManagers,
      int slotsPerTaskManager,
      String jobManagerMemory,
      String taskManagerMemory,
      Path workDir,
      boolean keepWorkDir,
      int restPort,
      Map<String, String> extraConfig) {
    public Settings {
      if (taskManagers < 0 || slotsPerTaskManager < 1) {
        throw new IllegalArgumentException("taskManagers >= 0 and slots >= 1 required");
      }
      extraConfig = Map.copyOf(extraConfig);
    }

    /** One JobManager (1 GB), one TaskManager (2 GB, 2 slots), free ports, a temp directory. */
    public static Settings defaults() {
      return new Settings(1, 2, "1024m", "2048m", null, false, 0, Map.of());
    }

    public Settings withTaskManagerMemory(String size) {
      return new Settings(
          taskManagers,
          slotsPerTaskManager,
          jobManagerMemory,
          size,
          workDir,
          keepWorkDir,
          restPort,
          extraConfig);
    }

    public Settings withRestPort(int port) {
      return new Settings(
          taskManagers,
          slotsPerTaskManager,
          jobManagerMemory,
          taskManagerMemory,
          workDir,
          keepWorkDir,
          port,
          extraConfig);
    }

    public Settings withWorkDir(Path dir, boolean keep) {
      return new Settings(
          taskManagers,
          slotsPerTaskManager,
          jobManagerMemory,
          taskManagerMemory,
          dir,
          keep,
          restPort,
          extraConfig);
    }
  }

  /** A job as {@code flink run} submits it. */
  public record Submission(
      Path jar, List<String> programArgs, Integer parallelism, String savepointPath) {
    public Submission {
      programArgs = List.copyOf(programArgs);
    }

    public static Submission of(Path jar, List<String> programArgs) {
      return new Submission(jar, programArgs, null, null);
    }

    public Submission withParallelism(int p) {
      return new Submission(jar, programArgs, p, savepointPath);
    }

    public Submission fromSavepoint(String path) {
      return new Submission(jar, programArgs, parallelism, path);
    }
  }

  /** A child JVM of the cluster. */
  private record Child(String name, Process process, Path log) {}

  private final Settings settings;
  private final FlinkDistribution distribution;
  private final Path workDir;
  private final Path confDir;
  private final Path logDir;
  private final FlinkClusterConfig.Ports ports;
  private final List<String> taskManagerJvmArgs;
  private final List<String> taskManagerDynamicProperties;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread shutdownHook;
  private Child jobManager;
  private final List<Child> taskManagers = new ArrayList<>();
  private int taskManagersStarted;
  private boolean closed;

  private FlinkCluster(
      Settings settings,
      FlinkDistribution distribution,
      Path workDir,
      FlinkClusterConfig.Ports ports,
      List<String> tmJvmArgs,
      List<String> tmDynamic) {
    this.settings = settings;
    this.distribution = distribution;
    this.workDir = workDir;
    this.confDir = workDir.resolve("conf");
    this.logDir = workDir.resolve("log");
    this.ports = ports;
    this.taskManagerJvmArgs = tmJvmArgs;
    this.taskManagerDynamicProperties = tmDynamic;
    this.shutdownHook = new Thread(this::killAll, "flink-cluster-shutdown");
  }

  /** Starts a cluster with {@link FlinkDistribution#locate()}. */
  public static FlinkCluster start(Settings settings) {
    return start(settings, FlinkDistribution.locate());
  }

  /**
   * Writes the configuration, starts the JobManager and the TaskManagers and waits until the REST
   * overview lists every TaskManager.
   */
  public static FlinkCluster start(Settings settings, FlinkDistribution distribution) {
    Objects.requireNonNull(settings, "settings");
    Path workDir;
    try {
      workDir =
          settings.workDir() == null
              ? Files.createTempDirectory("flink-cluster-")
              : Files.createDirectories(settings.workDir().toAbsolutePath());
      for (String sub : List.of("conf", "log", "checkpoints", "savepoints", "tmp", "rocksdb")) {
        Files.createDirectories(workDir.resolve(sub));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster's work directory", e);
    }
    int[] free = FreePorts.find(3);
    FlinkClusterConfig.Ports ports =
        new FlinkClusterConfig.Ports(
            free[0], settings.restPort() > 0 ? settings.restPort() : free[1], free[2]);
    Path conf = workDir.resolve("conf");
    try {
      Files.writeString(
          conf.resolve("config.yaml"),
          FlinkClusterConfig.toYaml(FlinkClusterConfig.forHarness(settings, ports, workDir)));
      Files.writeString(conf.resolve("log4j.properties"), FlinkClusterConfig.LOG4J_PROPERTIES);
      Files.writeString(
          conf.resolve("log4j-console.properties"), FlinkClusterConfig.LOG4J_PROPERTIES);
      Files.writeString(conf.resolve("log4j-cli.properties"), FlinkClusterConfig.LOG4J_PROPERTIES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cluster's configuration", e);
    }
    List<List<String>> tmParams = resourceParams(distribution, workDir, "GET_TM_RESOURCE_PARAMS");
    FlinkCluster cluster =
        new FlinkCluster(settings, distribution, workDir, ports, tmParams.get(0), tmParams.get(1));
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      List<String> jmJvm = resourceParams(distribution, workDir, "GET_JM_RESOURCE_PARAMS").get(0);
      cluster.jobManager =
          cluster.launch(
              "jobmanager",
              jmJvm,
              "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
              List.of());
      for (int i = 0; i < settings.taskManagers(); i++) {
        cluster.startTaskManager();
      }
      cluster.awaitTaskManagers(settings.taskManagers(), STARTUP_TIMEOUT);
      LOG.info(
          "Flink cluster up: web UI {}, {} TaskManager(s) x {} slots, work dir {}",
          cluster.restUrl(),
          settings.taskManagers(),
          settings.slotsPerTaskManager(),
          workDir);
      return cluster;
    } catch (RuntimeException e) {
      String logs = cluster.logTails();
      cluster.close();
      throw new IllegalStateException("Flink cluster did not start: " + e.getMessage() + logs, e);
    }
  }

  /** Runs {@code BashJavaUtils} as Flink's scripts do: [JVM flags, dynamic properties]. */
  private static List<List<String>> resourceParams(
      FlinkDistribution distribution, Path workDir, String command) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.add("-cp");
    cmd.add(distribution.classpath());
    cmd.add("org.apache.flink.runtime.util.bash.BashJavaUtils");
    cmd.add(command);
    cmd.add("--configDir");
    cmd.add(workDir.resolve("conf").toString());
    String out = runToCompletion(cmd, Map.of(), workDir, Duration.ofMinutes(1)).output();
    List<String> results =
        out.lines()
            .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
            .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).strip())
            .toList();
    if (results.isEmpty()) {
      throw new IllegalStateException("BashJavaUtils " + command + " printed no result:\n" + out);
    }
    List<String> jvm = Arrays.asList(results.get(0).split("\\s+"));
    List<String> dynamic = results.size() > 1 ? split(results.get(1)) : List.of();
    return List.of(jvm, dynamic);
  }

  private static List<String> split(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.split("\\s+"));
  }

  private Child launch(String name, List<String> jvmArgs, String mainClass, List<String> args) {
    Path log = logDir.resolve(name + ".log");
    Path tmp = workDir.resolve("tmp").resolve(name);
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmArgs);
    cmd.addAll(split(FlinkClusterConfig.JAVA_OPTS_ALL));
    // each JVM its own java.io.tmpdir: native libraries extract to fixed names under it
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.add("-Dlog.file=" + log);
    cmd.add("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"));
    cmd.add("-cp");
    cmd.add(distribution.classpath());
    cmd.add(mainClass);
    cmd.add("--configDir");
    cmd.add(confDir.toString());
    cmd.addAll(args);
    try {
      Files.createDirectories(tmp);
      Process p =
          new ProcessBuilder(cmd)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".out").toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      LOG.info("{} started (pid {}), log {}", name, p.pid(), log);
      return new Child(name, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Starts one more TaskManager; returns its name ({@code taskmanager-N}). */
  public synchronized String startTaskManager() {
    requireOpen();
    String name = "taskmanager-" + (++taskManagersStarted);
    List<String> args = new ArrayList<>();
    for (int i = 0; i + 1 < taskManagerDynamicProperties.size(); i += 2) {
      args.add(taskManagerDynamicProperties.get(i)); // "-D"
      args.add(taskManagerDynamicProperties.get(i + 1));
    }
    taskManagers.add(
        launch(
            name,
            taskManagerJvmArgs,
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            args));
    return name;
  }

  /**
   * Kills the oldest running TaskManager with SIGKILL (no shutdown of any kind, as a crashed
   * machine) and returns its name.
   *
   * @throws IllegalStateException if none is running
   */
  public synchronized String killTaskManager() {
    requireOpen();
    Child victim =
        taskManagers.stream()
            .filter(c -> c.process().isAlive())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no TaskManager is running"));
    victim.process().destroyForcibly(); // SIGKILL
    waitFor(victim.process(), Duration.ofSeconds(10));
    taskManagers.remove(victim);
    LOG.info("{} killed (SIGKILL, pid {})", victim.name(), victim.process().pid());
    return victim.name();
  }

  /** TaskManager processes alive. */
  public synchronized int runningTaskManagers() {
    return (int) taskManagers.stream().filter(c -> c.process().isAlive()).count();
  }

  /**
   * Waits until the JobManager has {@code n} TaskManagers registered and all their slots: a
   * TaskManager shows in the overview a moment before its slots do.
   */
  public void awaitTaskManagers(int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (jobManager != null && !jobManager.process().isAlive()) {
        throw new IllegalStateException("the JobManager exited: " + tail(jobManager.log(), 30));
      }
      try {
        JsonNode overview = get("/overview");
        last = overview.toString();
        if (overview.path("taskmanagers").asInt() == n
            && overview.path("slots-total").asInt() == n * settings.slotsPerTaskManager()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e.getMessage();
      }
      sleep(200);
    }
    throw new IllegalStateException(
        n + " TaskManager(s) not registered within " + timeout + " (last: " + last + ")");
  }

  /**
   * Submits a job as {@code flink run --detached} does and returns its job id.
   *
   * @throws IllegalStateException with the client's output if the submission fails
   */
  public String submit(Submission submission) {
    requireOpen();
    List<String> args = new ArrayList<>(List.of("run", "--detached"));
    if (submission.parallelism() != null) {
      args.add("--parallelism");
      args.add(Integer.toString(submission.parallelism()));
    }
    if (submission.savepointPath() != null) {
      args.add("--fromSavepoint");
      args.add(submission.savepointPath());
    }
    args.add(submission.jar().toAbsolutePath().toString());
    args.addAll(submission.programArgs());
    String out = cli(args);
    Matcher m = JOB_ID.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("flink run printed no job id:\n" + out);
    }
    LOG.info("job {} submitted from {}", m.group(1), submission.jar());
    return m.group(1);
  }

  /**
   * {@code flink stop --savepointPath DIR JOB}: a final savepoint, then the job finishes; returns
   * the savepoint's path.
   */
  public String stopWithSavepoint(String jobId, Path savepointDir) {
    String out = cli(List.of("stop", "--savepointPath", savepointDir.toUri().toString(), jobId));
    Matcher m = SAVEPOINT_PATH.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("flink stop printed no savepoint path:\n" + out);
    }
    awaitJobState(jobId, "FINISHED", Duration.ofMinutes(2));
    return m.group(1);
  }

  /** {@code flink cancel JOB}, then waits until the job is CANCELED. */
  public void cancel(String jobId) {
    cli(List.of("cancel", jobId));
    awaitJobState(jobId, "CANCELED", Duration.ofMinutes(2));
  }

  /** Runs {@code CliFrontend} (the {@code flink} command) against this cluster. */
  public String cli(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(split(FlinkClusterConfig.JAVA_OPTS_ALL));
    cmd.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
    cmd.add("-Dlog.file=" + logDir.resolve("flink-client.log"));
    cmd.add("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j-cli.properties"));
    cmd.add("-cp");
    cmd.add(distribution.classpath());
    cmd.add("org.apache.flink.client.cli.CliFrontend");
    cmd.addAll(args);
    Completed done =
        runToCompletion(cmd, Map.of("FLINK_CONF_DIR", confDir.toString()), workDir, CLI_TIMEOUT);
    if (done.exitCode() != 0) {
      throw new IllegalStateException(
          "flink "
              + String.join(" ", args.subList(0, 1))
              + " failed (exit "
              + done.exitCode()
              + "):\n"
              + done.output());
    }
    return done.output();
  }

  /** {@code GET /jobs/{id}}: state and vertices. */
  public JsonNode jobDetails(String jobId) {
    return get("/jobs/" + jobId);
  }

  /** The job's state, e.g. RUNNING, RESTARTING, FINISHED, FAILED. */
  public String jobState(String jobId) {
    return jobDetails(jobId).path("state").asText();
  }

  /**
   * True when the job is RUNNING and so is every task of every vertex. While slots are missing the
   * job already reads RUNNING with vertices still CREATED or SCHEDULED; this looks at the tasks.
   */
  public boolean allTasksRunning(String jobId) {
    JsonNode job = jobDetails(jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    for (JsonNode vertex : job.path("vertices")) {
      int parallelism = vertex.path("parallelism").asInt();
      if (vertex.path("tasks").path("RUNNING").asInt() != parallelism) {
        return false;
      }
    }
    return true;
  }

  /** The latest start time of any vertex (ms): it moves forward when the job restarts. */
  public long latestVertexStart(String jobId) {
    long latest = 0;
    for (JsonNode vertex : jobDetails(jobId).path("vertices")) {
      latest = Math.max(latest, vertex.path("start-time").asLong());
    }
    return latest;
  }

  /** Waits until every task of the job is RUNNING. */
  public void awaitAllTasksRunning(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (allTasksRunning(jobId)) {
          return;
        }
        String state = jobState(jobId);
        if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
          throw new IllegalStateException("job " + jobId + " is " + state + exceptions(jobId));
        }
      } catch (UncheckedIOException e) {
        // REST briefly unavailable; retry
      }
      sleep(200);
    }
    throw new IllegalStateException(
        "job " + jobId + " not fully running within " + timeout + ": " + jobDetails(jobId));
  }

  /** Waits until the job reaches {@code state}. */
  public void awaitJobState(String jobId, String state, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = jobState(jobId);
      if (last.equals(state)) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException(
        "job " + jobId + " is " + last + ", not " + state + " after " + timeout);
  }

  /** Completed checkpoints of the job so far ({@code /jobs/{id}/checkpoints}). */
  public int completedCheckpoints(String jobId) {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt();
  }

  /** Times the job was restarted ({@code numRestarts}, the JobManager's job metric). */
  public long restarts(String jobId) {
    JsonNode metrics = get("/jobs/" + jobId + "/metrics?get=numRestarts");
    for (JsonNode m : metrics) {
      return m.path("value").asLong();
    }
    return 0;
  }

  /** The root exceptions of the job, for messages. */
  public String exceptions(String jobId) {
    try {
      JsonNode ex = get("/jobs/" + jobId + "/exceptions?maxExceptions=3");
      StringBuilder sb = new StringBuilder();
      for (JsonNode e : ex.path("exceptionHistory").path("entries")) {
        String trace = e.path("stacktrace").asText();
        sb.append("\n  ").append(trace, 0, Math.min(trace.length(), 1500));
      }
      return sb.toString();
    } catch (RuntimeException e) {
      return " (no exceptions: " + e.getMessage() + ")";
    }
  }

  /** {@code GET path} on the REST API, as JSON. */
  public JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(restUrl() + path))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + restUrl() + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The web UI and REST address, e.g. {@code http://localhost:8081}. */
  public String restUrl() {
    return "http://localhost:" + ports.rest();
  }

  public int restPort() {
    return ports.rest();
  }

  public Path workDir() {
    return workDir;
  }

  public Path confDir() {
    return confDir;
  }

  public Path logDir() {
    return logDir;
  }

  /** Directory of savepoints taken without an explicit target. */
  public Path savepointDir() {
    return workDir.resolve("savepoints");
  }

  public Settings settings() {
    return settings;
  }

  /** The last lines of every process's log, for failure messages. */
  public String logTails() {
    StringBuilder sb = new StringBuilder();
    List<Child> all = new ArrayList<>();
    if (jobManager != null) {
      all.add(jobManager);
    }
    all.addAll(taskManagers);
    for (Child c : all) {
      sb.append("\n--- ").append(c.name()).append(" (").append(c.log()).append(")\n");
      sb.append(tail(c.log(), 20));
    }
    return sb.toString();
  }

  /** Kills every process and deletes the work directory (unless kept). Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Child tm : taskManagers) {
      stopGracefully(tm);
    }
    if (jobManager != null) {
      stopGracefully(jobManager);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    if (!settings.keepWorkDir()) {
      try {
        InfraFiles.deleteRecursively(workDir);
      } catch (IOException e) {
        LOG.warn("could not delete {}: {}", workDir, e.toString());
      }
    }
    LOG.info("Flink cluster on {} stopped", restUrl());
  }

  private void killAll() {
    for (Child tm : taskManagers) {
      tm.process().destroyForcibly();
    }
    if (jobManager != null) {
      jobManager.process().destroyForcibly();
    }
  }

  private static void stopGracefully(Child child) {
    if (!child.process().isAlive()) {
      return;
    }
    child.process().destroy(); // SIGTERM: Flink's shutdown hooks run
    if (!waitFor(child.process(), Duration.ofSeconds(15))) {
      child.process().destroyForcibly();
      waitFor(child.process(), Duration.ofSeconds(10));
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
  }

  private record Completed(int exitCode, String output) {}

  private static Completed runToCompletion(
      List<String> cmd, Map<String, String> env, Path dir, Duration timeout) {
    try {
      Path out = Files.createTempFile(dir, "cmd-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      Process p = builder.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            cmd.get(cmd.size() - 1) + " did not finish within " + timeout);
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      return new Completed(p.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  private static String tail(Path file, int lines) {
    return InfraFiles.tail(file, lines);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "FlinkCluster[" + restUrl() + ", " + workDir + "]";
  }
}
