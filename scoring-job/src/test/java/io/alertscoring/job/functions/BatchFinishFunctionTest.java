package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.model.RunProgress;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BatchFinishFunctionTest {
  static final BatchKey KEY = new BatchKey("ethereum", "2026-03-03", 7);
  final SampleBatch batch = SampleBatchGenerator.generate(KEY, 150, 9);

  static KeyedOneInputStreamOperatorTestHarness<String, BatchPart, RunProgress> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new BatchFinishFunction(JobFixtures.CONFIG)),
        p -> p.batchId,
        Types.STRING);
  }

  /** Every part the finishing step receives for the batch: coordinator's and scorers'. */
  private List<BatchPart> parts() throws Exception {
    JobFixtures.Decoded decoded = JobFixtures.decode(RawRecords.rawBatch(batch));
    List<BatchPart> parts = new ArrayList<>();
    List<AlertContext> contexts = new ArrayList<>();
    try (var coordinator = BatchCoordinatorFunctionTest.harness()) {
      coordinator.open();
      for (BatchEvent e : decoded.events()) {
        coordinator.processElement(e, 0);
      }
      BatchCoordinatorFunctionTest.runTimers(coordinator);
      parts.addAll(coordinator.extractOutputValues());
      for (StreamRecord<AlertContext> r : coordinator.getSideOutput(OutputTags.ALERT_CONTEXTS)) {
        contexts.add(r.getValue());
      }
    }
    try (var scorer = AlertScoringFunctionTest.harness()) {
      scorer.open();
      for (AddressRecord r : decoded.addressRecords()) {
        scorer.processElement1(r, 0);
      }
      for (AlertContext c : contexts) {
        scorer.processElement2(c, 0);
      }
      for (StreamRecord<BatchPart> r : scorer.getSideOutput(OutputTags.BATCH_PARTS)) {
        parts.add(r.getValue());
      }
    }
    return parts;
  }

  @Test
  void partsInAnyOrderAcrossARestoreRankAndScoreClustersAsTheReference() throws Exception {
    List<BatchPart> parts = parts();
    Collections.shuffle(parts, new Random(4));
    int half = parts.size() / 2;
    OperatorSubtaskState snapshot;
    List<BatchMetadata> metadata = new ArrayList<>();
    List<AlertRanking> rankings = new ArrayList<>();
    List<ClusterScore> clusters = new ArrayList<>();
    try (var first = harness()) {
      first.open();
      for (BatchPart p : parts.subList(0, half)) {
        first.processElement(p, 0);
      }
      assertThat(first.extractOutputValues()).isEmpty();
      snapshot = first.snapshot(1, 0);
    }
    try (var restored = harness()) {
      restored.setup();
      restored.initializeState(snapshot);
      restored.open();
      for (BatchPart p : parts.subList(half, parts.size())) {
        restored.processElement(p, 0);
      }
      restored.extractOutputValues().forEach(p -> metadata.add(p.completed));
      restored.getSideOutput(OutputTags.ALERT_RANKINGS).forEach(r -> rankings.add(r.getValue()));
      restored.getSideOutput(OutputTags.CLUSTER_SCORES).forEach(r -> clusters.add(r.getValue()));
      assertThat(restored.numKeyedStateEntries()).isZero();
    }
    BatchScoringResult reference = JobFixtures.reference(batch);
    assertThat(metadata)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo(BatchStatus.COMPLETED);
              assertThat(m.alertScoresWritten()).isEqualTo(batch.alerts().size());
              assertThat(m.rankingsWritten()).isEqualTo(batch.alerts().size());
              assertThat(m.clusterScoresWritten()).isEqualTo(batch.clusters().size());
            });
    assertThat(ranks(rankings)).isEqualTo(ranks(reference.rankings()));
    assertThat(clusterValues(clusters)).isEqualTo(clusterValues(reference.clusterScores()));
  }

  @Test
  void aScoringErrorFailsTheBatchWithTheReason() throws Exception {
    List<BatchPart> parts = parts();
    BatchPart result =
        parts.stream().filter(p -> p.kind == BatchPart.Kind.RESULT).findFirst().orElseThrow();
    result.error = "scoring alert " + result.alertId + " failed: boom";
    try (var h = harness()) {
      h.open();
      for (BatchPart p : parts) {
        h.processElement(p, 0);
      }
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(failedRows(h))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.status()).isEqualTo(BatchStatus.FAILED);
                assertThat(m.errorMessage()).contains("boom");
              });
      assertThat(h.getSideOutput(OutputTags.ALERT_RANKINGS)).isNull();
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void aBatchWhoseAlertsAreNotAllScoredFailsAtTheDeadlineWithTheShortfall() throws Exception {
    List<BatchPart> parts = new ArrayList<>(parts());
    BatchPart missing =
        parts.stream().filter(p -> p.kind == BatchPart.Kind.RESULT).findFirst().orElseThrow();
    parts.remove(missing);
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(0);
      for (BatchPart p : parts) {
        h.processElement(p, 0);
      }
      assertThat(h.extractOutputValues()).isEmpty();
      h.setProcessingTime(JobFixtures.CONFIG.batchTimeout().toMillis());
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(failedRows(h))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.status()).isEqualTo(BatchStatus.FAILED);
                assertThat(m.errorMessage())
                    .contains((batch.alerts().size() - 1) + "/" + batch.alerts().size());
              });
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void aSlowCloseThatKeepsScoringIsNotFailedAtTheTimeout() throws Exception {
    List<BatchPart> parts = new ArrayList<>(parts());
    List<BatchPart> results = parts.stream().filter(p -> p.kind == BatchPart.Kind.RESULT).toList();
    BatchPart late = results.get(results.size() - 1);
    BatchPart later = results.get(results.size() - 2);
    parts.remove(late);
    parts.remove(later);
    long timeout = JobFixtures.CONFIG.batchTimeout().toMillis();
    try (var h = harness()) {
      h.open();
      h.setProcessingTime(0);
      for (BatchPart p : parts) {
        h.processElement(p, 0);
      }
      h.setProcessingTime(timeout * 9 / 10);
      h.processElement(later, 0); // progress just before the deadline
      h.setProcessingTime(timeout * 3 / 2); // past the first deadline: re-armed, not failed
      assertThat(failedRows(h)).isEmpty();
      h.processElement(late, 0);
      assertThat(h.extractOutputValues())
          .singleElement()
          .satisfies(p -> assertThat(p.completed.status()).isEqualTo(BatchStatus.COMPLETED));
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  /** FAILED rows go to the metadata side output; the main output is for COMPLETED rows. */
  private static List<BatchMetadata> failedRows(
      KeyedOneInputStreamOperatorTestHarness<String, BatchPart, RunProgress> h) {
    List<BatchMetadata> rows = new ArrayList<>();
    if (h.getSideOutput(OutputTags.BATCH_METADATA) != null) {
      h.getSideOutput(OutputTags.BATCH_METADATA).forEach(r -> rows.add(r.getValue()));
    }
    return rows;
  }

  private static Map<Integer, String> ranks(List<AlertRanking> rankings) {
    return rankings.stream()
        .collect(
            Collectors.toMap(
                AlertRanking::rank,
                r -> r.alertId() + "|" + Double.doubleToRawLongBits(r.rankerScore())));
  }

  private static Map<String, String> clusterValues(List<ClusterScore> clusters) {
    return clusters.stream()
        .collect(
            Collectors.toMap(
                ClusterScore::clusterId,
                c -> Double.doubleToRawLongBits(c.score()) + "|" + c.priority()));
  }
}
