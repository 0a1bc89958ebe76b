package io.alertscoring.core.features;

import io.alertscoring.schemas.input.Alert;

/**
 * What the features read of one alert, and nothing else: the alert's description, evidence and
 * indicator texts are not kept. Small and flat so that it can sit in keyed state for every alert of
 * an open batch (a Java record of primitives and strings, which Flink serializes as a POJO; fields
 * may be added later with a default, the POJO serializer's evolution rule).
 *
 * @param severity {@link io.alertscoring.schemas.Severity} ordinal
 * @param addressType {@link io.alertscoring.schemas.AddressType} ordinal
 * @param volumeUsd the alert's USD volume as a double ({@code BigDecimal.doubleValue()})
 */
public record AlertFacts(
    String alertId,
    String address,
    String typologyType,
    int severity,
    int addressType,
    boolean hasSubtype,
    double confidence,
    double volumeUsd,
    int riskIndicatorCount) {

  public static AlertFacts of(Alert alert) {
    String subtype = alert.suspectedAddressSubtype();
    return new AlertFacts(
        alert.alertId(),
        alert.address(),
        alert.typologyType(),
        alert.severity().ordinal(),
        alert.suspectedAddressType() == null ? -1 : alert.suspectedAddressType().ordinal(),
        !(subtype == null || subtype.isBlank() || subtype.equalsIgnoreCase("none")),
        alert.alertConfidenceScore(),
        alert.volumeUsd().doubleValue(),
        alert.riskIndicators().size());
  }
}
