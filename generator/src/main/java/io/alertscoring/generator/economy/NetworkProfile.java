package io.alertscoring.generator.economy;

import io.alertscoring.generator.derive.AssetCatalog;
import io.alertscoring.generator.rng.Hashing;
import io.alertscoring.generator.rng.SplitRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What differs between networks: address format, assets with their usage shares and USD prices, and
 * mixer denominations. Any lower-case network name is accepted; {@code ethereum} and {@code
 * bitcoin} have their real address formats and assets, other names get 0x-hex addresses, a native
 * token named after the network and two stablecoins.
 */
public final class NetworkProfile implements AssetCatalog {
  /** The SOT's network name rule (same as the JSON decoder's). */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l".toCharArray();

  private final String name;
  private final long salt;
  private final boolean bech32;
  private final String[] assets;
  private final double[] basePrice;
  private final double[] usageCumulative;
  private final double[] denominations;
  private final double[] phase;

  private NetworkProfile(
      String name,
      boolean bech32,
      String[] assets,
      double[] basePrice,
      double[] usage,
      double[] denominations) {
    this.name = name;
    this.salt = Hashing.fnv1a("network:" + name);
    this.bech32 = bech32;
    this.assets = assets;
    this.basePrice = basePrice;
    this.usageCumulative = SplitRandom.cumulative(usage);
    this.denominations = denominations;
    this.phase = new double[assets.length];
    for (int i = 0; i < assets.length; i++) {
      phase[i] = 6.283185307179586 * Hashing.unit(Hashing.combine(salt, i));
    }
  }

  public static NetworkProfile of(String network) {
    if (network == null || !NAME.matcher(network).matches()) {
      throw new IllegalArgumentException(
          "bad network '"
              + network
              + "': expected a lower-case name of [a-z0-9_-], 1-32 characters");
    }
    return switch (network) {
      case "ethereum" ->
          new NetworkProfile(
              network,
              false,
              new String[] {"ETH", "USDT", "USDC", "DAI", "WBTC", "LINK"},
              new double[] {3000, 1, 1, 1, 90_000, 18},
              new double[] {0.50, 0.24, 0.13, 0.05, 0.04, 0.04},
              new double[] {0.1, 1, 10, 100});
      case "bitcoin" ->
          new NetworkProfile(
              network,
              true,
              new String[] {"BTC"},
              new double[] {90_000},
              new double[] {1},
              new double[] {0.01, 0.1, 1});
      default -> {
        String token = network.replaceAll("[^a-z0-9]", "").toUpperCase(Locale.ROOT);
        token = token.isEmpty() ? "NATIVE" : token.substring(0, Math.min(6, token.length()));
        yield new NetworkProfile(
            network,
            false,
            new String[] {token, "USDT", "USDC"},
            new double[] {25, 1, 1},
            new double[] {0.6, 0.25, 0.15},
            new double[] {10, 100, 1000});
      }
    };
  }

  public String name() {
    return name;
  }

  public long salt() {
    return salt;
  }

  /** A short tag for ids: first three letters of the network. */
  public String tag() {
    return name.substring(0, Math.min(3, name.length()));
  }

  /**
   * The address of an account key. The first 64 bits are a bijective mix of the key, so distinct
   * keys always give distinct addresses.
   */
  public String address(long key) {
    long h1 = Hashing.mix(key ^ salt);
    long h2 = Hashing.mix(h1 + 0x632BE59BD9B4E019L);
    long h3 = Hashing.mix(h2 + 0x8CB92BA72F3D8DD7L);
    if (bech32) {
      char[] out = new char[42];
      out[0] = 'b';
      out[1] = 'c';
      out[2] = '1';
      out[3] = 'q';
      int pos = 4;
      pos = base32(h1, 13, out, pos); // 65 bits >= the 64 bits of h1: injective
      pos = base32(h2, 12, out, pos);
      base32(h3, 13, out, pos);
      return new String(out);
    }
    char[] out = new char[42];
    out[0] = '0';
    out[1] = 'x';
    hex(h1, 16, out, 2);
    hex(h2, 16, out, 18);
    hex(h3, 8, out, 34);
    return new String(out);
  }

  private static void hex(long value, int digits, char[] out, int pos) {
    for (int i = digits - 1; i >= 0; i--) {
      out[pos + i] = HEX[(int) (value & 15)];
      value >>>= 4;
    }
  }

  private static int base32(long value, int digits, char[] out, int pos) {
    for (int i = digits - 1; i >= 0; i--) {
      out[pos + i] = BECH32[(int) (value & 31)];
      value >>>= 5;
    }
    return pos + digits;
  }

  @Override
  public int count() {
    return assets.length;
  }

  @Override
  public String name(int asset) {
    return assets[asset];
  }

  public boolean stable(int asset) {
    return basePrice[asset] == 1.0;
  }

  /**
   * USD price of an asset on an epoch day: a deterministic function of the day (yearly and monthly
   * swings plus daily noise), so any day's price is known without replaying the days before it.
   */
  @Override
  public double priceUsd(int asset, long epochDay) {
    if (basePrice[asset] == 1.0) {
      return 1.0;
    }
    double noise = 2 * Hashing.unit(Hashing.combine(Hashing.combine(salt, asset), epochDay)) - 1;
    double log =
        0.35 * StrictMath.sin(6.283185307179586 * epochDay / 365.25 + phase[asset])
            + 0.12 * StrictMath.sin(6.283185307179586 * epochDay / 29.5 + 2 * phase[asset])
            + 0.03 * noise;
    return Math.round(basePrice[asset] * StrictMath.exp(log) * 100) / 100.0;
  }

  /** An asset drawn by usage share. */
  public int randomAsset(SplitRandom r) {
    return r.weighted(usageCumulative);
  }

  /** The native asset (index 0): mixers and whales use it. */
  public int nativeAsset() {
    return 0;
  }

  public double[] mixerDenominations() {
    return denominations.clone();
  }

  double denomination(int i) {
    return denominations[i];
  }

  int denominationCount() {
    return denominations.length;
  }
}
