package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.features.BatchContext;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.DeadLetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BatchCoordinatorFunctionTest {
  static final BatchKey KEY = new BatchKey("ethereum", "2026-03-01", 7);
  final SampleBatch batch = SampleBatchGenerator.generate(KEY, 300, 7);

  static KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart> harness()
      throws Exception {
    return harness(BatchCoordinatorFunction.CONTEXTS_PER_CHUNK);
  }

  static KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart> harness(
      int contextsPerChunk) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new BatchCoordinatorOperator(
            new BatchCoordinatorFunction(JobFixtures.CONFIG, contextsPerChunk)),
        e -> e.batchId,
        Types.STRING);
  }

  /** Fires the close's steps: each schedules the next one millisecond later. */
  static void runTimers(KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart> h)
      throws Exception {
    long t = h.getProcessingTime();
    for (int i = 0; i < 200; i++) {
      h.setProcessingTime(++t);
    }
  }

  private List<BatchEvent> events() throws Exception {
    return JobFixtures.decode(RawRecords.rawBatch(batch)).events();
  }

  private List<BatchEvent> events(String runId) throws Exception {
    List<RawRecord> raw = RawRecords.rawBatch(batch);
    raw.forEach(r -> r.runId = runId);
    return JobFixtures.decode(raw).events();
  }

  @Test
  void everyPublicationIsARunAcceptedAtAnyTimeAndLateRecordsOfAClosedRunAreDeadLettered()
      throws Exception {
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(10);
      for (String run : List.of("r1", "r2")) {
        for (BatchEvent e : events(run)) {
          h.processElement(e, 0);
        }
        runTimers(h); // the second run comes right after the first one's close
      }
      assertThat(side(h, OutputTags.DEAD_LETTERS)).isEmpty();
      assertThat(h.extractOutputValues())
          .filteredOn(p -> p.kind == BatchPart.Kind.PLAN)
          .extracting(p -> p.runId + ":" + p.alertCount)
          .containsExactly("r1:" + batch.alerts().size(), "r2:" + batch.alerts().size());
      assertThat(side(h, OutputTags.ALERT_CONTEXTS))
          .filteredOn(c -> c.alertId != null)
          .extracting(c -> c.runId)
          .containsOnly("r1", "r2")
          .hasSize(2 * batch.alerts().size());
      assertThat(side(h, OutputTags.BATCH_METADATA))
          .extracting(m -> m.runId() + ":" + m.status())
          .containsExactly("r1:PROCESSING", "r2:PROCESSING");

      // Long after an untagged run's retention, a record of run r1 is still late, not a new run.
      h.setProcessingTime(
          h.getProcessingTime() + 10 * JobFixtures.CONFIG.closedBatchRetention().toMillis());
      BatchEvent straggler = events("r1").get(0);
      h.processElement(straggler, 0);
      assertThat(side(h, OutputTags.DEAD_LETTERS))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.reason())
                    .contains("late record: run r1 of batch " + KEY.id() + " was COMPLETED")
                    .contains("publish again with a new run_id");
                assertThat(d.offset()).isEqualTo(straggler.offset);
              });
      assertThat(side(h, OutputTags.BATCH_METADATA)).hasSize(2); // no third run was started
    }
  }

  private static <T> List<T> side(
      KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart> h,
      org.apache.flink.util.OutputTag<T> tag) {
    List<T> values = new ArrayList<>();
    if (h.getSideOutput(tag) != null) {
      for (StreamRecord<T> r : h.getSideOutput(tag)) {
        values.add(r.getValue());
      }
    }
    return values;
  }

  @Test
  void restoredMidBatchClosesWithTheReferenceColumnsAndLeavesNoStateBehind() throws Exception {
    List<BatchEvent> events = events();
    int half = events.size() / 2;
    OperatorSubtaskState snapshot;
    try (var first = harness()) {
      first.open();
      first.setProcessingTime(1_000);
      for (BatchEvent e : events.subList(0, half)) {
        first.processElement(e, 0);
      }
      assertThat(side(first, OutputTags.ALERT_CONTEXTS)).isEmpty();
      snapshot = first.snapshot(1, 1_000);
    }
    try (var restored = harness()) {
      restored.setup();
      restored.initializeState(snapshot);
      restored.open();
      restored.setProcessingTime(2_000);
      for (BatchEvent e : events.subList(half, events.size())) {
        restored.processElement(e, 0);
      }
      runTimers(restored);
      // Every alert's batch-wide columns, exactly as the plain-Java context computes them.
      AssembledBatch assembled =
          new AssembledBatch(
              KEY, batch.alerts(), batch.features(), batch.clusters(), batch.moneyFlows());
      BatchContext context = new BatchContext(assembled);
      double[][] expected = AlertFeatureSet.batchColumns(context);
      Map<String, double[]> byAlert = new HashMap<>();
      for (int i = 0; i < context.size(); i++) {
        byAlert.put(context.alerts().get(i).alertId(), expected[i]);
      }
      List<AlertContext> contexts = side(restored, OutputTags.ALERT_CONTEXTS);
      List<AlertContext> alertContexts = contexts.stream().filter(c -> c.alertId != null).toList();
      assertThat(alertContexts).hasSize(batch.alerts().size());
      for (AlertContext c : alertContexts) {
        assertThat(c.batchColumns).isEqualTo(byAlert.get(c.alertId));
        assertThat(c.hasFeatures).isEqualTo(assembled.featuresOf(c.address) != null);
      }
      List<BatchPart> parts = restored.extractOutputValues();
      assertThat(parts)
          .filteredOn(p -> p.kind == BatchPart.Kind.CLUSTER)
          .hasSize(batch.clusters().size());
      BatchPart plan =
          parts.stream().filter(p -> p.kind == BatchPart.Kind.PLAN).findFirst().orElseThrow();
      assertThat(plan.alertCount).isEqualTo(batch.alerts().size());
      assertThat(plan.received)
          .containsExactly(
              batch.alerts().size(),
              batch.features().size(),
              batch.clusters().size(),
              batch.moneyFlows().size());

      // Within the retention only the header (and its timer) is left; a late record is
      // dead-lettered with its origin.
      assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
      assertThat(restored.numProcessingTimeTimers()).isEqualTo(1);
      restored.processElement(events.get(0), 0);
      List<DeadLetter> dead = side(restored, OutputTags.DEAD_LETTERS);
      assertThat(dead)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.reason()).contains("late record: the untagged run u");
                assertThat(d.offset()).isEqualTo(events.get(0).offset);
              });
      restored.setProcessingTime(3_000 + JobFixtures.CONFIG.closedBatchRetention().toMillis());
      assertThat(restored.numKeyedStateEntries()).isZero();
      assertThat(restored.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void duplicatesDoNotCloseABatchEarly() throws Exception {
    List<BatchEvent> events = new ArrayList<>(events());
    BatchEvent control = events.remove(events.size() - 1);
    BatchEvent missing =
        events.stream().filter(e -> e.kind == RecordKind.ALERT).findFirst().orElseThrow();
    BatchEvent duplicate =
        events.stream().filter(e -> e.kind == RecordKind.ALERT).skip(1).findFirst().orElseThrow();
    events.remove(missing);
    events.add(duplicate); // arrivals now match the announced count, distinct records do not
    try (var h = harness()) {
      h.open();
      for (BatchEvent e : events) {
        h.processElement(e, 0);
      }
      h.processElement(control, 0);
      runTimers(h);
      assertThat(side(h, OutputTags.ALERT_CONTEXTS)).isEmpty();
      h.processElement(missing, 0);
      runTimers(h);
      assertThat(side(h, OutputTags.ALERT_CONTEXTS))
          .filteredOn(c -> c.alertId != null)
          .hasSize(batch.alerts().size());
    }
  }

  @Test
  void timeoutFailsWithTheShortfallAndReleasesEveryAddress() throws Exception {
    List<BatchEvent> events = new ArrayList<>(events());
    events.remove(events.size() - 1); // no control record
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(0);
      for (BatchEvent e : events) {
        h.processElement(e, 0);
      }
      h.setProcessingTime(JobFixtures.CONFIG.batchTimeout().toMillis());
      List<BatchMetadata> metadata = side(h, OutputTags.BATCH_METADATA);
      assertThat(metadata)
          .extracting(BatchMetadata::status)
          .containsExactly(BatchStatus.PROCESSING, BatchStatus.FAILED);
      assertThat(metadata.get(1).errorMessage())
          .contains("batch-control record never arrived")
          .contains("received " + batch.alerts().size() + " alerts");
      assertThat(side(h, OutputTags.ALERT_CONTEXTS)).allMatch(c -> c.alertId == null).isNotEmpty();
      // Nothing of a failed run is dropped silently: each of its records is a dead letter.
      List<DeadLetter> dead = side(h, OutputTags.DEAD_LETTERS);
      assertThat(dead)
          .hasSize(
              batch.alerts().size()
                  + batch.features().size()
                  + batch.clusters().size()
                  + batch.moneyFlows().size())
          .allSatisfy(
              d -> {
                assertThat(d.reason()).contains("FAILED (timed out after").contains("not scored");
                assertThat(d.topic()).isNotEmpty();
                assertThat(d.batchId()).isEqualTo(KEY.id() + "/");
              });
      assertThat(dead)
          .filteredOn(d -> d.kind().equals("ALERT"))
          .extracting(d -> d.reason().replaceAll(".*\\(record ([^;]+);.*", "$1"))
          .containsExactlyInAnyOrderElementsOf(
              batch.alerts().stream().map(a -> a.alertId()).toList());
      h.snapshot(1, h.getProcessingTime()); // headers are written to state before a snapshot
      assertThat(h.numKeyedStateEntries()).isEqualTo(1); // header for the retention
      h.setProcessingTime(
          JobFixtures.CONFIG.batchTimeout().toMillis()
              + JobFixtures.CONFIG.closedBatchRetention().toMillis());
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  static KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart> smallSteps()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new BatchCoordinatorOperator(new BatchCoordinatorFunction(JobFixtures.CONFIG, 50, 100)),
        e -> e.batchId,
        Types.STRING);
  }

  /** The contexts and parts of a close run without interruption. */
  private List<AlertContext> uninterrupted(List<BatchEvent> events, List<BatchPart> parts)
      throws Exception {
    try (var once = harness()) {
      once.open();
      once.setProcessingTime(10);
      for (BatchEvent e : events) {
        once.processElement(e, 0);
      }
      runTimers(once);
      parts.addAll(once.extractOutputValues());
      return side(once, OutputTags.ALERT_CONTEXTS);
    }
  }

  @Test
  void aCloseRunsInSmallStepsAndARestoreInAnyStepContinuesIdentically() throws Exception {
    List<BatchEvent> events = events();
    List<BatchPart> referenceParts = new ArrayList<>();
    List<AlertContext> reference = uninterrupted(events, referenceParts);
    // Restore while reading (step 2), while emitting (after two chunks), and never.
    for (int restoreAfterSteps : new int[] {2, 60, -1}) {
      List<AlertContext> emitted = new ArrayList<>();
      List<BatchPart> parts = new ArrayList<>();
      OperatorSubtaskState snapshot = null;
      long t = 10;
      try (var first = smallSteps()) {
        first.open();
        first.setProcessingTime(t);
        for (BatchEvent e : events) {
          first.processElement(e, 0);
        }
        assertThat(side(first, OutputTags.ALERT_CONTEXTS))
            .as("nothing in the record's call")
            .isEmpty();
        if (restoreAfterSteps == 2) {
          first.setProcessingTime(++t);
          first.setProcessingTime(++t);
          assertThat(side(first, OutputTags.ALERT_CONTEXTS)).as("still reading").isEmpty();
        } else if (restoreAfterSteps > 0) {
          while (side(first, OutputTags.ALERT_CONTEXTS).size() < 100) {
            first.setProcessingTime(++t);
          }
        } else {
          for (int i = 0; i < 400; i++) {
            first.setProcessingTime(++t);
          }
        }
        emitted.addAll(side(first, OutputTags.ALERT_CONTEXTS));
        parts.addAll(first.extractOutputValues());
        if (restoreAfterSteps > 0) {
          assertThat(emitted.size()).isLessThan(reference.size());
          snapshot = first.snapshot(1, t);
        }
      }
      if (snapshot != null) {
        try (var restored = smallSteps()) {
          restored.setup();
          restored.initializeState(snapshot);
          restored.open();
          for (int i = 0; i < 400; i++) {
            restored.setProcessingTime(++t);
          }
          emitted.addAll(side(restored, OutputTags.ALERT_CONTEXTS));
          parts.addAll(restored.extractOutputValues());
          assertThat(restored.numKeyedStateEntries()).isEqualTo(1); // header, for the retention
        }
      }
      assertThat(parts).as("plan and clusters exactly once").hasSameSizeAs(referenceParts);
      assertThat(emitted).hasSameSizeAs(reference);
      for (int i = 0; i < reference.size(); i++) {
        assertThat(emitted.get(i).alertId).isEqualTo(reference.get(i).alertId);
        assertThat(emitted.get(i).address).isEqualTo(reference.get(i).address);
        assertThat(emitted.get(i).batchColumns).isEqualTo(reference.get(i).batchColumns);
        assertThat(emitted.get(i).version).isEqualTo(reference.get(i).version);
      }
    }
  }

  @Test
  void aRecordArrivingWhileTheCloseReadsIsKeptAndTheBatchReadAgain() throws Exception {
    List<BatchEvent> events = new ArrayList<>(events());
    BatchEvent extra =
        events.stream().filter(e -> e.kind == RecordKind.ALERT).findFirst().orElseThrow();
    try (var h = smallSteps()) {
      h.open();
      h.setProcessingTime(10);
      for (BatchEvent e : events) {
        h.processElement(e, 0);
      }
      h.setProcessingTime(11); // first read step
      h.processElement(extra, 0); // a redelivered alert: accepted, not late
      runTimers(h);
      assertThat(side(h, OutputTags.DEAD_LETTERS)).isEmpty();
      assertThat(side(h, OutputTags.ALERT_CONTEXTS))
          .filteredOn(c -> c.alertId != null)
          .hasSize(batch.alerts().size());
    }
  }
}
