package io.alertscoring.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.testing.CollectedOutputs;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.MiniClusters;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.job.testing.RegisteredRecordSource;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault tolerance of the parallel path on a MiniCluster at parallelism 2 with RocksDB state: a
 * 20,000-alert batch is checkpointed while it is half published, the job fails and restores from
 * that checkpoint, and every score, rank and cluster score equals bit for bit both an uninterrupted
 * run and the plain-Java {@link BatchScorer} on the same assembled batch; so does every live score
 * with the plain-Java {@code LiveScorer}.
 */
class ScoringJobRestoreITCase {
  static final int ALERTS = 20_000;

  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.parallelismTwo();

  static final JobConfig CONFIG = JobFixtures.CONFIG;

  static final BatchKey KEY = new BatchKey("ethereum", "2026-03-01", 7);
  static SampleBatch batch;
  static List<RawRecord> records;
  static BatchScoringResult reference;

  @BeforeAll
  static void prepare() {
    batch = SampleBatchGenerator.generate(KEY, ALERTS, 21);
    List<RawRecord> data = new ArrayList<>(RawRecords.rawBatch(batch));
    RawRecord control = data.remove(data.size() - 1);
    Collections.shuffle(data, new Random(5));
    data.add(control);
    records = data;
    reference =
        new BatchScorer(ModelBundle.load(Path.of(CONFIG.modelsDirectory())))
            .score(
                new AssembledBatch(
                    KEY, batch.alerts(), batch.features(), batch.clusters(), batch.moneyFlows()),
                0,
                0);
  }

  private static CollectedOutputs run(String failureId) throws Exception {
    CollectedOutputs outputs = CollectedOutputs.create();
    Configuration conf = new Configuration();
    conf.setString("state.backend.type", "rocksdb");
    conf.setString("state.backend.incremental", "true");
    conf.setString("execution.checkpointing.dir", "file://" + tempDir("checkpoints"));
    conf.setString("execution.checkpointing.interval", "300 ms");
    conf.setString("restart-strategy.type", "fixed-delay");
    conf.setString("restart-strategy.fixed-delay.attempts", "3");
    conf.setString("restart-strategy.fixed-delay.delay", "200 ms");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    new ScoringJob(
            CONFIG,
            e -> {
              var source = RegisteredRecordSource.stream(e, records, 40_000);
              if (failureId == null) {
                return source.rebalance();
              }
              return source
                  .map(new FailOnceAfterMidBatchCheckpoint(failureId, records.size()))
                  .setParallelism(1)
                  .rebalance();
            },
            outputs.sinks())
        .build(env);
    env.execute("scoring-job-restore-test");
    return outputs;
  }

  private static String tempDir(String name) throws Exception {
    return java.nio.file.Files.createTempDirectory(name).toAbsolutePath().toString();
  }

  @Test
  void restoreFromAMidBatchCheckpointGivesBitIdenticalScores() throws Exception {
    CollectedOutputs uninterrupted = run(null);
    String failureId = "restore-" + System.nanoTime();
    CollectedOutputs restored = run(failureId);

    assertThat(FailOnceAfterMidBatchCheckpoint.FAILED_AT.get(failureId))
        .as("the job failed once, after a checkpoint taken in the middle of the batch")
        .isNotNull()
        .isBetween(1L, (long) records.size() - 1);

    Map<String, String> expectedScores = scoreValues(reference.alertScores());
    assertThat(expectedScores).hasSize(ALERTS);
    Map<Integer, String> expectedRanks = rankValues(reference.rankings());
    Map<String, String> expectedClusters = clusterValues(reference.clusterScores());
    assertThat(expectedClusters).isNotEmpty();
    // Features arrive long before the closing control record, so every alert with features is
    // live-scored before its final score (the others would wait 5 s: the close comes first).
    Map<String, String> expectedLive =
        JobFixtures.withFeatures(
            JobFixtures.liveReference(JobFixtures.decode(records).addressRecords()));
    assertThat(expectedLive).hasSizeGreaterThan(ALERTS / 2);

    for (CollectedOutputs outputs : List.of(uninterrupted, restored)) {
      assertThat(outputs.metadata().results())
          .filteredOn(m -> m.status() == BatchStatus.COMPLETED)
          .isNotEmpty()
          .allSatisfy(
              m -> {
                assertThat(m.alertScoresWritten()).isEqualTo(ALERTS);
                assertThat(m.alertsReceived()).isEqualTo(ALERTS);
                assertThat(m.moneyFlowsReceived()).isEqualTo(batch.moneyFlows().size());
              });
      assertThat(outputs.metadata().results()).noneMatch(m -> m.status() == BatchStatus.FAILED);
      assertThat(outputs.deadLetters().results()).isEmpty();
      // After a restore a sink may see a row twice (at-least-once); every copy must be the same.
      assertThat(
              distinct(
                  outputs.scores().results(),
                  AlertScore::alertId,
                  ScoringJobRestoreITCase::scoreValue))
          .isEqualTo(expectedScores);
      assertThat(
              distinct(
                  outputs.rankings().results(),
                  AlertRanking::rank,
                  ScoringJobRestoreITCase::rankValue))
          .isEqualTo(expectedRanks);
      assertThat(
              distinct(
                  outputs.clusters().results(),
                  ClusterScore::clusterId,
                  ScoringJobRestoreITCase::clusterValue))
          .isEqualTo(expectedClusters);
      assertThat(
              distinct(
                  outputs.liveScores().results().stream()
                      .filter(l -> !l.featuresMissing())
                      .toList(),
                  JobFixtures::liveKey,
                  JobFixtures::liveValue))
          .isEqualTo(expectedLive);
    }
  }

