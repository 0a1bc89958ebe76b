package io.alertscoring.launcher.cluster;

import io.alertscoring.infra.FlinkCluster;
import io.alertscoring.job.CheckpointSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scoring job on a real standalone cluster: starts the {@link FlinkCluster} and submits the
 * shaded {@code scoring-job} jar with the production options, exactly as an operator's {@code flink
 * run} would. Closing cancels nothing explicitly: the cluster's processes are stopped.
 */
public final class ClusterDeployment implements AutoCloseable {
  static final String JOB_JAR = "scoring-job/target/scoring-job-0.1.0-SNAPSHOT-job.jar";

  /**
   * What is submitted and to which servers.
   *
   * @param bootstrapServers Kafka
   * @param clickhouseUrl ClickHouse JDBC url
   * @param modelsDir the models directory (a path every TaskManager can read)
   * @param groupId Kafka consumer group of the job
   * @param checkpoints the job's checkpoint and restart settings (a null directory: the cluster's)
   * @param extraArgs further job options, e.g. {@code --batch-timeout-ms}
   */
  public record JobSpec(
      String bootstrapServers,
      String clickhouseUrl,
      Path modelsDir,
      String groupId,
      CheckpointSettings checkpoints,
      List<String> extraArgs) {
    public JobSpec {
      extraArgs = List.copyOf(extraArgs);
    }

    /** The job's command line (its picocli options, see {@code ScoringJobMain}). */
    public List<String> programArgs() {
      List<String> a = new ArrayList<>();
      a.addAll(List.of("--bootstrap-servers", bootstrapServers));
      a.addAll(List.of("--clickhouse-url", clickhouseUrl));
      a.addAll(List.of("--models-dir", modelsDir.toAbsolutePath().toString()));
      a.addAll(List.of("--group-id", groupId));
      a.addAll(List.of("--state-backend", checkpoints.stateBackend()));
      if (checkpoints.checkpointDirectory() != null) {
        a.addAll(List.of("--checkpoint-dir", checkpoints.checkpointDirectory()));
      }
      a.addAll(List.of("--checkpoint-interval-ms", ms(checkpoints.interval())));
      a.addAll(List.of("--checkpoint-min-pause-ms", ms(checkpoints.minPause())));
      a.addAll(List.of("--checkpoint-timeout-ms", ms(checkpoints.timeout())));
      a.addAll(
          List.of(
              "--tolerable-checkpoint-failures", String.valueOf(checkpoints.tolerableFailures())));
      a.add(checkpoints.unaligned() ? "--unaligned-checkpoints" : "--no-unaligned-checkpoints");
      a.addAll(List.of("--aligned-checkpoint-timeout-ms", ms(checkpoints.alignedTimeout())));
      a.add(
          checkpoints.incremental() ? "--incremental-checkpoints" : "--no-incremental-checkpoints");
      a.addAll(List.of("--restart-attempts", String.valueOf(checkpoints.restartAttempts())));
      a.addAll(List.of("--restart-delay-ms", ms(checkpoints.restartDelay())));
      a.addAll(List.of("--restart-max-delay-ms", ms(checkpoints.restartMaxDelay())));
      a.addAll(List.of("--restart-reset-after-ms", ms(checkpoints.restartResetAfter())));
      a.addAll(extraArgs);
      return a;
    }

    private static String ms(Duration d) {
      return Long.toString(d.toMillis());
    }
  }

  private final FlinkCluster cluster;
  private final JobSpec spec;
  private final Path jar;
  private String jobId;

  private ClusterDeployment(FlinkCluster cluster, JobSpec spec, Path jar) {
    this.cluster = cluster;
    this.spec = spec;
    this.jar = jar;
  }

  /** Starts the cluster (nothing submitted yet). */
  public static ClusterDeployment start(FlinkCluster.Settings settings, JobSpec spec) {
    Path jar = locateJobJar();
    return new ClusterDeployment(FlinkCluster.start(settings), spec, jar);
  }

  /**
   * The shaded job jar under {@code -Dalert.scoring.home}, the working directory or its parent.
   *
   * @throws IllegalStateException with the command that builds it
   */
  public static Path locateJobJar() {
    List<Path> candidates = new ArrayList<>();
    String home = System.getProperty("alert.scoring.home");
    if (home != null) {
      candidates.add(Path.of(home, JOB_JAR));
    }
    Path cwd = Path.of("").toAbsolutePath();
    candidates.add(cwd.resolve(JOB_JAR));
    if (cwd.getParent() != null) {
      candidates.add(cwd.getParent().resolve(JOB_JAR));
    }
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no job jar at "
                        + candidates
                        + ": build it with ./mvnw -B -DskipTests -pl scoring-job -am package"));
  }

  /** Submits the job (the built jar, the cluster's default parallelism) and waits until it runs. */
  public String submit() {
    return submit(FlinkCluster.Submission.of(jar, spec.programArgs()));
  }

  /** Submits {@code submission} and waits until every task runs. */
  public String submit(FlinkCluster.Submission submission) {
    jobId = cluster.submit(submission);
    cluster.awaitAllTasksRunning(jobId, Duration.ofMinutes(3));
    return jobId;
  }

  /** A submission of the built jar with the spec's options, to adjust (parallelism, savepoint). */
  public FlinkCluster.Submission submission() {
    return FlinkCluster.Submission.of(jar, spec.programArgs());
  }

  public FlinkCluster cluster() {
    return cluster;
  }

  public JobSpec spec() {
    return spec;
  }

  public Path jar() {
    return jar;
  }

  /** The job submitted last (null before {@link #submit()}). */
  public String jobId() {
    return jobId;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
