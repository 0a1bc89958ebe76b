package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.output.AlertScore;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The deferred final path: contexts are stored on arrival and scored in later slices. */
class AlertScoringOperatorTest {
  static final BatchKey KEY = new BatchKey("ethereum", "2026-03-03", 7);
  final SampleBatch batch = SampleBatchGenerator.generate(KEY, 150, 4);

  static KeyedTwoInputStreamOperatorTestHarness<String, AddressRecord, AlertContext, AlertScore>
      harness() throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new AlertScoringOperator(
            new AlertScoringFunction(JobFixtures.CONFIG), JobFixtures.CONFIG.finalScoringShare()),
        AddressRecord::addressKey,
        AlertContext::addressKey,
        Types.STRING);
  }

  @Test
  void contextsAreScoredInLaterSlicesAlsoAfterARestoreOfTheQueue() throws Exception {
    JobFixtures.Decoded decoded = JobFixtures.decode(RawRecords.rawBatch(batch));
    List<AlertContext> contexts = AlertScoringFunctionTest.contexts(decoded.events());
    List<AlertScore> scores = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(1);
      for (AddressRecord r : decoded.addressRecords()) {
        h.processElement1(r, 0);
      }
      for (AlertContext c : contexts) {
        h.processElement2(c, 0);
      }
      // stored and queued, not scored: the arrival of a close costs one state write per alert
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(((AlertScoringOperator) h.getOperator()).queuedKeys()).isPositive();
      snapshot = h.snapshot(1, 1);
    }
    try (var h = harness()) {
      h.setup();
      h.initializeState(snapshot);
      h.open();
      assertThat(((AlertScoringOperator) h.getOperator()).queuedKeys())
          .as("the queue is rebuilt from the pending contexts in state")
          .isPositive();
      // each slice runs from a processing-time callback; advance time until the queue is empty
      for (int t = 2; ((AlertScoringOperator) h.getOperator()).queuedKeys() > 0; t++) {
        h.setProcessingTime(t);
        assertThat(t).as("slices make progress").isLessThan(10_000);
      }
      scores.addAll(h.extractOutputValues());
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
    assertThat(AlertScoringFunctionTest.values(scores))
        .isEqualTo(AlertScoringFunctionTest.values(JobFixtures.reference(batch).alertScores()));
  }

  @Test
  void theEndOfInputScoresWhatIsQueued() throws Exception {
    JobFixtures.Decoded decoded = JobFixtures.decode(RawRecords.rawBatch(batch));
    try (var h = harness()) {
      h.open();
      for (AlertContext c : AlertScoringFunctionTest.contexts(decoded.events())) {
        h.processElement2(c, 0);
      }
      for (AddressRecord r : decoded.addressRecords()) {
        h.processElement1(r, 0);
      }
      assertThat(h.extractOutputValues()).isEmpty();
      h.endInput1();
      h.endInput2();
      assertThat(AlertScoringFunctionTest.values(h.extractOutputValues()))
          .isEqualTo(AlertScoringFunctionTest.values(JobFixtures.reference(batch).alertScores()));
    }
  }
}
