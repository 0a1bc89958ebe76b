package io.alertscoring.generator.derive;

/** The assets of a network: names and USD prices by day (for native amounts in money flows). */
public interface AssetCatalog {
  int count();

  String name(int asset);

  /** USD price of one unit on the given epoch day. */
  double priceUsd(int asset, long epochDay);

  /** A single pseudo-asset whose unit is one USD (sources without asset information). */
  static AssetCatalog usdOnly(String name) {
    return new AssetCatalog() {
      @Override
      public int count() {
        return 1;
      }

      @Override
      public String name(int asset) {
        return name;
      }

      @Override
      public double priceUsd(int asset, long epochDay) {
        return 1.0;
      }
    };
  }
}
