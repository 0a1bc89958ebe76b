package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.job.model.RunProgress;
import io.alertscoring.job.testing.CollectingPublication;
import io.alertscoring.job.testing.CollectingSink;
import io.alertscoring.job.testing.CollectingStore;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.PublishedRun;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PublishRunFunctionTest {
  static final String RUN = "ethereum/2026-03-01/7/r1";

  final CollectingSink<BatchMetadata> metadata = new CollectingSink<>();
  final CollectingStore<PublishedRun> pointers = new CollectingStore<>();

  KeyedOneInputStreamOperatorTestHarness<String, RunProgress, PublishedRun> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            new PublishRunFunction(
                JobFixtures.CONFIG, new CollectingPublication(metadata, pointers))),
        p -> p.runKey,
        Types.STRING);
  }

  static BatchMetadata completed(long scores, long rankings, long clusters) {
    return new BatchMetadata(
        "ethereum",
        "2026-03-01",
        7,
        "r1",
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
  void publishesOnlyOnceEveryAnnouncedRowIsStoredThenClearsItsStateAndTimer() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processElement(RunProgress.stored(RUN, RunProgress.SCORES, 6), 0);
      h.processElement(RunProgress.completed(RUN, completed(10, 10, 2), 150), 0);
      h.processElement(RunProgress.stored(RUN, RunProgress.RANKINGS, 10), 0);
      h.processElement(RunProgress.stored(RUN, RunProgress.CLUSTERS, 2), 0);
      assertThat(pointers.results()).as("4 scores still unstored").isEmpty();
      assertThat(metadata.results()).isEmpty();
      snapshot = h.snapshot(1, 0);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement(RunProgress.stored(RUN, RunProgress.SCORES, 4), 0);
      assertThat(metadata.results())
          .extracting(BatchMetadata::status)
          .containsExactly(BatchStatus.COMPLETED);
      assertThat(pointers.results())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.runId()).isEqualTo("r1");
                assertThat(p.alertScores()).isEqualTo(10);
                // the publication order (batch-control published_at), not the close
                assertThat(p.version()).isEqualTo(1501);
                assertThat(p.closedAt()).isEqualTo(200);
              });
      assertThat(restored.extractOutputValues()).hasSize(1);
      assertThat(restored.numKeyedStateEntries()).isZero();
      assertThat(restored.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void aRunWithoutAllItsRowsIsNeverPublishedAndItsStateExpires() throws Exception {
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(0);
      h.processElement(RunProgress.stored(RUN, RunProgress.SCORES, 3), 0);
      h.processElement(RunProgress.completed(RUN, completed(10, 10, 0), 150), 0);
      h.setProcessingTime(3 * JobFixtures.CONFIG.batchTimeout().toMillis());
      assertThat(pointers.results()).isEmpty();
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void aRunStillStoringRowsIsNotDroppedAtTheExpiry() throws Exception {
    long expiry = 3 * JobFixtures.CONFIG.batchTimeout().toMillis();
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(0);
      h.processElement(RunProgress.stored(RUN, RunProgress.SCORES, 3), 0);
      h.setProcessingTime(expiry - 1);
      h.processElement(RunProgress.stored(RUN, RunProgress.SCORES, 3), 0);
      h.setProcessingTime(expiry + 1); // the first expiry passes: progress since, re-armed
      h.processElement(RunProgress.completed(RUN, completed(10, 0, 0), 150), 0);
      h.processElement(RunProgress.stored(RUN, RunProgress.SCORES, 4), 0);
      assertThat(pointers.results()).hasSize(1);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void anEmptyRunIsPublishedOnItsCompletedRow() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(RunProgress.completed(RUN, completed(0, 0, 0), 150), 0);
      assertThat(pointers.results()).hasSize(1);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }
}
