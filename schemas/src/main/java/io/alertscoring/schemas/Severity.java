package io.alertscoring.schemas;

/** Alert severity and label risk level, ordered from least to most severe. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Severity fromWire(String value) {
    return WireEnums.parse(Severity.class, value);
  }
}
