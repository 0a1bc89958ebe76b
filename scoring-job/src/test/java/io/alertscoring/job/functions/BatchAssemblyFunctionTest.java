package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.model.BatchInput;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.DeadLetter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchAssemblyFunctionTest {
  static final BatchKey KEY = new BatchKey("ethereum", "2026-01-15", 7);
  static final JobConfig CONFIG =
      JobConfig.defaults(Path.of("..", "trained_models").toAbsolutePath().toString())
          .withBatchTimeout(Duration.ofSeconds(60))
          .withClosedBatchRetention(Duration.ofSeconds(5));

  final SampleBatch batch = SampleBatchGenerator.generate(KEY, 20, 1);
  KeyedOneInputStreamOperatorTestHarness<String, BatchInput, BatchMetadata> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new BatchAssemblyFunction(CONFIG), input -> input.batchId, Types.STRING);
    harness.setProcessingTime(1_000);
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void send(SotRecord record) throws Exception {
    harness.processElement(RawRecords.input(record), 0L);
  }

  private List<BatchMetadata> metadata() {
    return harness.extractOutputValues();
  }

  private <T> List<T> side(org.apache.flink.util.OutputTag<T> tag) {
    var queue = harness.getSideOutput(tag);
    return queue == null
        ? List.of()
        : queue.stream().map(StreamRecord::getValue).collect(Collectors.toList());
  }

  @Test
  void closesWhenTheControlRecordArrivesFirstAndTheCountsAreMetThenClearsEverything()
      throws Exception {
    send(batch.control());
    assertThat(metadata())
        .extracting(BatchMetadata::status)
        .containsExactly(BatchStatus.PROCESSING);
    for (SotRecord record : batch.dataRecords()) {
      assertThat(side(OutputTags.ALERT_SCORES)).isEmpty();
      send(record);
    }
    List<BatchMetadata> rows = metadata();
    assertThat(rows)
        .extracting(BatchMetadata::status)
        .containsExactly(BatchStatus.PROCESSING, BatchStatus.COMPLETED);
    BatchMetadata completed = rows.get(1);
    assertThat(completed.alertsReceived()).isEqualTo(20).isEqualTo(completed.alertsExpected());
    assertThat(completed.alertScoresWritten()).isEqualTo(20);
    assertThat(completed.version()).isGreaterThan(rows.get(0).version());
    assertThat(side(OutputTags.ALERT_SCORES)).hasSize(20);
    assertThat(side(OutputTags.ALERT_RANKINGS)).hasSize(20);
    assertThat(side(OutputTags.CLUSTER_SCORES)).hasSize(batch.clusters().size());

    // Only the closed marker and its retention timer remain; both go after the retention period.
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    harness.setProcessingTime(1_000 + 5_000);
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void duplicateDeliveriesCountOnceAndDoNotChangeScores() throws Exception {
    for (SotRecord record : batch.dataRecords().subList(0, 10)) {
      send(record);
      send(record);
    }
    for (SotRecord record : batch.dataRecords().subList(10, batch.dataRecords().size())) {
      send(record);
    }
    send(batch.control());
    BatchMetadata completed = metadata().get(1);
    assertThat(completed.status()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(completed.alertsReceived()).isEqualTo(20);
    assertThat(completed.errorMessage()).isEmpty();
  }

  @Test
  void lateRecordsOfAClosedBatchAreDeadLetteredAndAReplayAfterRetentionStartsANewRun()
      throws Exception {
    batch.dataRecords().forEach(this::sendUnchecked);
    send(batch.control());
    send(batch.alerts().get(0));
    List<DeadLetter> dead = side(OutputTags.DEAD_LETTERS);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).reason()).contains("already closed");
    assertThat(dead.get(0).batchId()).isEqualTo(KEY.id());

    harness.setProcessingTime(10_000);
    batch.dataRecords().forEach(this::sendUnchecked);
    send(batch.control());
    assertThat(metadata())
        .extracting(BatchMetadata::status)
        .containsExactly(
            BatchStatus.PROCESSING,
            BatchStatus.COMPLETED,
            BatchStatus.PROCESSING,
            BatchStatus.COMPLETED);
    List<AlertScore> scores = side(OutputTags.ALERT_SCORES);
    assertThat(scores).hasSize(40);
    // Same input, same scores; the replay's rows carry a higher version.
    assertThat(scores.get(20).score()).isEqualTo(scores.get(0).score());
    assertThat(scores.get(20).version()).isGreaterThan(scores.get(0).version());
  }

  @Test
  void aBatchWhoseCountsAreNeverMetFailsAtTheTimeoutWithTheShortfall() throws Exception {
    batch.dataRecords().subList(0, 5).forEach(this::sendUnchecked);
    send(batch.control());
    harness.setProcessingTime(1_000 + 60_000);
    List<BatchMetadata> rows = metadata();
    assertThat(rows)
        .extracting(BatchMetadata::status)
        .containsExactly(BatchStatus.PROCESSING, BatchStatus.FAILED);
    assertThat(rows.get(1).errorMessage())
        .startsWith("timed out after 60000 ms: received alerts 2/20");
    assertThat(side(OutputTags.ALERT_SCORES)).isEmpty();
    harness.setProcessingTime(1_000 + 60_000 + 5_000);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aConflictingSecondControlRecordIsDeadLettered() throws Exception {
    send(batch.control());
    var other =
        new io.alertscoring.schemas.input.BatchControl(
            KEY.network(), KEY.processingDate(), KEY.windowDays(), 1, 1, 1, 1, 5);
    send(other);
    assertThat(side(OutputTags.DEAD_LETTERS))
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).contains("different batch-control record"));
  }

  private void sendUnchecked(SotRecord record) {
    try {
      send(record);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
