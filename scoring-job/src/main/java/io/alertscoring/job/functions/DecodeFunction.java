package io.alertscoring.job.functions;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.FeatureSummary;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.ClusterFacts;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes and validates every raw message. A message that fails goes to the dead-letter side output
 * with the reason and its origin; the job never stops for bad input.
 */
public class DecodeFunction extends ProcessFunction<RawRecord, BatchEvent> {
  private final Set<String> allowedNetworks;
  private transient Counter accepted;
  private transient DeadLetterCounters deadLetters;
  private transient java.util.EnumMap<RecordKind, Counter> recordsByKind;

  // The run id last found valid: a publication's millions of records share one, so the pattern is
  // matched once per run, not once per record.
  private transient String validRunId;

  public DecodeFunction(Set<String> allowedNetworks) {
    this.allowedNetworks = Set.copyOf(allowedNetworks);
  }

  @Override
  public void open(OpenContext openContext) {
    accepted = getRuntimeContext().getMetricGroup().counter("recordsAccepted");
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    recordsByKind = new java.util.EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      recordsByKind.put(
          kind,
          getRuntimeContext()
              .getMetricGroup()
              .addGroup("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
              .counter("records"));
    }
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<BatchEvent> out) {
    long now = System.currentTimeMillis();
    try {
      SotRecord record = SotJson.decode(raw.kind, raw.value);
      BatchKey key = record.batchKey();
      if (!allowedNetworks.isEmpty() && !allowedNetworks.contains(key.network())) {
        throw new RecordValidationException(
            "network", "unknown network '" + key.network() + "', accepted: " + allowedNetworks);
      }
      if (!java.util.Objects.equals(raw.runId, validRunId)) {
        String runProblem = Runs.problem(raw.runId);
        if (runProblem != null) {
          throw new RecordValidationException(Runs.HEADER + " header", runProblem);
        }
        validRunId = raw.runId;
      }
      route(record, Runs.key(key, raw.runId), raw, ctx, out);
      accepted.inc();
      recordsByKind.get(raw.kind).inc();
    } catch (RecordValidationException e) {
      deadLetters.inc(DeadLetterCounters.invalid(e.field()));
      ctx.output(
          OutputTags.DEAD_LETTERS,
          DeadLetters.of(
              e.getMessage(),
              raw.kind.name(),
              raw.topic,
              raw.partition,
              raw.offset,
              "",
              raw.value,
              now));
    }
  }

  /**
   * Sends the compact part of a record to its batch's coordinator and, for alerts and features, the
   * part the address join needs to the address's key. Decoding happens once, here; nothing
   * downstream parses JSON again.
   */
  private static void route(
      SotRecord record, String batchId, RawRecord raw, Context ctx, Collector<BatchEvent> out)
      throws RecordValidationException {
    BatchEvent event =
        new BatchEvent(raw.kind, batchId, record.recordId(), raw.topic, raw.partition, raw.offset);
    if (record instanceof Alert alert) {
      AlertFacts facts = AlertFacts.of(alert);
      event.alert = facts;
      ctx.output(OutputTags.ADDRESS_RECORDS, AddressRecord.ofAlert(batchId, facts));
    } else if (record instanceof AddressFeatures features) {
      double[] values = features.values();
      event.features = FeatureSummary.of(values);
      ctx.output(
          OutputTags.ADDRESS_RECORDS,
          AddressRecord.ofFeatures(batchId, features.address(), values));
    } else if (record instanceof MoneyFlow flow) {
      event.flowUsd = flow.amountUsdSum().doubleValue();
      event.flowFromLength = flow.fromAddress().length();
    } else if (record instanceof AlertCluster cluster) {
      event.cluster = ClusterFacts.of(cluster);
    } else if (record instanceof BatchControl control) {
      event.control = control;
    } else {
      throw new RecordValidationException(
          "", "record kind " + raw.kind + " is not part of a scoring batch");
    }
    out.collect(event);
  }
}
