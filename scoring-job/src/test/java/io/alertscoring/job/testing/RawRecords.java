package io.alertscoring.job.testing;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds raw and decoded inputs the way the Kafka sources and the decoder would. */
public final class RawRecords {
  private RawRecords() {}

  public static RawRecord raw(SotRecord record, long offset) {
    return raw(record.kind(), SotJson.encode(record), offset);
  }

  public static RawRecord raw(io.alertscoring.schemas.RecordKind kind, String json, long offset) {
    return new RawRecord(
        kind, kind.defaultTopic(), 0, offset, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Every record of the batch followed by its control record. */
  public static List<RawRecord> rawBatch(SampleBatch batch) {
    List<RawRecord> raw = new ArrayList<>();
    long offset = 0;
    for (SotRecord record : batch.dataRecords()) {
      raw.add(raw(record, offset++));
    }
    raw.add(raw(batch.control(), offset));
    return raw;
  }
}
