package io.alertscoring.schemas;

/** Analyst-facing priority of a scored alert, derived from calibrated score thresholds. */
public enum PriorityLabel {
  LOW,
  MEDIUM,
  HIGH;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static PriorityLabel fromWire(String value) {
    return WireEnums.parse(PriorityLabel.class, value);
  }
}
