package io.alertscoring.generator.source;

import io.alertscoring.schemas.input.SotRecord;

/** Receives what a source reads: valid records, and bad rows with where and why. */
public interface RecordVisitor {
  /** A valid record: data of the batch, or an address label (routed apart by the caller). */
  void record(SotRecord record);

  /** A source row that cannot become a valid record; it is counted and reported, never dropped. */
  void bad(String origin, String reason);
}
