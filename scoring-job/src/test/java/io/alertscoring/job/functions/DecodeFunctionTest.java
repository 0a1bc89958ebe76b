package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.output.DeadLetter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeFunctionTest {
  final SampleBatch batch =
      SampleBatchGenerator.generate(new BatchKey("bitcoin", "2026-02-01", 7), 3, 5);

  @Test
  void validRecordsPassAndBadOnesBecomeDeadLettersWithReasonAndOrigin() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, BatchEvent> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(Set.of()))) {
      harness.processElement(RawRecords.raw(batch.alerts().get(0), 10), 0);
      RawRecord broken = RawRecords.raw(RecordKind.ALERT, "{\"network\": \"bitcoin\",", 11);
      broken.partition = 3;
      harness.processElement(broken, 0);
      harness.processElement(new RawRecord(RecordKind.FEATURES, "sot.features", 0, 12, null), 0);

      List<BatchEvent> accepted = harness.extractOutputValues();
      assertThat(accepted)
          .singleElement()
          .satisfies(
              input -> {
                assertThat(input.batchId).isEqualTo("bitcoin/2026-02-01/7/");
                assertThat(input.recordId).isEqualTo(batch.alerts().get(0).alertId());
                assertThat(input.offset).isEqualTo(10);
                assertThat(input.alert.alertId()).isEqualTo(input.recordId);
              });
      assertThat(harness.getSideOutput(OutputTags.ADDRESS_RECORDS))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getValue().address).isEqualTo(batch.alerts().get(0).address());
                assertThat(r.getValue().alert).isNotNull();
              });
      List<DeadLetter> dead =
          harness.getSideOutput(OutputTags.DEAD_LETTERS).stream()
              .map(StreamRecord::getValue)
              .collect(Collectors.toList());
      assertThat(dead).hasSize(2);
      assertThat(dead.get(0).reason()).startsWith("malformed JSON");
      assertThat(dead.get(0).topic()).isEqualTo("sot.alerts");
      assertThat(dead.get(0).partition()).isEqualTo(3);
      assertThat(dead.get(0).offset()).isEqualTo(11);
      assertThat(dead.get(0).payload()).isEqualTo("{\"network\": \"bitcoin\",");
      assertThat(dead.get(1).reason()).contains("null value");
    }
  }

  @Test
  void rejectsNetworksOutsideTheAllowList() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, BatchEvent> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(Set.of("ethereum")))) {
      harness.processElement(RawRecords.raw(batch.alerts().get(0), 1), 0);
      assertThat(harness.extractOutputValues()).isEmpty();
      assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS).peek().getValue().reason())
          .contains("unknown network 'bitcoin'");
    }
  }

  @Test
  void theRunHeaderNamesTheRunAndABadOneIsADeadLetter() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, BatchEvent> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(Set.of()))) {
      RawRecord tagged = RawRecords.raw(batch.alerts().get(0), 1);
      tagged.runId = "r20261201T100000000Z-0a1b";
      harness.processElement(tagged, 0);
      RawRecord bad = RawRecords.raw(batch.alerts().get(1), 2);
      bad.runId = "run/with/slashes";
      harness.processElement(bad, 0);
      assertThat(harness.extractOutputValues())
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.batchId)
                      .isEqualTo("bitcoin/2026-02-01/7/r20261201T100000000Z-0a1b"));
      assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS).peek().getValue())
          .satisfies(
              d -> {
                assertThat(d.reason()).startsWith("run_id header").contains("'run/with/slashes'");
                assertThat(d.offset()).isEqualTo(2);
              });
    }
  }
}
