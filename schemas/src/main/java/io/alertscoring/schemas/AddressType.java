package io.alertscoring.schemas;

/** What the analyzer suspects the alerted address to be. */
public enum AddressType {
  EXCHANGE,
  MIXER,
  DEFI,
  CONTRACT,
  EOA,
  UNKNOWN;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static AddressType fromWire(String value) {
    return WireEnums.parse(AddressType.class, value);
  }
}
