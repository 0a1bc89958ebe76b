package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.job.model.RunProgress;
import io.alertscoring.job.testing.Canonical;
import io.alertscoring.job.testing.CollectingPublication;
import io.alertscoring.job.testing.CollectingSink;
import io.alertscoring.job.testing.CollectingStore;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.ScriptedRun;
import io.alertscoring.job.testing.ScriptedRun.Outcome;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.PublishedRun;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The publication step (keyed by run) checkpointed and restored into a fresh operator while runs
 * hold partial acknowledgements, a COMPLETED row waiting for rows, and expiry timers, at the same
 * parallelism and rescaled 2 → 1 → 2 and 1 → 2 → 1: the runs published (harness output and the
 * publisher's writes), each once, and the run that expires are exactly those of an uninterrupted
 * run, and at the end no state or timer is left.
 */
class PublishRunFunctionRestoreTest {
  static final long START = 1_000;
  static final long EXPIRY = 3 * JobFixtures.CONFIG.batchTimeout().toMillis();

  /** Published after both cuts. */
  static final String SPLIT = "ethereum/2026-03-01/7/r1";

  /** Published before the first cut. */
  static final String EARLY = "ethereum/2026-03-01/7/r2";

  /** Its COMPLETED row never comes: expires. */
  static final String ORPHAN = "ethereum/2026-03-01/7/r3";

  /** COMPLETED before the cuts, rows after them, past its first expiry. */
  static final String SLOW = "ethereum/2026-03-01/7/r4";

  static KeyedOneInputStreamOperatorTestHarness<String, RunProgress, PublishedRun> harness(
      CollectingPublication publication, int maxParallelism, int parallelism, int subtask)
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new PublishRunFunction(JobFixtures.CONFIG, publication)),
        p -> p.runKey,
        Types.STRING,
        maxParallelism,
        parallelism,
        subtask);
  }

  /** A script and where its publisher writes (one per run of the script). */
  record Script(
      ScriptedRun<KeyedOneInputStreamOperatorTestHarness<String, RunProgress, PublishedRun>> run,
      CollectingSink<BatchMetadata> metadata,
      CollectingStore<PublishedRun> pointers) {

    /** Runs the script uninterrupted, or restored at every cut (see {@link ScriptedRun#run}). */
    List<String> run(int... parallelisms) throws Exception {
      return rendered(run.run(parallelisms));
    }

    List<String> run(int[] restoreAtCuts, int[] parallelisms) throws Exception {
      return rendered(run.run(restoreAtCuts, parallelisms));
    }

    /**
     * The harnesses' outputs and the publisher's writes, rendered and sorted, once the run is
     * checked to have left no state and no timer.
     */
    private List<String> rendered(Outcome outcome) {
      assertNothingLeft(outcome);
      return Stream.of(
              outcome.outputs().stream(),
              metadata.results().stream().map(m -> "published-metadata:" + Canonical.of(m)),
              pointers.results().stream().map(p -> "published-pointer:" + Canonical.of(p)))
          .flatMap(x -> x)
          .sorted()
          .collect(Collectors.toList());
    }
  }

  static Script script() {
    CollectingSink<BatchMetadata> metadata = new CollectingSink<>();
    CollectingStore<PublishedRun> pointers = new CollectingStore<>();
    CollectingPublication publication = new CollectingPublication(metadata, pointers);
    var run =
        new ScriptedRun<KeyedOneInputStreamOperatorTestHarness<String, RunProgress, PublishedRun>>(
            (max, parallelism, subtask) -> harness(publication, max, parallelism, subtask),
            h -> RestoreFixtures.rendered(h),
            KeyedOneInputStreamOperatorTestHarness::numKeyedStateEntries);
    run.step(s -> s.setTime(START))
        .step(
            s ->
                feed(
                    s,
                    RunProgress.completed(EARLY, completed(EARLY, 3, 3, 1), 110),
                    RunProgress.stored(EARLY, RunProgress.SCORES, 3),
                    RunProgress.stored(EARLY, RunProgress.RANKINGS, 3),
                    RunProgress.stored(EARLY, RunProgress.CLUSTERS, 1),
                    RunProgress.stored(SPLIT, RunProgress.SCORES, 4),
                    RunProgress.completed(SPLIT, completed(SPLIT, 10, 10, 2), 150),
                    RunProgress.stored(SPLIT, RunProgress.RANKINGS, 10),
                    RunProgress.stored(ORPHAN, RunProgress.SCORES, 5),
                    RunProgress.completed(SLOW, completed(SLOW, 6, 6, 0), 170)))
        // cut 0: three runs waiting (acknowledgements, COMPLETED rows), with expiry timers
        .cut()
        .step(s -> s.setTime(START + EXPIRY - 1_000))
        .step(
            s ->
                feed(
                    s,
                    RunProgress.stored(SLOW, RunProgress.SCORES, 6),
                    RunProgress.stored(SPLIT, RunProgress.CLUSTERS, 2)))
        // cut 1: the same runs, two of them having made progress since their first row
        .cut()
        // the orphan expires; the others made progress since, their expiry is re-armed
        .step(s -> s.setTime(START + EXPIRY))
        .step(s -> feed(s, RunProgress.stored(SPLIT, RunProgress.SCORES, 6)))
        .step(s -> s.setTime(START + EXPIRY + 1_000))
        .step(s -> feed(s, RunProgress.stored(SLOW, RunProgress.RANKINGS, 6)))
        .step(s -> s.setTime(START + 10 * EXPIRY));
    return new Script(run, metadata, pointers);
  }

  static void feed(
      ScriptedRun.Subtasks<
              KeyedOneInputStreamOperatorTestHarness<String, RunProgress, PublishedRun>>
          s,
      RunProgress... progress)
      throws Exception {
    for (RunProgress p : progress) {
      s.forKey(p.runKey).processElement(p, 0);
    }
  }

  static BatchMetadata completed(String runKey, long scores, long rankings, long clusters) {
    return new BatchMetadata(
        "ethereum",
        "2026-03-01",
        7,
        runKey.substring(runKey.lastIndexOf('/') + 1),
        BatchStatus.COMPLETED,
        scores,
        0,
        clusters,
        0,
        scores,
        0,
        clusters,
        0,
        scores,
        rankings,
        clusters,
        1,
        1,
        1,
        1,
        1,
        5,
        "models",
        "",
        100,
        200,
        2001);
  }

  @Test
  void theReferenceRunPublishesThreeRunsOnceAndExpiresTheOrphan() throws Exception {
    List<String> out = script().run(1);
    assertThat(RestoreFixtures.count(out, "main:", "PublishedRun(")).isEqualTo(3);
    assertThat(RestoreFixtures.count(out, "published-pointer:", "PublishedRun(")).isEqualTo(3);
    assertThat(RestoreFixtures.count(out, "published-metadata:", "status=COMPLETED")).isEqualTo(3);
    assertThat(RestoreFixtures.count(out, "", "runId=\"r3\"")).isZero();
    assertThat(
            Stream.of(SPLIT, EARLY, ORPHAN, SLOW)
                .map(r -> ScriptedRun.subtaskOf(r, 2))
                .collect(Collectors.toSet()))
        .as("a rescale moves runs between subtasks")
        .containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void aRestoreAtEachCutContinuesExactlyAsTheUninterruptedRun() throws Exception {
    List<String> reference = script().run(1);
    for (int cut = 0; cut < 2; cut++) {
      assertThat(script().run(new int[] {cut}, new int[] {1, 1}))
          .as("restored at cut %d", cut)
          .isEqualTo(reference);
    }
  }

  @Test
  void rescaledTwoToOneToTwoItContinuesExactlyAsTheUninterruptedRun() throws Exception {
    assertThat(script().run(2, 1, 2)).isEqualTo(script().run(1));
  }

  @Test
  void rescaledOneToTwoToOneItContinuesExactlyAsTheUninterruptedRun() throws Exception {
    assertThat(script().run(1, 2, 1)).isEqualTo(script().run(1));
  }

  static void assertNothingLeft(Outcome outcome) {
    assertThat(outcome.stateEntries()).as("keyed state entries").isZero();
    assertThat(outcome.processingTimeTimers()).as("processing-time timers").isZero();
    assertThat(outcome.eventTimeTimers()).as("event-time timers").isZero();
  }
}
