package io.alertscoring.schemas.input;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;

/** Common view of every input record: which batch it belongs to and what it is. */
public interface SotRecord {
  BatchKey batchKey();

  RecordKind kind();

  /** Identity of the record inside its batch; a duplicate delivery has the same identity. */
  String recordId();
}
