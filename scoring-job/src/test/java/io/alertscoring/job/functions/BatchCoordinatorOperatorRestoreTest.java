package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.ScriptedRun;
import io.alertscoring.job.testing.ScriptedRun.Outcome;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator (keyed by run) checkpointed and restored at every kind of point — batches open
 * with part of their records, a close reading the batch, a close emitting its contexts — into a
 * fresh operator, at the same parallelism and rescaled 2 → 1 → 2 → 1 and 1 → 2 → 1 → 2: the outputs
 * are exactly those of an uninterrupted run, and once the runs are closed and their retention is
 * over no state and no timer is left.
 */
class BatchCoordinatorOperatorRestoreTest {
  /** A tagged run that closes across the cuts. */
  static final SampleBatch CLOSING = batch("ethereum", "2026-04-01", 120, 11);

  static final String CLOSING_RUN = "ethereum/2026-04-01/7/r1";

  /** An untagged run that closes after the first. */
  static final SampleBatch UNTAGGED = batch("bitcoin", "2026-04-02", 60, 12);

  static final String UNTAGGED_RUN = "bitcoin/2026-04-02/7/";

  /** A run whose control record never comes: FAILED at the timeout. */
  static final SampleBatch TIMING_OUT = batch("ethereum", "2026-04-03", 20, 13);

  static final String TIMING_OUT_RUN = "ethereum/2026-04-03/7/r3";

  static final long START = 1_000;
  static final long DAY = 24 * 3600 * 1000L;

  static List<BatchEvent> closing;
  static List<BatchEvent> untagged;
  static List<BatchEvent> timingOut;
  static Outcome reference;

  static SampleBatch batch(String network, String date, int alerts, long seed) {
    return SampleBatchGenerator.generate(new BatchKey(network, date, 7), alerts, seed);
  }

  @BeforeAll
  static void inputs() throws Exception {
    closing = RestoreFixtures.decoded(CLOSING, "r1").events();
    untagged = RestoreFixtures.decoded(UNTAGGED, "").events();
    timingOut = new ArrayList<>(RestoreFixtures.decoded(TIMING_OUT, "r3").events());
    timingOut.removeIf(e -> e.kind == RecordKind.BATCH_CONTROL);
    reference = script().run(1);
  }

