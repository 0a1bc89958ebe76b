package io.alertscoring.job.functions;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.testing.Canonical;
import io.alertscoring.job.testing.JobFixtures;
import io.alertscoring.job.testing.RawRecords;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** Inputs and output readers shared by the snapshot-and-restore tests of the job's operators. */
final class RestoreFixtures {
  private RestoreFixtures() {}

  /** The decoder's outputs for every record of {@code batch} tagged with {@code runId}. */
  static JobFixtures.Decoded decoded(SampleBatch batch, String runId) throws Exception {
    List<RawRecord> raw = RawRecords.rawBatch(batch);
    raw.forEach(r -> r.runId = runId);
    return JobFixtures.decode(raw);
  }

  /** What the coordinator emits for a whole batch: its parts (main output) and its contexts. */
  record Close(List<BatchPart> parts, List<AlertContext> contexts) {}

  static Close close(List<BatchEvent> events) throws Exception {
    try (var coordinator = BatchCoordinatorFunctionTest.harness()) {
      coordinator.open();
      coordinator.setProcessingTime(10);
      for (BatchEvent e : events) {
        coordinator.processElement(e, 0);
      }
      BatchCoordinatorFunctionTest.runTimers(coordinator);
      return new Close(
          new ArrayList<>(coordinator.extractOutputValues()),
          side(coordinator, OutputTags.ALERT_CONTEXTS));
    }
  }

  /**
   * Every part the finishing step receives for a batch: the coordinator's plan and clusters and the
   * address join's results (its final path, scored as the job scores it).
   */
  static List<BatchPart> finishingParts(JobFixtures.Decoded decoded) throws Exception {
    Close close = close(decoded.events());
    List<BatchPart> parts = new ArrayList<>(close.parts());
    try (var scorer = AlertScoringFunctionTest.harness()) {
      scorer.open();
      for (AddressRecord r : decoded.addressRecords()) {
        scorer.processElement1(r, 0);
      }
      for (AlertContext c : close.contexts()) {
        scorer.processElement2(c, 0);
      }
      parts.addAll(side(scorer, OutputTags.BATCH_PARTS));
    }
    return parts;
  }

  /** The values of a side output so far (the harness keeps them). */
  static <T> List<T> side(AbstractStreamOperatorTestHarness<?> h, OutputTag<T> tag) {
    List<T> values = new ArrayList<>();
    var queue = h.getSideOutput(tag);
    if (queue != null) {
      for (StreamRecord<T> r : queue) {
        values.add(r.getValue());
      }
    }
    return values;
  }

  /** The main output and the given side outputs, each value rendered with its output's name. */
  static List<String> rendered(AbstractStreamOperatorTestHarness<?> h, OutputTag<?>... tags) {
    List<String> out = new ArrayList<>();
    for (Object v : h.extractOutputValues()) {
      out.add("main:" + Canonical.of(v));
    }
    for (OutputTag<?> tag : tags) {
      for (Object v : side(h, tag)) {
        out.add(tag.getId() + ":" + Canonical.of(v));
      }
    }
    return out;
  }

  /** How many rendered outputs of a segment start with {@code prefix} and contain {@code part}. */
  static long count(List<String> outputs, String prefix, String part) {
    return outputs.stream().filter(o -> o.startsWith(prefix) && o.contains(part)).count();
  }
}
