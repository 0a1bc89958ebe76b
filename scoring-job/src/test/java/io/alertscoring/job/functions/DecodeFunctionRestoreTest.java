package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.testing.Canonical;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.job.testing.ScriptedRun;
import io.alertscoring.job.testing.ScriptedRun.Outcome;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The decoder keeps no Flink state (its last valid run id is a cache): its snapshots are empty, and
 * restored — at any parallelism — it decodes, routes and dead-letters exactly as without a restore.
 */
class DecodeFunctionRestoreTest {
  static final SampleBatch BATCH =
      SampleBatchGenerator.generate(new BatchKey("bitcoin", "2026-04-11", 7), 20, 41);

  /** Its dead letters' detection time is the wall clock's. */
  static final Set<String> SKIPPED = skipped();

  static Set<String> skipped() {
    Set<String> s = new HashSet<>(Canonical.WALL_CLOCK_FIELDS);
    s.add("detectedAt");
    return Set.copyOf(s);
  }

  static List<RawRecord> records() {
    List<RawRecord> raw = new ArrayList<>();
    List<RawRecord> batch = RawRecords.rawBatch(BATCH);
    for (int i = 0; i < batch.size(); i++) {
      RawRecord r = batch.get(i);
      // two publications interleaved, so the cached run id changes, and a few bad records
      r.runId = i % 2 == 0 ? "r1" : "r2";
      raw.add(r);
      if (i % 10 == 5) {
        raw.add(RawRecords.raw(RecordKind.ALERT, "{\"network\": \"bitcoin\",", 1000 + i));
        RawRecord badRun = RawRecords.raw(BATCH.alerts().get(0), 2000 + i);
        badRun.runId = "run/with/slashes";
        raw.add(badRun);
      }
    }
    return raw;
  }

  static OneInputStreamOperatorTestHarness<RawRecord, BatchEvent> harness(
      int maxParallelism, int parallelism, int subtask) throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new ProcessOperator<>(new DecodeFunction(Set.of())), maxParallelism, parallelism, subtask);
  }

  static ScriptedRun<OneInputStreamOperatorTestHarness<RawRecord, BatchEvent>> script() {
    List<RawRecord> raw = records();
    var run =
        new ScriptedRun<OneInputStreamOperatorTestHarness<RawRecord, BatchEvent>>(
            DecodeFunctionRestoreTest::harness,
            h -> {
              List<String> out = new ArrayList<>();
              h.extractOutputValues().forEach(e -> out.add("main:" + Canonical.of(e, SKIPPED)));
              for (var tag : List.of(OutputTags.ADDRESS_RECORDS, OutputTags.DEAD_LETTERS)) {
                for (Object v : RestoreFixtures.side(h, tag)) {
                  out.add(tag.getId() + ":" + Canonical.of(v, SKIPPED));
                }
              }
              return out;
            },
            h -> 0);
    run.step(s -> s.setTime(0));
    for (int i = 0; i < raw.size(); i++) {
      if (i == raw.size() / 3 || i == 2 * raw.size() / 3) {
        run.cut();
      }
      int index = i;
      run.step(s -> s.get(index % s.parallelism()).processElement(raw.get(index), 0));
    }
    return run;
  }

  @Test
  void restoredAtAnyParallelismItDecodesExactlyAsWithoutARestoreFromEmptySnapshots()
      throws Exception {
    Outcome once = script().run(1);
    long bad = records().stream().filter(r -> r.offset >= 1000).count();
    assertThat(RestoreFixtures.count(once.outputs(), "dead-letters:", "")).isEqualTo(bad);
    assertThat(RestoreFixtures.count(once.outputs(), "main:", ""))
        .isEqualTo(records().size() - bad);
    for (int[] parallelisms : new int[][] {{1, 1, 1}, {2, 1, 2}, {1, 2, 1}}) {
      Outcome restored = script().run(parallelisms);
      restored.assertSameOutputsAs(once, "restored at parallelisms " + List.of(parallelisms));
      assertThat(restored.snapshots()).hasSize(2).noneMatch(OperatorSubtaskState::hasState);
    }
  }
}
