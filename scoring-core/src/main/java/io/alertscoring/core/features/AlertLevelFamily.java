package io.alertscoring.core.features;

import io.alertscoring.schemas.AddressType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fields of the alert itself: severity, confidence, volume, risk-indicator count, and one-hot
 * encodings of the typology (fixed vocabulary plus "other") and the suspected address type.
 */
public final class AlertLevelFamily implements AlertFamily {
  /** Typologies with a column of their own; anything else counts as "other". */
  public static final List<String> TYPOLOGIES =
      List.of(
          "layering",
          "fan_in",
          "fan_out",
          "cycle",
          "peel_chain",
          "structuring",
          "mixer_hop",
          "scatter_gather");

  private static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>();
    names.add("alert_severity");
    names.add("alert_confidence");
    names.add("alert_log_volume_usd");
    names.add("alert_risk_indicator_count");
    names.add("alert_has_subtype");
    for (String typology : TYPOLOGIES) {
      names.add("alert_typology_" + typology);
    }
    names.add("alert_typology_other");
    for (AddressType type : AddressType.values()) {
      names.add("alert_address_type_" + type.wireName());
    }
    NAMES = List.copyOf(names);
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  /** Lower-case, underscores for separators, so "Fan-In" and "fan_in" are one typology. */
  public static String normalizeTypology(String typology) {
    return typology.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
  }

  @Override
  public void fill(
      AlertFacts alert, double[] featureValues, long endOfDateMs, double[] row, int offset) {
    int c = offset;
    row[c++] = alert.severity();
    row[c++] = alert.confidence();
    row[c++] = Math.log1p(alert.volumeUsd());
    row[c++] = alert.riskIndicatorCount();
    row[c++] = alert.hasSubtype() ? 1.0 : 0.0;
    int typology = TYPOLOGIES.indexOf(normalizeTypology(alert.typologyType()));
    for (int t = 0; t <= TYPOLOGIES.size(); t++) {
      row[c++] = (typology == t || (typology < 0 && t == TYPOLOGIES.size())) ? 1.0 : 0.0;
    }
    for (AddressType type : AddressType.values()) {
      row[c++] = alert.addressType() == type.ordinal() ? 1.0 : 0.0;
    }
  }
}
