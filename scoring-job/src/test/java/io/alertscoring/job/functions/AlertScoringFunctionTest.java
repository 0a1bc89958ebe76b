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
  private List<AlertContext> contexts(List<BatchEvent> events) throws Exception {
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
