package io.alertscoring.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.infra.FlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real standalone cluster (JobManager and TaskManager JVMs from the Maven artifacts,
 * the shaded job jar submitted as {@code flink run} does), real Kafka and real ClickHouse, through
 * faults. Each test publishes the same batches again as new runs while a fault lands in the middle,
 * waits until every run is published, and compares the visible rows with those of an undisturbed
 * run of the same batches on the same cluster: the same multiset, nothing missing, nothing twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFaultsITCase {
  static final Duration PUBLISHED_WITHIN = Duration.ofMinutes(6);

  /** Each replay takes about this long, so faults land in its middle. */
  static final double REPLAY_SECONDS = 24;

  FaultBed bed;
  VisibleRows.Snapshot undisturbed;
  double rate;

  @BeforeAll
  void startAndRunUndisturbed() throws Exception {
    bed =
        FaultBed.start(
            new FaultBed.Shape(
                List.of("ethereum", "bitcoin"),
                2,
                1500,
                11,
                FlinkCluster.Settings.defaults(),
                Duration.ofSeconds(2),
                Path.of("..", "trained_models").toAbsolutePath().normalize()),
            line -> System.out.println("[faults] " + line));
    long records = PacedPublisher.records(bed.batches());
    rate = records / REPLAY_SECONDS;
    List<String> runs =
        new PacedPublisher(bed.servers().bootstrapServers(), 1e9)
            .start(bed.batches())
            .get(5, TimeUnit.MINUTES);
    bed.awaitPublished(runs, PUBLISHED_WITHIN);
    undisturbed = bed.visibleRows();
    assertThat(undisturbed.dates()).hasSize(bed.batches().size());
    for (VisibleRows.DateRows date : undisturbed.dates().values()) {
      assertThat(date.rows("alert_scores")).isEqualTo(1500);
      assertThat(date.rows("alert_rankings")).isEqualTo(1500);
      assertThat(date.rows("cluster_scores")).isPositive();
    }
    assertThat(undisturbed.visibleTwice()).isZero();
  }

  @AfterAll
  void stop() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void taskManagerKilledThreeTimesDuringAReplayLosesAndDuplicatesNothing() throws Exception {
    String jobId = bed.deployment().jobId();
    long restartsBefore = bed.cluster().restarts(jobId);
    PacedPublisher publisher = new PacedPublisher(bed.servers().bootstrapServers(), rate);
    CompletableFuture<List<String>> runs = publisher.start(bed.batches());
    Random random = new Random(42);
    List<Duration> recoveries = new ArrayList<>();
    for (int kill = 0; kill < 3; kill++) {
      Thread.sleep(2_000 + random.nextInt(4_000));
      recoveries.add(bed.killTaskManagerAndRecover(Duration.ofMinutes(2)));
    }
    System.out.println("[faults] recoveries after SIGKILL: " + recoveries);
    List<String> runIds = runs.get(5, TimeUnit.MINUTES);
    bed.awaitPublished(runIds, PUBLISHED_WITHIN);

    assertThat(bed.cluster().restarts(jobId)).isGreaterThanOrEqualTo(restartsBefore + 3);
    assertSameAsUndisturbed(runIds);
  }

  @Test
  void clickHouseDownForSixtySecondsDuringABatchsWrites() throws Exception {
    PacedPublisher publisher = new PacedPublisher(bed.servers().bootstrapServers(), rate);
    CompletableFuture<List<String>> runs = publisher.start(bed.batches());
    // stop once the first run's rows are being written
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    String firstRun = null;
    while (System.nanoTime() < deadline) {
      List<String> ids = publisher.runIds();
      if (!ids.isEmpty() && bed.storedAlertScores(ids.get(0)) > 0) {
        firstRun = ids.get(0);
        break;
      }
      Thread.sleep(50);
    }
    assertThat(firstRun).as("the first run's rows began to be written").isNotNull();
    bed.servers().clickHouseServer().stop();
    Thread.sleep(60_000);
    bed.servers().clickHouseServer().restart();
    List<String> runIds = runs.get(5, TimeUnit.MINUTES);
    bed.awaitPublished(runIds, PUBLISHED_WITHIN);

    assertSameAsUndisturbed(runIds);
  }

  @Test
  void kafkaBrokerRestartedDuringAReplay() throws Exception {
    PacedPublisher publisher = new PacedPublisher(bed.servers().bootstrapServers(), rate);
    CompletableFuture<List<String>> runs = publisher.start(bed.batches());
    long total = PacedPublisher.records(bed.batches());
    awaitPublishedRecords(publisher, total / 3);
    bed.servers().kafka().stop();
    Thread.sleep(5_000);
    bed.servers().kafka().restart();
    List<String> runIds = runs.get(5, TimeUnit.MINUTES);
    bed.awaitPublished(runIds, PUBLISHED_WITHIN);

    assertSameAsUndisturbed(runIds);
  }

  @Test
  void stopWithSavepointThenResumeFromANewBuildAndRescaleTwoOneTwo(@TempDir Path tmp)
      throws Exception {
    ClusterDeployment deployment = bed.deployment();
    FlinkCluster cluster = bed.cluster();
    Path rebuilt =
        JobJarRebuild.rebuild(deployment.jar(), Path.of("").toAbsolutePath().getParent(), tmp);
    PacedPublisher publisher = new PacedPublisher(bed.servers().bootstrapServers(), rate);
    CompletableFuture<List<String>> runs = publisher.start(bed.batches());
    long total = PacedPublisher.records(bed.batches());

    awaitPublishedRecords(publisher, total / 3);
    String first = cluster.stopWithSavepoint(deployment.jobId(), tmp.resolve("sp1"));
    String p1 =
        deployment.submit(
            FlinkCluster.Submission.of(rebuilt, deployment.spec().programArgs())
                .withParallelism(1)
                .fromSavepoint(first));
    assertThat(cluster.jobDetails(p1).path("vertices").get(0).path("parallelism").asInt())
        .isEqualTo(1);

    awaitPublishedRecords(publisher, 2 * total / 3);
    String second = cluster.stopWithSavepoint(p1, tmp.resolve("sp2"));
    String p2 = deployment.submit(deployment.submission().withParallelism(2).fromSavepoint(second));
    assertThat(cluster.jobDetails(p2).path("vertices").get(0).path("parallelism").asInt())
        .isEqualTo(2);

    List<String> runIds = runs.get(5, TimeUnit.MINUTES);
    bed.awaitPublished(runIds, PUBLISHED_WITHIN);
    assertSameAsUndisturbed(runIds);
    // the new build really ran: its changed operator body logged on the TaskManager
    String tmLogs = "";
    try (var logs = Files.list(cluster.logDir())) {
      for (Path log :
          logs.filter(p -> p.getFileName().toString().startsWith("taskmanager")).toList()) {
        tmLogs += Files.readString(log);
      }
    }
    assertThat(tmLogs).contains(JobJarRebuild.MARKER);
  }

  private void assertSameAsUndisturbed(List<String> runIds) throws Exception {
    VisibleRows.Snapshot now = bed.visibleRows();
    for (VisibleRows.DateRows date : now.dates().values()) {
      assertThat(runIds).contains(date.runId());
    }
    VisibleRows.Diff diff = now.diff(undisturbed);
    System.out.println(
        "[faults] visible rows vs undisturbed: "
            + diff
            + "; physical duplicates folded by FINAL: "
            + now.foldedDuplicates());
    assertThat(diff.lines()).isEmpty();
    assertThat(diff.missing()).isZero();
    assertThat(diff.extra()).isZero();
    assertThat(diff.visibleTwice()).isZero();
    assertThat(diff.identical()).isTrue();
  }

  private static void awaitPublishedRecords(PacedPublisher publisher, long n)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (publisher.published() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("publisher stuck at " + publisher.published());
      }
      Thread.sleep(20);
    }
  }
}