  static KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart> harness(
      int maxParallelism, int parallelism, int subtask) throws Exception {
    // small steps: a close takes many timer calls, so cuts fall inside one
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new BatchCoordinatorOperator(new BatchCoordinatorFunction(JobFixtures.CONFIG, 50, 100)),
        e -> e.batchId,
        Types.STRING,
        maxParallelism,
        parallelism,
        subtask);
  }

  static ScriptedRun<KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart>>
      script() {
    var run =
        new ScriptedRun<KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart>>(
            BatchCoordinatorOperatorRestoreTest::harness,
            h ->
                RestoreFixtures.rendered(
                        h,
                        OutputTags.ALERT_CONTEXTS,
                        OutputTags.BATCH_METADATA,
                        OutputTags.DEAD_LETTERS)
                    .stream()
                    // A close restored while reading reads again from the start: it ends a few
                    // steps later, which only the late records' reason tells.
                    .map(o -> o.replaceAll("closed at \\d+", "closed at <close>"))
                    .toList(),
            KeyedOneInputStreamOperatorTestHarness::numKeyedStateEntries);
    int half = closing.size() / 2;
    run.step(s -> s.setTime(START))
        .step(s -> feed(s, timingOut))
        .step(s -> feed(s, closing.subList(0, half)))
        .step(s -> feed(s, untagged.subList(0, untagged.size() / 2)))
        // cut 0: three open runs holding part of their records, each with its timeout timer
        .cut()
        .step(s -> s.setTime(START + 1_000))
        .step(s -> feed(s, closing.subList(half, closing.size()))) // the control closes it
        .step(s -> s.tickTo(START + 1_003))
        // cut 1: the first run's close is reading its records
        .cut()
        .step(s -> feed(s, untagged.subList(untagged.size() / 2, untagged.size())))
        .step(s -> s.tickTo(START + 1_012))
        // cut 2: the first run's close is emitting its contexts, the second one's reading
        .cut()
        .step(s -> s.tickTo(START + 1_200))
        // the third run times out: FAILED, its records dead-lettered, its addresses released
        .step(s -> s.setTime(START + JobFixtures.CONFIG.batchTimeout().toMillis()))
        // a late record of the closed tagged run is refused
        .step(s -> feed(s, closing.subList(0, 1)))
        // after every retention (a tagged run's is a day) nothing is left
        .step(s -> s.setTime(START + DAY + JobFixtures.CONFIG.batchTimeout().toMillis() + 1));
    return run;
  }

  static void feed(
      ScriptedRun.Subtasks<KeyedOneInputStreamOperatorTestHarness<String, BatchEvent, BatchPart>> s,
      List<BatchEvent> events)
      throws Exception {
    for (BatchEvent e : events) {
      s.forKey(e.batchId).processElement(e, 0);
    }
  }

  @Test
  void theReferenceRunClosesTwoRunsFailsOneAndLeavesNothing() {
    List<String> out = reference.outputs();
    assertThat(RestoreFixtures.count(out, "main:", "kind=PLAN")).isEqualTo(2);
    assertThat(RestoreFixtures.count(out, "alert-contexts:", "\"" + CLOSING_RUN + "\""))
        .as("every alert of the first run (and its feature-only addresses)")
        .isGreaterThanOrEqualTo(CLOSING.alerts().size());
    assertThat(RestoreFixtures.count(out, "batch-metadata:", "status=FAILED")).isEqualTo(1);
    assertThat(RestoreFixtures.count(out, "dead-letters:", "late record: run r1")).isEqualTo(1);
    assertThat(RestoreFixtures.count(out, "dead-letters:", "FAILED (timed out"))
        .isEqualTo(
            TIMING_OUT.alerts().size()
                + TIMING_OUT.features().size()
                + TIMING_OUT.clusters().size()
                + TIMING_OUT.moneyFlows().size());
    assertNothingLeft(reference);
  }

  @Test
  void theRunsAreSpreadOverBothSubtasksAtParallelismTwo() {
    Set<Integer> subtasks =
        Set.of(CLOSING_RUN, UNTAGGED_RUN, TIMING_OUT_RUN).stream()
            .map(k -> ScriptedRun.subtaskOf(k, 2))
            .collect(Collectors.toSet());
    assertThat(subtasks)
        .as("a rescale moves state between subtasks")
        .containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void aRestoreAtEachCutContinuesExactlyAsTheUninterruptedRun() throws Exception {
    var script = script();
    for (int cut = 0; cut < script.cuts(); cut++) {
      Outcome restored = script.run(new int[] {cut}, new int[] {1, 1});
      restored.assertSameOutputsAs(reference, "restored at cut " + cut);
      assertNothingLeft(restored);
    }
  }

  @Test
  void theCutsFallInsideTheCloses() throws Exception {
    Outcome restored = script().run(1, 1, 1, 1);
    List<List<String>> segments = restored.outputsBySegment();
    String contexts = "alert-contexts:";
    String run = "batchId=\"" + CLOSING_RUN + "\"";
    assertThat(RestoreFixtures.count(segments.get(1), contexts, run))
        .as("nothing emitted while the close reads")
        .isZero();
    assertThat(RestoreFixtures.count(segments.get(2), contexts, run))
        .as("part of the contexts before cut 2")
        .isPositive();
    assertThat(RestoreFixtures.count(segments.get(3), contexts, run))
        .as("the rest after it")
        .isPositive();
    restored.assertSameOutputsAs(reference, "restored at every cut");
  }

  @Test
  void rescaledTwoToOneToTwoToOneItContinuesExactlyAsTheUninterruptedRun() throws Exception {
    Outcome rescaled = script().run(2, 1, 2, 1);
    rescaled.assertSameOutputsAs(reference, "rescaled");
    assertNothingLeft(rescaled);
  }

  @Test
  void rescaledOneToTwoToOneToTwoItContinuesExactlyAsTheUninterruptedRun() throws Exception {
    Outcome rescaled = script().run(1, 2, 1, 2);
    rescaled.assertSameOutputsAs(reference, "rescaled");
    assertNothingLeft(rescaled);
  }

  static void assertNothingLeft(Outcome outcome) {
    assertThat(outcome.stateEntries()).as("keyed state entries").isZero();
    assertThat(outcome.processingTimeTimers()).as("processing-time timers").isZero();
    assertThat(outcome.eventTimeTimers()).as("event-time timers").isZero();
  }
}
