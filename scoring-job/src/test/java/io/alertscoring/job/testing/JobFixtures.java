package io.alertscoring.job.testing;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.features.SotFamily;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.core.scoring.LiveScorer;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.functions.DecodeFunction;
import io.alertscoring.job.functions.OutputTags;
import io.alertscoring.job.logic.MetadataRows;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  /**
   * The live scores the plain-Java {@link LiveScorer} gives the alerts of these address records,
   * each with its address's features when the records hold them, as {@link #liveValues} of them.
   */
  public static Map<String, String> liveReference(List<AddressRecord> records) {
    LiveScorer live = new LiveScorer(ModelBundle.load(MODELS).liveScorer());
    Map<String, double[]> features = new HashMap<>();
    for (AddressRecord r : records) {
      if (r.featureValues != null) {
        features.put(r.addressKey(), r.featureValues);
      }
    }
    List<LiveAlertScore> rows = new ArrayList<>();
    for (AddressRecord r : records) {
      if (r.alert != null) {
        BatchKey key = MetadataRows.keyOf(r.batchId);
        rows.add(
            live.score(
                key,
                Runs.tagOf(r.batchId),
                r.alert,
                features.get(r.addressKey()),
                SotFamily.endOfDateMs(key.processingDate()),
                0,
                0));
      }
    }
    return liveValues(rows);
  }

  /**
   * Per alert id, what a live score must reproduce bit for bit (score bits, priority, explanation,
   * features flag) of its latest row: a row with features supersedes one without.
   */
  public static Map<String, String> liveValues(Collection<LiveAlertScore> rows) {
    Map<String, LiveAlertScore> latest = new TreeMap<>();
    for (LiveAlertScore row : rows) {
      latest.merge(
          liveKey(row), row, (a, b) -> a.featuresMissing() && !b.featuresMissing() ? b : a);
    }
    Map<String, String> values = new TreeMap<>();
    latest.forEach((id, s) -> values.put(id, liveValue(s)));
    return values;
  }

  /** {@link #liveValues} restricted to alerts scored with their features. */
  public static Map<String, String> withFeatures(Map<String, String> liveValues) {
    Map<String, String> values = new TreeMap<>(liveValues);
    values.values().removeIf(v -> v.contains("|true|"));
    return values;
  }

  /** network/date/alert id. */
  public static String liveKey(LiveAlertScore s) {
    return s.network() + "/" + s.processingDate() + "/" + s.alertId();
  }

  /** Score bits, priority, features flag and explanation: what must be reproduced exactly. */
  public static String liveValue(LiveAlertScore s) {
    return Double.doubleToRawLongBits(s.score())
        + "|"
        + s.priority()
        + "|"
        + s.featuresMissing()
        + "|"
        + s.explanationJson();
  }

  public static BatchScorer scorer() {
    return new BatchScorer(ModelBundle.load(MODELS));
  }
}
