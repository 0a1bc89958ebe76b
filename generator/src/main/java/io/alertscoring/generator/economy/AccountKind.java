package io.alertscoring.generator.economy;

import io.alertscoring.schemas.AddressType;

/**
 * Kinds of account in the economy. Hubs are global services; the others live in one shard.
 * Launderers and episode wallets are created by episodes (keys outside the shard ranges).
 */
public enum AccountKind {
  EXCHANGE(AddressType.EXCHANGE, "exchange"),
  MIXER(AddressType.MIXER, "mixer"),
  DEFI(AddressType.DEFI, "defi_protocol"),
  RETAIL(AddressType.EOA, "retail_wallet"),
  WHALE(AddressType.EOA, "whale"),
  DORMANT(AddressType.EOA, "dormant_wallet"),
  MERCHANT(AddressType.EOA, "merchant"),
  DISTRIBUTOR(AddressType.EOA, "payroll_payer"),
  BOT(AddressType.EOA, "trading_bot"),
  PRIVACY(AddressType.EOA, "privacy_user"),
  TRADER(AddressType.EOA, "otc_trader"),
  EPISODE(AddressType.EOA, "wallet");

  private final AddressType addressType;
  private final String benignLabel;

  AccountKind(AddressType addressType, String benignLabel) {
    this.addressType = addressType;
    this.benignLabel = benignLabel;
  }

  public AddressType addressType() {
    return addressType;
  }

  /** What an investigation that clears the account calls it. */
  public String benignLabel() {
    return benignLabel;
  }

  public boolean isHub() {
    return this == EXCHANGE || this == MIXER || this == DEFI;
  }
}
