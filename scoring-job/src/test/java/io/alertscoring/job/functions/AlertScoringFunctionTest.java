package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AlertScoringFunctionTest {
  static final BatchKey KEY = new BatchKey("bitcoin", "2026-03-02", 7);
  final SampleBatch batch = SampleBatchGenerator.generate(KEY, 120, 3);

  static KeyedTwoInputStreamOperatorTestHarness<String, AddressRecord, AlertContext, AlertScore>
      harness() throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new AlertScoringFunction(JobFixtures.CONFIG)),
        AddressRecord::addressKey,
        AlertContext::addressKey,
        Types.STRING);
  }

  /** The coordinator's contexts for the batch, computed by running it over the whole batch. */
  static List<AlertContext> contexts(List<BatchEvent> events) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart> coordinator =
        BatchCoordinatorFunctionTest.harness()) {
      coordinator.open();
      for (BatchEvent e : events) {
        coordinator.processElement(e, 0);
      }
      BatchCoordinatorFunctionTest.runTimers(coordinator);
      List<AlertContext> contexts = new ArrayList<>();
      for (StreamRecord<AlertContext> r : coordinator.getSideOutput(OutputTags.ALERT_CONTEXTS)) {
        contexts.add(r.getValue());
      }
      return contexts;
    }
  }

  @Test
  void contextsBeforeRecordsAcrossARestoreScoreExactlyAsTheReferenceAndClearTheKeys()
      throws Exception {
    JobFixtures.Decoded decoded = JobFixtures.decode(RawRecords.rawBatch(batch));
    List<AlertContext> contexts = new ArrayList<>(contexts(decoded.events()));
    List<AddressRecord> records = new ArrayList<>(decoded.addressRecords());
    Collections.shuffle(contexts, new Random(1));
    Collections.shuffle(records, new Random(2));
    int half = records.size() / 2;
    List<AlertScore> scores = new ArrayList<>();
    List<BatchPart> results = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var first = harness()) {
      first.open();
      // Every context first: half the records follow, so most alerts wait for theirs.
      for (AlertContext c : contexts) {
        first.processElement2(c, 0);
      }
      for (AddressRecord r : records.subList(0, half)) {
        first.processElement1(r, 0);
      }
      collect(first, scores, results);
      assertThat(scores.size()).isLessThan(batch.alerts().size());
      snapshot = first.snapshot(1, 0);
    }
    try (var restored = harness()) {
      restored.setup();
      restored.initializeState(snapshot);
      restored.open();
      for (AddressRecord r : records.subList(half, records.size())) {
        restored.processElement1(r, 0);
      }
      collect(restored, scores, results);
      // Feature-only addresses are released by the coordinator; afterwards nothing is left.
      assertThat(restored.numKeyedStateEntries()).isZero();
      assertThat(restored.numProcessingTimeTimers()).isZero();
    }

    BatchScoringResult reference = JobFixtures.reference(batch);
    assertThat(values(scores)).isEqualTo(values(reference.alertScores()));
    assertThat(results).hasSize(batch.alerts().size()).allMatch(p -> p.error == null);
  }

  @Test
  void recordsThatNeverGetAContextAreDroppedAtTheSafetyTimer() throws Exception {
    JobFixtures.Decoded decoded = JobFixtures.decode(RawRecords.rawBatch(batch));
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(0);
      for (AddressRecord r : decoded.addressRecords().subList(0, 10)) {
        h.processElement1(r, 0);
      }
      assertThat(h.numKeyedStateEntries()).isPositive();
      h.setProcessingTime(
          2 * JobFixtures.CONFIG.batchTimeout().toMillis()
              + JobFixtures.CONFIG.closedBatchRetention().toMillis());
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
      assertThat(h.extractOutputValues()).isEmpty();
    }
  }

  @Test
  void liveScoresNeedNoBatchAndMatchThePlainJavaLiveScorer() throws Exception {
    JobFixtures.Decoded decoded = JobFixtures.decode(RawRecords.rawBatch(batch));
    List<AddressRecord> records = new ArrayList<>(decoded.addressRecords());
    Collections.shuffle(records, new Random(3));
    long wait = JobFixtures.CONFIG.liveFeatureWait().toMillis();
    List<LiveAlertScore> live = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(1_000);
      for (AddressRecord r : records.subList(0, records.size() / 2)) {
        h.processElement1(r, 0);
      }
      live.addAll(liveScores(h));
      snapshot = h.snapshot(1, 1_000);
    }
    try (var h = harness()) {
      h.setup();
      h.initializeState(snapshot);
      h.open();
      h.setProcessingTime(1_000);
      for (AddressRecord r : records.subList(records.size() / 2, records.size())) {
        h.processElement1(r, 0);
      }
      // No context came: every alert with features in the batch is scored, with them.
      List<LiveAlertScore> beforeTheWait = liveScores(h);
      assertThat(beforeTheWait).noneMatch(LiveAlertScore::featuresMissing);
      live.addAll(beforeTheWait);
      // The rest waited for features that never come: scored without them at the deadline.
      h.setProcessingTime(1_000 + wait);
      List<LiveAlertScore> afterTheWait = liveScores(h);
      assertThat(afterTheWait).isNotEmpty().allMatch(LiveAlertScore::featuresMissing);
      live.addAll(afterTheWait);
      // Only the keys' safety timers are left.
      assertThat(h.numProcessingTimeTimers()).isEqualTo(h.numKeyedStateEntries());
    }
    assertThat(live.stream().map(LiveAlertScore::alertId).distinct().count())
        .isEqualTo(batch.alerts().size());
    assertThat(JobFixtures.liveValues(live))
        .isEqualTo(JobFixtures.liveReference(decoded.addressRecords()));
    assertThat(live)
        .allMatch(
            l ->
                l.modelVersion()
                    .equals(JobFixtures.scorer().models().liveScorer().manifest().version()));
  }

  @Test
  void featuresAfterTheWaitRescoreTheAlertWithThemAndTheFinalScoreClearsTheKey() throws Exception {
    JobFixtures.Decoded decoded = JobFixtures.decode(RawRecords.rawBatch(batch));
    AddressRecord features =
        decoded.addressRecords().stream().filter(r -> r.featureValues != null).findFirst().get();
    List<AddressRecord> alerts =
        decoded.addressRecords().stream()
            .filter(r -> r.alert != null && r.addressKey().equals(features.addressKey()))
            .toList();
    assertThat(alerts).isNotEmpty();
    long wait = JobFixtures.CONFIG.liveFeatureWait().toMillis();
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(0);
      for (AddressRecord a : alerts) {
        h.processElement1(a, 0);
      }
      assertThat(liveScores(h)).isEmpty();
      h.setProcessingTime(wait - 1);
      assertThat(liveScores(h)).isEmpty();
      h.setProcessingTime(wait);
      List<LiveAlertScore> without = liveScores(h);
      assertThat(without).hasSize(alerts.size()).allMatch(LiveAlertScore::featuresMissing);
      assertThat(without).allMatch(l -> l.latencyMs() >= wait);

      h.setProcessingTime(wait + 10);
      h.processElement1(features, 0);
      List<LiveAlertScore> with = liveScores(h);
      assertThat(with).hasSize(alerts.size()).noneMatch(LiveAlertScore::featuresMissing);
      assertThat(with).allMatch(l -> l.version() > without.get(0).version());
      List<AddressRecord> both = new ArrayList<>(alerts);
      both.add(features);
      assertThat(JobFixtures.liveValues(with)).isEqualTo(JobFixtures.liveReference(both));

      // The batch closes: the final path scores the alerts and drops the key with its timers.
      for (AlertContext c : contexts(decoded.events())) {
        if (c.addressKey().equals(features.addressKey())) {
          h.processElement2(c, 0);
        }
      }
      assertThat(h.extractOutputValues()).hasSize(alerts.size());
      assertThat(liveScores(h)).isEmpty();
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void withLiveScoringOffNoLiveRowIsWrittenAndNoDeadlineIsSet() throws Exception {
    JobFixtures.Decoded decoded = JobFixtures.decode(RawRecords.rawBatch(batch));
    try (var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(
                new AlertScoringFunction(
                    JobFixtures.CONFIG.withLiveScoring(false, Duration.ofSeconds(5)))),
            AddressRecord::addressKey,
            AlertContext::addressKey,
            Types.STRING)) {
      h.open();
      for (AddressRecord r : decoded.addressRecords()) {
        h.processElement1(r, 0);
      }
      h.setProcessingTime(60_000);
      assertThat(h.getSideOutput(OutputTags.LIVE_SCORES)).isNull();
      assertThat(h.numProcessingTimeTimers()).isEqualTo(h.numKeyedStateEntries());
    }
  }

  /** The live rows emitted since the last call (the harness's side output queue is drained). */
  private static List<LiveAlertScore> liveScores(
      KeyedTwoInputStreamOperatorTestHarness<String, AddressRecord, AlertContext, AlertScore> h) {
    List<LiveAlertScore> rows = new ArrayList<>();
    var queue = h.getSideOutput(OutputTags.LIVE_SCORES);
    if (queue != null) {
      while (!queue.isEmpty()) {
        rows.add(queue.poll().getValue());
      }
    }
    return rows;
  }

  private static void collect(
      KeyedTwoInputStreamOperatorTestHarness<String, AddressRecord, AlertContext, AlertScore> h,
      List<AlertScore> scores,
      List<BatchPart> results) {
    scores.addAll(h.extractOutputValues());
    if (h.getSideOutput(OutputTags.BATCH_PARTS) != null) {
      for (StreamRecord<BatchPart> r : h.getSideOutput(OutputTags.BATCH_PARTS)) {
        results.add(r.getValue());
      }
    }
  }

  static Map<String, String> values(List<AlertScore> scores) {
    return scores.stream()
        .collect(
            Collectors.toMap(
                AlertScore::alertId,
                s ->
                    Double.doubleToRawLongBits(s.score())
                        + "|"
                        + s.priority()
                        + "|"
                        + s.explanationJson()));
  }
}
