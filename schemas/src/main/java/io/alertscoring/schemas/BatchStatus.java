package io.alertscoring.schemas;

/** Life cycle of a batch as stored in {@code batch_metadata}. */
public enum BatchStatus {
  PROCESSING,
  COMPLETED,
  FAILED
}
