package io.alertscoring.schemas.json;

/** A record that cannot be accepted; the message is "field: reason". */
public class RecordValidationException extends Exception {
  private final String field;

  public RecordValidationException(String field, String reason) {
    super(field == null || field.isEmpty() ? reason : field + ": " + reason);
    this.field = field == null ? "" : field;
  }

  /** The offending field, or "" when the record as a whole is wrong (e.g. not JSON). */
  public String field() {
    return field;
  }
}
