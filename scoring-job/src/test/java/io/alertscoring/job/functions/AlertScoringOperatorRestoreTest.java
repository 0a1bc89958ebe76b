package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.ScriptedRun;
import io.alertscoring.job.testing.ScriptedRun.Outcome;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.output.AlertScore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The address join as the job runs it ({@link AlertScoringOperator}, final path deferred to
 * slices), checkpointed and restored into a fresh operator while addresses hold alerts and features
 * with live deadlines pending, and while closed batches' contexts wait — queued, or for records
 * still to come — at the same parallelism and rescaled 2 → 1 → 2 and 1 → 2 → 1: the live rows,
 * final scores and results are exactly those of an uninterrupted run, and at the end no key, timer
 * or queued key is left.
 */
class AlertScoringOperatorRestoreTest {
  static final SampleBatch TAGGED =
      SampleBatchGenerator.generate(new BatchKey("bitcoin", "2026-04-05", 7), 80, 21);
  static final SampleBatch UNTAGGED =
      SampleBatchGenerator.generate(new BatchKey("ethereum", "2026-04-06", 7), 30, 22);

  static final long START = 1_000;
  static final long WAIT = JobFixtures.CONFIG.liveFeatureWait().toMillis();
  static final long CLOSE = START + WAIT + 1_000;

  /** The safety timer of a key that never gets a context (see {@code AlertScoringFunction}). */
  static final long CLEANUP =
      2 * JobFixtures.CONFIG.batchTimeout().toMillis()
          + JobFixtures.CONFIG.closedBatchRetention().toMillis();

  static List<AddressRecord> early;
  static List<AddressRecord> late;
  static List<AlertContext> contexts;
  static int alerts;
  static Outcome reference;

  @BeforeAll
  static void inputs() throws Exception {
    List<AddressRecord> records = new ArrayList<>();
    contexts = new ArrayList<>();
    for (var batch : List.of(TAGGED, UNTAGGED)) {
      var decoded = RestoreFixtures.decoded(batch, batch == TAGGED ? "r5" : "");
      records.addAll(decoded.addressRecords());
      contexts.addAll(RestoreFixtures.close(decoded.events()).contexts());
      alerts += batch.alerts().size();
    }
    Collections.shuffle(records, new Random(5));
    Collections.shuffle(contexts, new Random(6));
    early = records.subList(0, records.size() * 2 / 5);
    late = records.subList(records.size() * 2 / 5, records.size());
    reference = script().run(1);
  }

  static KeyedTwoInputStreamOperatorTestHarness<String, AddressRecord, AlertContext, AlertScore>
      harness(int maxParallelism, int parallelism, int subtask) throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new AlertScoringOperator(
            new AlertScoringFunction(JobFixtures.CONFIG), JobFixtures.CONFIG.finalScoringShare()),
        AddressRecord::addressKey,
        AlertContext::addressKey,
        Types.STRING,
        maxParallelism,
        parallelism,
        subtask);
  }

  static ScriptedRun<
          KeyedTwoInputStreamOperatorTestHarness<String, AddressRecord, AlertContext, AlertScore>>
      script() {
    var run =
        new ScriptedRun<
            KeyedTwoInputStreamOperatorTestHarness<
                String, AddressRecord, AlertContext, AlertScore>>(
            AlertScoringOperatorRestoreTest::harness,
            h -> RestoreFixtures.rendered(h, OutputTags.BATCH_PARTS, OutputTags.LIVE_SCORES),
            KeyedTwoInputStreamOperatorTestHarness::numKeyedStateEntries);
    run.step(s -> s.setTime(START))
        .step(
            s -> {
              for (AddressRecord r : early) {
                s.forKey(r.addressKey()).processElement1(r, 0);
              }
            })
        // cut 0: alerts and features held, live deadlines and safety timers set
        .cut()
        // the alerts still without features are live-scored without them
        .step(s -> s.setTime(START + WAIT + 500))
        .step(s -> s.setTime(CLOSE))
        .step(
            s -> {
              for (AlertContext c : contexts) {
                s.forKey(c.addressKey()).processElement2(c, 0);
              }
            })
        .step(
            s ->
                assertThat(queued(s))
                    .as("contexts stored and queued, none scored on arrival")
                    .isPositive())
        // cut 1: queued keys, and contexts waiting for records still to come
        .cut()
        .step(
            s -> {
              for (AddressRecord r : late) {
                s.forKey(r.addressKey()).processElement1(r, 0);
              }
            })
        .step(s -> s.tickTo(CLOSE + 2_000)) // the slices
        .step(s -> assertThat(queued(s)).as("every queued key scored").isZero())
        // keys that never get a context (features after their address's release) expire
        .step(s -> s.setTime(CLOSE + CLEANUP + 1));
    return run;
  }

  static int queued(
      ScriptedRun.Subtasks<
              KeyedTwoInputStreamOperatorTestHarness<
                  String, AddressRecord, AlertContext, AlertScore>>
          s) {
    return s.all().stream()
        .mapToInt(h -> ((AlertScoringOperator) h.getOperator()).queuedKeys())
        .sum();
  }

  @Test
  void theReferenceRunScoresEveryAlertLiveAndFinallyAndLeavesNothing() {
    List<String> out = reference.outputs();
    assertThat(RestoreFixtures.count(out, "main:", "AlertScore(")).isEqualTo(alerts);
    assertThat(RestoreFixtures.count(out, "batch-parts:", "kind=RESULT")).isEqualTo(alerts);
    assertThat(RestoreFixtures.count(out, "batch-parts:", "error=null")).isEqualTo(alerts);
    assertThat(RestoreFixtures.count(out, "live-scores:", "featuresMissing=true"))
        .as("alerts waiting for features past the deadline")
        .isPositive();
    assertThat(RestoreFixtures.count(out, "live-scores:", "featuresMissing=false")).isPositive();
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
  void theRestoredTimersFireAndTheRestoredQueueIsScored() throws Exception {
    Outcome restored = script().run(1, 1, 1);
    List<List<String>> segments = restored.outputsBySegment();
    assertThat(RestoreFixtures.count(segments.get(1), "live-scores:", "featuresMissing=true"))
        .as("live deadlines restored from cut 0 fire after it")
        .isPositive();
    assertThat(RestoreFixtures.count(segments.get(1), "main:", "AlertScore("))
        .as("contexts are only stored on arrival")
        .isZero();
    assertThat(RestoreFixtures.count(segments.get(2), "main:", "AlertScore("))
        .as("the queue rebuilt at cut 1 is scored after it")
        .isEqualTo(alerts);
    restored.assertSameOutputsAs(reference, "restored at both cuts");
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

  static void assertNothingLeft(Outcome outcome) {
    assertThat(outcome.stateEntries()).as("keyed state entries").isZero();
    assertThat(outcome.processingTimeTimers()).as("processing-time timers").isZero();
    assertThat(outcome.eventTimeTimers()).as("event-time timers").isZero();
  }
}
