package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.model.RunProgress;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.ScriptedRun;
import io.alertscoring.job.testing.ScriptedRun.Outcome;
import io.alertscoring.schemas.BatchKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The finishing step (keyed by run) checkpointed and restored into a fresh operator while runs hold
 * part of their results and clusters and their progress deadlines are set, at the same parallelism
 * and rescaled 2 → 1 → 2 and 1 → 2 → 1: the rankings, cluster scores, COMPLETED and FAILED rows are
 * exactly those of an uninterrupted run, and at the end no state or timer is left.
 */
class BatchFinishFunctionRestoreTest {
  static final long START = 1_000;
  static final long TIMEOUT = JobFixtures.CONFIG.batchTimeout().toMillis();

  /** Completes after both cuts, having made progress past its first deadline. */
  static List<BatchPart> slow;

  /** Completes between the cuts. */
  static List<BatchPart> quick;

  /** One result never comes: FAILED at its deadline. */
  static List<BatchPart> stalled;

  /** One alert failed to score: FAILED once every part is in. */
  static List<BatchPart> failing;

  static Set<String> runs;
  static Outcome reference;

  static List<BatchPart> parts(String network, String date, int alerts, long seed, String run)
      throws Exception {
    SampleBatch batch = SampleBatchGenerator.generate(new BatchKey(network, date, 7), alerts, seed);
    List<BatchPart> parts =
        new ArrayList<>(RestoreFixtures.finishingParts(RestoreFixtures.decoded(batch, run)));
    Collections.shuffle(parts, new Random(seed));
    return parts;
  }

  @BeforeAll
  static void inputs() throws Exception {
    slow = parts("ethereum", "2026-04-07", 60, 31, "r7");
    quick = parts("bitcoin", "2026-04-08", 40, 32, "");
    stalled = parts("ethereum", "2026-04-09", 20, 33, "r8");
    stalled.remove(
        stalled.stream().filter(p -> p.kind == BatchPart.Kind.RESULT).findFirst().orElseThrow());
    failing = parts("bitcoin", "2026-04-10", 15, 34, "r11");
    failing.stream().filter(p -> p.kind == BatchPart.Kind.RESULT).findFirst().orElseThrow().error =
        "scoring alert failed: boom";
    // the plan first: the deadline counts from it
    for (List<BatchPart> p : List.of(slow, stalled, failing)) {
      BatchPart plan = p.stream().filter(x -> x.kind == BatchPart.Kind.PLAN).findFirst().get();
      p.remove(plan);
      p.add(0, plan);
    }
    runs =
        List.of(slow, quick, stalled, failing).stream()
            .map(p -> p.get(0).batchId)
            .collect(Collectors.toSet());
    reference = script().run(1);
  }

