package io.alertscoring.job.functions;

import io.alertscoring.job.model.BatchInput;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.schemas.BatchKey;
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
public class DecodeFunction extends ProcessFunction<RawRecord, BatchInput> {
  private final Set<String> allowedNetworks;
  private transient Counter accepted;
  private transient Counter deadLetters;

  public DecodeFunction(Set<String> allowedNetworks) {
    this.allowedNetworks = Set.copyOf(allowedNetworks);
  }

  @Override
  public void open(OpenContext openContext) {
    accepted = getRuntimeContext().getMetricGroup().counter("recordsAccepted");
    deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<BatchInput> out) {
    long now = System.currentTimeMillis();
    try {
      SotRecord record = SotJson.decode(raw.kind, raw.value);
      BatchKey key = record.batchKey();
      if (!allowedNetworks.isEmpty() && !allowedNetworks.contains(key.network())) {
        throw new RecordValidationException(
            "network", "unknown network '" + key.network() + "', accepted: " + allowedNetworks);
      }
      out.collect(
          new BatchInput(
              raw.kind,
              key.id(),
              record.recordId(),
              SotJson.encode(record),
              raw.topic,
              raw.partition,
              raw.offset));
      accepted.inc();
    } catch (RecordValidationException e) {
      deadLetters.inc();
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
}
