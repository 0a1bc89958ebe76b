package io.alertscoring.job.testing;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.functions.DecodeFunction;
import io.alertscoring.job.functions.OutputTags;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.RawRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/** Shared inputs of the operator tests: a sample batch decoded exactly as the job decodes it. */
public final class JobFixtures {
  private JobFixtures() {}

  public static final Path MODELS = Path.of("..", "trained_models").toAbsolutePath();

  public static final JobConfig CONFIG =
      JobConfig.defaults(MODELS.toString())
          .withBatchTimeout(Duration.ofMinutes(10))
          .withClosedBatchRetention(Duration.ofSeconds(30));

  /** What the decoder sends downstream for a list of raw records. */
  public record Decoded(List<BatchEvent> events, List<AddressRecord> addressRecords) {}

  public static Decoded decode(List<RawRecord> raw) throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, BatchEvent> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(Set.of()))) {
      for (RawRecord record : raw) {
        harness.processElement(record, 0);
      }
      List<AddressRecord> address = new ArrayList<>();
      for (StreamRecord<AddressRecord> r : harness.getSideOutput(OutputTags.ADDRESS_RECORDS)) {
        address.add(r.getValue());
      }
      return new Decoded(new ArrayList<>(harness.extractOutputValues()), address);
    }
  }

  /** The plain-Java reference for a sample batch. */
  public static BatchScoringResult reference(SampleBatch batch) {
    return scorer()
        .score(
            new AssembledBatch(
                batch.control().batchKey(),
                batch.alerts(),
                batch.features(),
                batch.clusters(),
                batch.moneyFlows()),
            0,
            0);
  }

  public static BatchScorer scorer() {
    return new BatchScorer(ModelBundle.load(MODELS));
  }
}
