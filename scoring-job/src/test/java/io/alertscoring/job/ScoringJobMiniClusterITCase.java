package io.alertscoring.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.testing.CollectedOutputs;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.MiniClusters;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.NotificationEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the real job graph at parallelism 2 on a Flink MiniCluster with bounded inputs. */
class ScoringJobMiniClusterITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.parallelismTwo();

  static final JobConfig CONFIG =
      JobConfig.defaults(Path.of("..", "trained_models").toAbsolutePath().toString())
          .withBatchTimeout(Duration.ofMinutes(5))
          // small sample batches have few high scores: notify medium too, to see events
          .withNotifyPriorities(java.util.Set.of("medium", "high"));

  static final List<BatchKey> KEYS =
      List.of(
          new BatchKey("ethereum", "2026-03-01", 7),
          new BatchKey("bitcoin", "2026-03-01", 7),
          new BatchKey("ethereum", "2026-03-02", 7),
          new BatchKey("bitcoin", "2026-03-02", 7));

  private static CollectedOutputs run(List<RawRecord> input) throws Exception {
    return run(input, 2);
  }

  private static CollectedOutputs run(List<RawRecord> input, int parallelism) throws Exception {
    CollectedOutputs outputs = CollectedOutputs.create();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    new ScoringJob(
            CONFIG,
            e -> e.fromData(input, TypeInformation.of(RawRecord.class)).rebalance(),
            outputs.sinks())
        .build(env);
    env.execute("scoring-job-minicluster-test");
    return outputs;
  }

  /** The batches' records interleaved across networks and dates, with two malformed messages. */
  private static List<RawRecord> interleaved(List<SampleBatch> batches, long shuffleSeed) {
    List<RawRecord> records = new ArrayList<>();
    for (SampleBatch batch : batches) {
      records.addAll(RawRecords.rawBatch(batch));
    }
    Collections.shuffle(records, new Random(shuffleSeed));
    records.add(records.size() / 3, RawRecords.raw(RecordKind.ALERT, "{\"alert_id\": 42", 9001));
    records.add(
        records.size() / 2,
        RawRecords.raw(
            RecordKind.ALERT,
            io.alertscoring.schemas.json.SotJson.encode(batches.get(0).alerts().get(0))
                .replace("\"severity\":\"", "\"severity\":\"x"),
            9002));
    return records;
  }

  @Test
  void scoresInterleavedBatchesOfTwoNetworksAndIsIndependentOfArrivalOrder() throws Exception {
    List<SampleBatch> batches = new ArrayList<>();
    for (int i = 0; i < KEYS.size(); i++) {
      batches.add(SampleBatchGenerator.generate(KEYS.get(i), 30 + 10 * i, 11));
    }

    CollectedOutputs first = run(interleaved(batches, 1));

    Map<String, List<BatchMetadata>> metadata =
        first.metadata().results().stream()
            .collect(Collectors.groupingBy(m -> m.network() + "/" + m.processingDate()));
    assertThat(metadata).hasSize(4);
    for (int i = 0; i < KEYS.size(); i++) {
      BatchKey key = KEYS.get(i);
      List<BatchMetadata> rows = metadata.get(key.network() + "/" + key.processingDate());
      assertThat(rows)
          .extracting(BatchMetadata::status)
          .containsExactlyInAnyOrder(BatchStatus.PROCESSING, BatchStatus.COMPLETED);
      BatchMetadata completed =
          rows.stream().filter(m -> m.status() == BatchStatus.COMPLETED).findFirst().orElseThrow();
      assertThat(completed.alertsReceived()).isEqualTo(batches.get(i).alerts().size());
      assertThat(completed.alertScoresWritten()).isEqualTo(batches.get(i).alerts().size());
      assertThat(completed.clusterScoresWritten()).isEqualTo(batches.get(i).clusters().size());
      assertThat(completed.modelVersions()).contains("alert-scorer:v1-");

      List<String> expectedIds =
          batches.get(i).alerts().stream().map(Alert::alertId).sorted().toList();
      assertThat(
              first.scores().results().stream()
                  .filter(
                      s ->
                          s.network().equals(key.network())
                              && s.processingDate().equals(key.processingDate()))
                  .map(AlertScore::alertId)
                  .sorted()
                  .toList())
          .isEqualTo(expectedIds);
      assertThat(
              first.rankings().results().stream()
                  .filter(
                      r ->
                          r.network().equals(key.network())
                              && r.processingDate().equals(key.processingDate()))
                  .map(AlertRanking::rank)
                  .sorted()
                  .toList())
          .isEqualTo(
              java.util.stream.IntStream.rangeClosed(1, expectedIds.size()).boxed().toList());
    }
    // every notified score (medium or high here), live or final, and cluster is one event
    assertThat(notified(first, NotificationEvent.ALERT, NotificationEvent.FINAL))
        .isEqualTo(
            first.scores().results().stream()
                .filter(s -> CONFIG.notifyPriorities().contains(s.priority()))
                .map(s -> s.network() + "/" + s.alertId())
                .sorted()
                .toList())
        .isNotEmpty();
    assertThat(notified(first, NotificationEvent.ALERT, NotificationEvent.LIVE))
        .isEqualTo(
            first.liveScores().results().stream()
                .filter(s -> CONFIG.notifyPriorities().contains(s.priority()))
                .map(s -> s.network() + "/" + s.alertId())
                .sorted()
                .toList());
    assertThat(notified(first, NotificationEvent.CLUSTER, NotificationEvent.FINAL))
        .isEqualTo(
            first.clusters().results().stream()
                .filter(s -> CONFIG.notifyPriorities().contains(s.priority().toLowerCase()))
                .map(s -> s.network() + "/" + s.clusterId())
                .sorted()
                .toList());
    assertThat(first.notifications().results())
        .allSatisfy(e -> assertThat(CONFIG.notifyPriorities()).contains(e.priority()));
    assertThat(first.deadLetters().results()).hasSize(2);
    assertThat(first.deadLetters().results())
        .extracting(DeadLetter::reason)
        .anySatisfy(r -> assertThat(r).startsWith("malformed JSON"))
        .anySatisfy(r -> assertThat(r).startsWith("severity: unknown value"));

    // Another arrival order gives bit-identical scores and rankings.
    CollectedOutputs second = run(interleaved(batches, 2));
    assertThat(scoreValues(second.scores().results()))
        .isEqualTo(scoreValues(first.scores().results()));
    assertThat(rankValues(second.rankings().results()))
        .isEqualTo(rankValues(first.rankings().results()));

    // And so does another parallelism.
    CollectedOutputs single = run(interleaved(batches, 3), 1);
    assertThat(scoreValues(single.scores().results()))
        .isEqualTo(scoreValues(first.scores().results()));
    assertThat(rankValues(single.rankings().results()))
        .isEqualTo(rankValues(first.rankings().results()));
  }

  @Test
  void liveScoresComeWithoutAnyBatchClosingAndAreIndependentOfOrderAndParallelism()
      throws Exception {
    List<RawRecord> data = new ArrayList<>();
    for (int i = 0; i < KEYS.size(); i++) {
      List<RawRecord> batch =
          new ArrayList<>(
              RawRecords.rawBatch(SampleBatchGenerator.generate(KEYS.get(i), 40 + 10 * i, 12)));
      batch.remove(batch.size() - 1); // no batch-control record: no batch ever closes
      data.addAll(batch);
    }
    Map<String, String> expected =
        JobFixtures.withFeatures(
            JobFixtures.liveReference(JobFixtures.decode(data).addressRecords()));
    assertThat(expected).hasSizeGreaterThan(100);

    for (int[] run : new int[][] {{1, 2}, {2, 2}, {3, 1}}) {
      List<RawRecord> shuffled = new ArrayList<>(data);
      Collections.shuffle(shuffled, new Random(run[0]));
      CollectedOutputs outputs = run(shuffled, run[1]);
      assertThat(outputs.scores().results()).as("no final score without a close").isEmpty();
      // Alerts without features are scored only if the 5 s wait ends before the input does.
      assertThat(JobFixtures.withFeatures(JobFixtures.liveValues(outputs.liveScores().results())))
          .as("order seed %d, parallelism %d", run[0], run[1])
          .isEqualTo(expected);
    }
  }

  private static List<String> notified(CollectedOutputs outputs, String type, String source) {
    return outputs.notifications().results().stream()
        .filter(e -> e.entityType().equals(type) && e.source().equals(source))
        .map(e -> e.network() + "/" + e.entityId())
        .sorted()
        .toList();
  }

  private static Map<String, String> scoreValues(List<AlertScore> scores) {
    return scores.stream()
        .collect(
            Collectors.toMap(
                s -> s.network() + "/" + s.processingDate() + "/" + s.alertId(),
                s ->
                    Double.doubleToLongBits(s.score())
                        + "|"
                        + s.priority()
                        + "|"
                        + s.explanationJson()));
  }

  private static Map<String, String> rankValues(List<AlertRanking> rankings) {
    return rankings.stream()
        .collect(
            Collectors.toMap(
                r -> r.network() + "/" + r.processingDate() + "/" + r.rank(),
                r -> r.alertId() + "|" + Double.doubleToLongBits(r.rankerScore())));
  }
}
