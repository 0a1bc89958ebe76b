package io.alertscoring.launcher.cluster;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.infra.FlinkCluster;
import io.alertscoring.job.CheckpointSettings;
import io.alertscoring.launcher.LocalRun;
import io.alertscoring.schemas.BatchKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Everything a fault test needs, on this machine: ClickHouse and a KRaft broker (both restartable
 * in place), a standalone Flink cluster with the job submitted from its shaded jar, a fixed set of
 * batches to publish as runs, and the checks: every run published, the visible rows.
 */
public final class FaultBed implements AutoCloseable {
  /**
   * The shape of a bed.
   *
   * @param networks networks of the batches
   * @param dates processing dates per network
   * @param alertsPerBatch alerts per batch
   * @param seed generator seed (the same seed, the same batches)
   * @param cluster the Flink cluster
   * @param checkpointInterval the job's checkpoint interval
   * @param modelsDir models
   * @param jobArgs further options of the job
   */
  public record Shape(
      List<String> networks,
      int dates,
      int alertsPerBatch,
      long seed,
      FlinkCluster.Settings cluster,
      Duration checkpointInterval,
      Path modelsDir,
      List<String> jobArgs) {
    public Shape {
      jobArgs = List.copyOf(jobArgs);
    }

    public Shape(
        List<String> networks,
        int dates,
        int alertsPerBatch,
        long seed,
        FlinkCluster.Settings cluster,
        Duration checkpointInterval,
        Path modelsDir) {
      this(
          networks, dates, alertsPerBatch, seed, cluster, checkpointInterval, modelsDir, List.of());
    }
  }

  private final Shape shape;
  private final LocalRun.Servers servers;
  private final ClusterDeployment deployment;
  private final List<SampleBatch> batches;

  private FaultBed(
      Shape shape,
      LocalRun.Servers servers,
      ClusterDeployment deployment,
      List<SampleBatch> batches) {
    this.shape = shape;
    this.servers = servers;
    this.deployment = deployment;
    this.batches = batches;
  }

  /** Starts ClickHouse, Kafka and the cluster, and submits the job. */
  public static FaultBed start(Shape shape, Consumer<String> say) {
    LocalRun.Servers servers = LocalRun.Servers.start(null, say);
    try {
      CheckpointSettings checkpoints =
          CheckpointSettings.defaults(null)
              .withInterval(shape.checkpointInterval())
              .withMinPause(Duration.ofMillis(500));
      ClusterDeployment.JobSpec spec =
          new ClusterDeployment.JobSpec(
              servers.bootstrapServers(),
              servers.clickhouseUrl(),
              shape.modelsDir(),
              "alert-scoring-faults",
              checkpoints,
              shape.jobArgs());
      ClusterDeployment deployment = ClusterDeployment.start(shape.cluster(), spec);
      FaultBed bed = new FaultBed(shape, servers, deployment, batches(shape));
      String jobId = deployment.submit();
      say.accept(
          "job "
              + jobId
              + " running on the cluster, web UI "
              + deployment.cluster().restUrl()
              + ", work dir "
              + deployment.cluster().workDir());
      return bed;
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
  }

  private static List<SampleBatch> batches(Shape shape) {
    List<SampleBatch> out = new ArrayList<>();
    LocalDate first = LocalDate.parse("2026-03-01");
    for (int d = 0; d < shape.dates(); d++) {
      for (String network : shape.networks()) {
        BatchKey key = new BatchKey(network, first.plusDays(d).toString(), 7);
        out.add(SampleBatchGenerator.generate(key, shape.alertsPerBatch(), shape.seed() + d));
      }
    }
    return List.copyOf(out);
  }

  /** The batches of every replay (the same content each time; each publication is a new run). */
  public List<SampleBatch> batches() {
    return batches;
  }

  public LocalRun.Servers servers() {
    return servers;
  }

  public ClusterDeployment deployment() {
    return deployment;
  }

  public FlinkCluster cluster() {
    return deployment.cluster();
  }

  public String clickhouseUrl() {
    return servers.clickhouseUrl();
  }

  /**
   * Waits until each of {@code runIds} is its date's published run.
   *
   * @throws IllegalStateException naming the runs that are not, and any FAILED run's reason
   */
  public void awaitPublished(List<String> runIds, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> failed = Map.of();
    List<String> missing = runIds;
    while (System.nanoTime() < deadline) {
      try {
        List<String> current = publishedRuns();
        missing = runIds.stream().filter(r -> !current.contains(r)).toList();
        if (missing.isEmpty()) {
          return;
        }
        failed = failedRuns(missing);
        if (!failed.isEmpty()) {
          break;
        }
      } catch (SQLException e) {
        // ClickHouse restarting; retry
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "runs not published within "
            + timeout
            + ": "
            + missing
            + (failed.isEmpty() ? "" : ", FAILED: " + failed)
            + "; job "
            + deployment.cluster().jobState(deployment.jobId())
            + deployment.cluster().exceptions(deployment.jobId()));
  }

  /** Whether each of {@code runIds} is its date's published run now (false if unreadable). */
  public boolean arePublished(List<String> runIds) {
    try {
      return publishedRuns().containsAll(runIds);
    } catch (SQLException e) {
      return false;
    }
  }

  private List<String> publishedRuns() throws SQLException {
    List<String> runs = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id FROM published_runs FINAL")) {
      while (rs.next()) {
        runs.add(rs.getString(1));
      }
    }
    return runs;
  }

  private Map<String, String> failedRuns(List<String> runIds) throws SQLException {
    Map<String, String> failed = new HashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT run_id, error_message FROM batch_metadata FINAL WHERE status = 'FAILED'")) {
      while (rs.next()) {
        if (runIds.contains(rs.getString(1))) {
          failed.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return failed;
  }

  /** Alert-score rows (physical) of {@code runId} stored so far. */
  public long storedAlertScores(String runId) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count() FROM alert_scores WHERE run_id = '"
                    + runId.replace("'", "")
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  /** The rows visible now. */
  public VisibleRows.Snapshot visibleRows() throws SQLException {
    return VisibleRows.read(servers.clickhouseUrl());
  }

  private Connection connect() throws SQLException {
    return new ru.yandex.clickhouse.ClickHouseDriver()
        .connect(servers.clickhouseUrl(), new Properties());
  }

  /**
   * Kills a TaskManager with SIGKILL, starts a new one (as a supervisor would) and waits until the
   * job runs again with every task; returns the time from the kill to that.
   */
  public Duration killTaskManagerAndRecover(Duration timeout) {
    FlinkCluster cluster = deployment.cluster();
    String jobId = deployment.jobId();
    long killedAt = System.currentTimeMillis();
    long t0 = System.nanoTime();
    cluster.killTaskManager();
    cluster.startTaskManager();
    long deadline = t0 + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (cluster.latestVertexStart(jobId) > killedAt && cluster.allTasksRunning(jobId)) {
          return Duration.ofNanos(System.nanoTime() - t0);
        }
      } catch (RuntimeException e) {
        // REST busy during the failover; retry
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "job not running again within "
            + timeout
            + " after a TaskManager kill: "
            + cluster.jobState(jobId)
            + cluster.exceptions(jobId));
  }

  public Shape shape() {
    return shape;
  }

  @Override
  public void close() {
    try {
      deployment.close();
    } finally {
      servers.close();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
