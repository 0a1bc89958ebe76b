package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.job.logic.Publications;
import io.alertscoring.job.model.RunProgress;
import io.alertscoring.job.testing.Canonical;
import io.alertscoring.job.testing.CollectingStore;
import io.alertscoring.job.testing.ScriptedRun;
import io.alertscoring.job.testing.ScriptedRun.Outcome;
import io.alertscoring.schemas.output.AlertRanking;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The store task keeps no state: every checkpoint flushes its buffer before the barrier, so a
 * snapshot holds nothing, the rows before it are stored (and acknowledged) exactly once, and only
 * what the source replays after a restore is written again — which the tables absorb and the
 * publication step, restored from the same checkpoint, counts once.
 */
class StoreRowsOperatorRestoreTest {
  static final int BATCH = 3;
  static final long INTERVAL = 200;

  static AlertRanking ranking(String run, int rank) {
    return StoreRowsOperatorTest.ranking(run, rank);
  }

  static OneInputStreamOperatorTestHarness<AlertRanking, RunProgress> harness(
      CollectingStore<AlertRanking> store, int maxParallelism, int parallelism, int subtask)
      throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new StoreRowsOperator<>(store, Publications::runKey, RunProgress.RANKINGS, BATCH, INTERVAL),
        maxParallelism,
        parallelism,
        subtask);
  }

  /** Acknowledged rows per run and table, over every acknowledgement. */
  static Map<String, Long> acknowledged(List<RunProgress> acks) {
    Map<String, Long> totals = new TreeMap<>();
    for (RunProgress p : acks) {
      totals.merge(p.runKey + "#" + p.table, p.stored, Long::sum);
    }
    return totals;
  }

  static List<String> rendered(List<AlertRanking> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(Canonical.of(r)));
    out.sort(null);
    return out;
  }

  @Test
  void aCheckpointStoresTheBufferedRowsBeforeItCompletesAndHoldsNoState() throws Exception {
    CollectingStore<AlertRanking> store = new CollectingStore<>();
    OperatorSubtaskState snapshot;
    List<RunProgress> acks = new ArrayList<>();
    try (var h = harness(store, ScriptedRun.MAX_PARALLELISM, 1, 0)) {
      h.open();
      h.setProcessingTime(0);
      h.processElement(ranking("r1", 1), 0);
      h.processElement(ranking("r2", 1), 0);
      assertThat(store.results()).as("buffered").isEmpty();
      assertThat(h.getProcessingTimeService().getNumActiveTimers()).as("flush timer").isOne();

      h.prepareSnapshotPreBarrier(1);
      snapshot = h.snapshot(1, 0);
      assertThat(store.results()).as("stored before the barrier").hasSize(2);
      assertThat(acknowledged(h.extractOutputValues()))
          .as("and acknowledged before it")
          .isEqualTo(Map.of("ethereum/2026-03-01/7/r1#1", 1L, "ethereum/2026-03-01/7/r2#1", 1L));
      assertThat(snapshot.hasState()).as("nothing left to put in the checkpoint").isFalse();
      acks.addAll(h.extractOutputValues());
    }
    try (var restored = harness(store, ScriptedRun.MAX_PARALLELISM, 1, 0)) {
      restored.setup();
      restored.initializeState(snapshot);
      restored.setProcessingTime(0);
      restored.open();
      restored.setProcessingTime(10 * INTERVAL);
      assertThat(store.results()).as("nothing written again after the restore").hasSize(2);
      assertThat(restored.extractOutputValues()).isEmpty();

      // a fresh instance arms its own flush timer
      restored.processElement(ranking("r1", 2), 0);
      restored.setProcessingTime(11 * INTERVAL);
      assertThat(store.results()).hasSize(3);
      restored.processElement(ranking("r1", 3), 0);
      restored.processElement(ranking("r1", 4), 0);
      restored.processElement(ranking("r2", 2), 0); // a full batch
      assertThat(store.results()).hasSize(6);
      restored.processElement(ranking("r2", 3), 0);
      restored.endInput();
      acks.addAll(restored.extractOutputValues());
    }
    CollectingStore<AlertRanking> once = new CollectingStore<>();
    List<RunProgress> onceAcks;
    try (var h = harness(once, ScriptedRun.MAX_PARALLELISM, 1, 0)) {
      h.open();
      h.setProcessingTime(0);
      for (AlertRanking r :
          List.of(
              ranking("r1", 1),
              ranking("r2", 1),
              ranking("r1", 2),
              ranking("r1", 3),
              ranking("r1", 4),
              ranking("r2", 2),
              ranking("r2", 3))) {
        h.processElement(r, 0);
      }
      h.endInput();
      onceAcks = h.extractOutputValues();
    }
    assertThat(rendered(store.results()))
        .as("each row stored exactly once, as without the checkpoint")
        .isEqualTo(rendered(once.results()))
        .doesNotHaveDuplicates();
    assertThat(acknowledged(acks)).isEqualTo(acknowledged(onceAcks));
  }

  @Test
  void afterAFailoverOnlyTheRowsTheSourceReplaysAreWrittenAgain() throws Exception {
    CollectingStore<AlertRanking> store = new CollectingStore<>();
    List<AlertRanking> beforeCheckpoint = List.of(ranking("r1", 1), ranking("r1", 2));
    List<AlertRanking> afterCheckpoint =
        List.of(ranking("r1", 3), ranking("r1", 4), ranking("r1", 5), ranking("r1", 6));
    OperatorSubtaskState snapshot;
    try (var h = harness(store, ScriptedRun.MAX_PARALLELISM, 1, 0)) {
      h.open();
      h.setProcessingTime(0);
      for (AlertRanking r : beforeCheckpoint) {
        h.processElement(r, 0);
      }
      h.prepareSnapshotPreBarrier(1);
      snapshot = h.snapshot(1, 0);
      for (AlertRanking r : afterCheckpoint) {
        h.processElement(r, 0); // one full batch stored, one row buffered: then the task fails
      }
      assertThat(store.results()).hasSize(5);
    }
    List<RunProgress> acksAfterRestore;
    try (var restored = harness(store, ScriptedRun.MAX_PARALLELISM, 1, 0)) {
      restored.initializeState(snapshot);
      restored.setProcessingTime(0);
      restored.open();
      for (AlertRanking r : afterCheckpoint) {
        restored.processElement(r, 0); // the source replays what followed the checkpoint
      }
      restored.endInput();
      acksAfterRestore = restored.extractOutputValues();
    }
    List<String> stored = new ArrayList<>(rendered(store.results()));
    for (AlertRanking r : beforeCheckpoint) {
      assertThat(stored).as("stored before the checkpoint, once").containsOnlyOnce(Canonical.of(r));
    }
    assertThat(acknowledged(acksAfterRestore))
        .as("the publication step's restored counts need only the replayed rows")
        .isEqualTo(Map.of("ethereum/2026-03-01/7/r1#1", 4L));
  }

  @Test
  void rescaledTwoToOneToTwoEveryRowIsStoredAndAcknowledgedOnce() throws Exception {
    List<AlertRanking> rows = new ArrayList<>();
    for (int rank = 1; rank <= 20; rank++) {
      rows.add(ranking("r" + (rank % 3), rank));
    }
    CollectingStore<AlertRanking> onceStore = new CollectingStore<>();
    Outcome once = script(onceStore, rows).run(1);
    CollectingStore<AlertRanking> rescaledStore = new CollectingStore<>();
    Outcome rescaled = script(rescaledStore, rows).run(2, 1, 2);
    assertThat(rendered(rescaledStore.results()))
        .isEqualTo(rendered(onceStore.results()))
        .hasSize(rows.size())
        .doesNotHaveDuplicates();
    assertThat(rescaled.outputs()).as("acknowledged rows per run").isEqualTo(once.outputs());
    assertThat(rescaled.snapshots()).noneMatch(OperatorSubtaskState::hasState);
    assertThat(rescaled.serviceTimers()).as("no flush timer left").isZero();
  }

  /** Rows to the subtasks in turn; a checkpoint after a third and after two thirds of them. */
  static ScriptedRun<OneInputStreamOperatorTestHarness<AlertRanking, RunProgress>> script(
      CollectingStore<AlertRanking> store, List<AlertRanking> rows) {
    var run =
        new ScriptedRun<OneInputStreamOperatorTestHarness<AlertRanking, RunProgress>>(
            (max, parallelism, subtask) -> harness(store, max, parallelism, subtask),
            // one line per run: the total its acknowledgements add up to
            h ->
                acknowledged(h.extractOutputValues()).entrySet().stream()
                    .flatMap(
                        e ->
                            java.util.stream.LongStream.range(0, e.getValue())
                                .mapToObj(i -> e.getKey()))
                    .toList(),
            h -> 0);
    run.step(s -> s.setTime(0));
    int third = rows.size() / 3;
    for (int i = 0; i < rows.size(); i++) {
      if (i == third || i == 2 * third) {
        run.cut();
      }
      int index = i;
      run.step(s -> s.get(index % s.parallelism()).processElement(rows.get(index), 0));
    }
    run.step(s -> s.setTime(INTERVAL)); // the last batches' interval
    return run;
  }
}