  /** Rows by key; fails if two copies of one key differ. */
  private static <T, K> Map<K, String> distinct(
      List<T> rows, Function<T, K> key, Function<T, String> value) {
    Map<K, String> byKey = new TreeMap<>();
    for (T row : rows) {
      String v = value.apply(row);
      String previous = byKey.putIfAbsent(key.apply(row), v);
      assertThat(previous == null || previous.equals(v))
          .as("two different rows for %s: %s / %s", key.apply(row), previous, v)
          .isTrue();
    }
    return byKey;
  }

  private static Map<String, String> scoreValues(List<AlertScore> rows) {
    return distinct(rows, AlertScore::alertId, ScoringJobRestoreITCase::scoreValue);
  }

  private static String scoreValue(AlertScore s) {
    return Double.doubleToRawLongBits(s.score())
        + "|"
        + s.priority()
        + "|"
        + s.address()
        + "|"
        + s.typologyType()
        + "|"
        + s.explanationJson();
  }

  private static Map<Integer, String> rankValues(List<AlertRanking> rows) {
    return distinct(rows, AlertRanking::rank, ScoringJobRestoreITCase::rankValue);
  }

  private static String rankValue(AlertRanking r) {
    return r.alertId() + "|" + Double.doubleToRawLongBits(r.rankerScore());
  }

  private static Map<String, String> clusterValues(List<ClusterScore> rows) {
    return distinct(rows, ClusterScore::clusterId, ScoringJobRestoreITCase::clusterValue);
  }

  private static String clusterValue(ClusterScore c) {
    return Double.doubleToRawLongBits(c.score()) + "|" + c.priority() + "|" + c.alertCount();
  }

  /**
   * Passes records through; once a checkpoint taken while the batch was partly through has
   * completed, throws once, so the job restores from that checkpoint.
   */
  static final class FailOnceAfterMidBatchCheckpoint extends RichMapFunction<RawRecord, RawRecord>
      implements CheckpointedFunction, CheckpointListener {
    static final Map<String, Long> FAILED_AT = new ConcurrentHashMap<>();
    static final Set<String> MID_CHECKPOINT = ConcurrentHashMap.newKeySet();
    private final String id;
    private final long total;
    private final Map<Long, Long> seenAtSnapshot = new ConcurrentHashMap<>();
    private long seen;
    private long midCheckpointPosition = -1;

    FailOnceAfterMidBatchCheckpoint(String id, long total) {
      this.id = id;
      this.total = total;
    }

    @Override
    public RawRecord map(RawRecord value) {
      seen++;
      if (!FAILED_AT.containsKey(id)
          && midCheckpointPosition > 0
          && seen > midCheckpointPosition + 1000) {
        FAILED_AT.put(id, midCheckpointPosition);
        throw new IllegalStateException("injected failure after a mid-batch checkpoint");
      }
      return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
      seenAtSnapshot.put(context.getCheckpointId(), seen);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
      // Position is not restored: after the restore the source resumes where the checkpoint was.
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      Long position = seenAtSnapshot.get(checkpointId);
      if (position != null && position > 0 && position < total / 2 && midCheckpointPosition < 0) {
        midCheckpointPosition = position;
        MID_CHECKPOINT.add(id);
      }
    }
  }
}
