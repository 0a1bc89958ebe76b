package io.alertscoring.core.features;

import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.MoneyFlow;
import java.math.BigDecimal;
import java.util.List;

/** Small hand-made records for feature tests. */
final class TestRecords {
  static final BatchKey KEY = new BatchKey("ethereum", "2026-01-15", 7);

  private TestRecords() {}

  static Alert alert(
      String id,
      String address,
      String typology,
      Severity severity,
      double confidence,
      double volume) {
    return new Alert(
        KEY.network(),
        KEY.processingDate(),
        KEY.windowDays(),
        id,
        address,
        typology,
        null,
        null,
        severity,
        AddressType.EOA,
        null,
        confidence,
        null,
        BigDecimal.valueOf(volume),
        null,
        List.of("r"));
  }

  static AddressFeatures features(String address, String column, double value) {
    double[] values = AddressFeatures.allMissing();
    values[FeatureColumns.indexOf(column)] = value;
    return new AddressFeatures(
        KEY.network(),
        KEY.processingDate(),
        KEY.windowDays(),
        address,
        values,
        null,
        null,
        null,
        null);
  }

  static MoneyFlow flow(String from, String to, double usd) {
    return new MoneyFlow(
        KEY.network(),
        KEY.processingDate(),
        KEY.windowDays(),
        from,
        to,
        1,
        BigDecimal.ONE,
        BigDecimal.valueOf(usd),
        0,
        0,
        1,
        usd,
        1,
        "ETH",
        null,
        null,
        Double.NaN,
        false);
  }

  static AlertCluster cluster(
      String id, List<String> alertIds, List<String> addresses, double volume) {
    return new AlertCluster(
        KEY.network(),
        KEY.processingDate(),
        KEY.windowDays(),
        id,
        "fan_in",
        addresses.get(0),
        null,
        alertIds.get(0),
        alertIds,
        addresses,
        alertIds.size(),
        BigDecimal.valueOf(volume),
        Severity.HIGH,
        0.5,
        0,
        7_200_000);
  }

  static int column(String name) {
    int index = AlertFeatureSet.NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no feature " + name);
    }
    return index;
  }
}