  static KeyedOneInputStreamOperatorTestHarness<String, BatchPart, RunProgress> harness(
      int maxParallelism, int parallelism, int subtask) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new BatchFinishFunction(JobFixtures.CONFIG)),
        p -> p.batchId,
        Types.STRING,
        maxParallelism,
        parallelism,
        subtask);
  }

  static ScriptedRun<KeyedOneInputStreamOperatorTestHarness<String, BatchPart, RunProgress>>
      script() {
    var run =
        new ScriptedRun<KeyedOneInputStreamOperatorTestHarness<String, BatchPart, RunProgress>>(
            BatchFinishFunctionRestoreTest::harness,
            h ->
                RestoreFixtures.rendered(
                    h,
                    OutputTags.ALERT_RANKINGS,
                    OutputTags.CLUSTER_SCORES,
                    OutputTags.BATCH_METADATA),
            KeyedOneInputStreamOperatorTestHarness::numKeyedStateEntries);
    run.step(s -> s.setTime(START))
        .step(s -> feed(s, slow.subList(0, slow.size() / 2)))
        .step(s -> feed(s, quick.subList(0, quick.size() / 2)))
        .step(s -> feed(s, stalled))
        .step(s -> feed(s, failing.subList(0, failing.size() - 1)))
        // cut 0: four runs with part of their parts, three of them with their plan and deadline
        .cut()
        .step(s -> s.setTime(START + 1_000))
        .step(s -> feed(s, quick.subList(quick.size() / 2, quick.size())))
        .step(s -> feed(s, failing.subList(failing.size() - 1, failing.size())))
        .step(s -> s.setTime(START + 2_000))
        .step(s -> feed(s, slow.subList(slow.size() / 2, slow.size() - 1)))
        // cut 1: a run completed, one failed, two waiting, one of them still making progress
        .cut()
        // the stalled run fails; the slow one made progress since, its deadline is re-armed
        .step(s -> s.setTime(START + TIMEOUT))
        .step(s -> s.setTime(START + TIMEOUT + 1_000))
        .step(s -> feed(s, slow.subList(slow.size() - 1, slow.size())))
        .step(s -> s.setTime(START + 10 * TIMEOUT));
    return run;
  }

  static void feed(
      ScriptedRun.Subtasks<KeyedOneInputStreamOperatorTestHarness<String, BatchPart, RunProgress>>
          s,
      List<BatchPart> parts)
      throws Exception {
    for (BatchPart p : parts) {
      s.forKey(p.batchId).processElement(p, 0);
    }
  }

  @Test
  void theReferenceRunCompletesTwoRunsFailsTwoAndLeavesNothing() {
    List<String> out = reference.outputs();
    assertThat(RestoreFixtures.count(out, "main:", "status=COMPLETED")).isEqualTo(2);
    assertThat(RestoreFixtures.count(out, "batch-metadata:", "status=FAILED")).isEqualTo(2);
    assertThat(RestoreFixtures.count(out, "batch-metadata:", "made no progress")).isEqualTo(1);
    assertThat(RestoreFixtures.count(out, "batch-metadata:", "boom")).isEqualTo(1);
    assertThat(RestoreFixtures.count(out, "alert-rankings:", "")).isEqualTo(60 + 40);
    assertThat(runs.stream().map(r -> ScriptedRun.subtaskOf(r, 2)).collect(Collectors.toSet()))
        .as("a rescale moves runs between subtasks")
        .containsExactlyInAnyOrder(0, 1);
    assertNothingLeft(reference);
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
  void rescaledTwoToOneToTwoItContinuesExactlyAsTheUninterruptedRun() throws Exception {
    Outcome rescaled = script().run(2, 1, 2);
    rescaled.assertSameOutputsAs(reference, "rescaled 2 -> 1 -> 2");
    assertNothingLeft(rescaled);
  }

  @Test
  void rescaledOneToTwoToOneItContinuesExactlyAsTheUninterruptedRun() throws Exception {
    Outcome rescaled = script().run(1, 2, 1);
    rescaled.assertSameOutputsAs(reference, "rescaled 1 -> 2 -> 1");
    assertNothingLeft(rescaled);
  }

  /**
   * A run failed at its deadline whose last results still come (a close scored more slowly than the
   * timeout allows): the stragglers must not keep state for ever.
   */
  @Test
  void partsArrivingAfterTheDeadlineFailedTheirRunLeaveNoState() throws Exception {
    try (var h = harness(ScriptedRun.MAX_PARALLELISM, 1, 0)) {
      h.open();
      h.setProcessingTime(START);
      List<BatchPart> parts = stalled.subList(0, stalled.size() - 1);
      for (BatchPart p : parts) {
        h.processElement(p, 0);
      }
      h.setProcessingTime(START + TIMEOUT);
      assertThat(RestoreFixtures.side(h, OutputTags.BATCH_METADATA))
          .singleElement()
          .satisfies(m -> assertThat(m.errorMessage()).contains("made no progress"));
      assertThat(h.numKeyedStateEntries()).isZero();
      h.processElement(stalled.get(stalled.size() - 1), 0); // a straggler
      h.setProcessingTime(START + 100 * TIMEOUT);
      assertThat(h.numKeyedStateEntries()).as("state of a failed run").isZero();
    }
  }

  static void assertNothingLeft(Outcome outcome) {
    assertThat(outcome.stateEntries()).as("keyed state entries").isZero();
    assertThat(outcome.processingTimeTimers()).as("processing-time timers").isZero();
    assertThat(outcome.eventTimeTimers()).as("event-time timers").isZero();
  }
}
