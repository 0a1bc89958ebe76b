package io.alertscoring.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.MoneyFlow;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SotJsonTest {

  static final String ALERT =
      "{\"network\":\"ethereum\",\"processing_date\":\"2026-01-15\",\"window_days\":7,"
          + "\"alert_id\":\"a-1\",\"address\":\"0xabc\",\"typology_type\":\"layering\","
          + "\"pattern_id\":\"p1\",\"pattern_type\":\"chain\",\"severity\":\"high\","
          + "\"suspected_address_type\":\"mixer\",\"suspected_address_subtype\":\"tornado\","
          + "\"alert_confidence_score\":0.8,\"description\":\"d\",\"volume_usd\":\"12345.67\","
          + "\"evidence_json\":\"{}\",\"risk_indicators\":[\"r1\",\"r2\"]}";

  @Test
  void decodesAValidAlertAndEncodesItBackToTheSameRecord() throws Exception {
    Alert alert = (Alert) SotJson.decode(RecordKind.ALERT, ALERT);
    assertThat(alert.alertId()).isEqualTo("a-1");
    assertThat(alert.severity()).isEqualTo(Severity.HIGH);
    assertThat(alert.suspectedAddressType()).isEqualTo(AddressType.MIXER);
    assertThat(alert.volumeUsd()).isEqualByComparingTo(new BigDecimal("12345.67"));
    assertThat(alert.riskIndicators()).containsExactly("r1", "r2");
    assertThat(alert.batchKey().id()).isEqualTo("ethereum/2026-01-15/7");

    Alert again = (Alert) SotJson.decode(RecordKind.ALERT, SotJson.encode(alert));
    assertThat(again).isEqualTo(alert);
  }

  @Test
  void errorsNameTheFieldAndTheReason() {
    assertRejected(ALERT.replace("\"high\"", "\"extreme\""), "severity: unknown value 'extreme'");
    assertRejected(ALERT.replace("0.8", "1.5"), "alert_confidence_score: out of range");
    assertRejected(ALERT.replace("0.8", "NaN"), "malformed JSON");
    assertRejected(ALERT.replace("\"alert_id\":\"a-1\",", ""), "alert_id: missing required field");
    assertRejected(
        ALERT.replace("\"window_days\":7", "\"window_days\":\"7\""),
        "window_days: expected an integer");
    assertRejected(
        ALERT.replace("2026-01-15", "2026-13-45"), "processing_date: '2026-13-45' is not a date");
    assertRejected(ALERT.replace("\"12345.67\"", "-5"), "volume_usd: must not be negative");
    assertRejected(
        ALERT.replace("\"d\"", "\"" + "x".repeat(20_000) + "\""), "description: too long");
    assertRejected("{not json", "malformed JSON");
    assertRejected("[1,2]", "expected a JSON object");
  }

  private static void assertRejected(String json, String message) {
    assertThatThrownBy(() -> SotJson.decode(RecordKind.ALERT, json))
        .isInstanceOf(RecordValidationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void missingFeaturesStayMissingAndFlagsAcceptBooleans() throws Exception {
    String json =
        "{\"network\":\"bitcoin\",\"processing_date\":\"2026-01-15\",\"window_days\":7,"
            + "\"address\":\"bc1\",\"degree_in\":3,\"pagerank\":null,\"is_mixer_like\":true,"
            + "\"hourly_activity\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,5]}";
    AddressFeatures features = (AddressFeatures) SotJson.decode(RecordKind.FEATURES, json);
    assertThat(features.value("degree_in")).isEqualTo(3.0);
    assertThat(features.value("pagerank")).isNaN();
    assertThat(features.value("total_volume_usd")).isNaN();
    assertThat(features.value("is_mixer_like")).isEqualTo(1.0);
    assertThat(features.hourlyActivity()[23]).isEqualTo(5.0);
    assertThat(features.dailyActivity()).isNull();

    AddressFeatures again =
        (AddressFeatures) SotJson.decode(RecordKind.FEATURES, SotJson.encode(features));
    assertThat(again).isEqualTo(features);
    assertThat(FeatureColumns.count()).isGreaterThan(90);
  }

  @Test
  void rejectsAFlagThatIsNotZeroOrOne() {
    String json =
        "{\"network\":\"bitcoin\",\"processing_date\":\"2026-01-15\",\"window_days\":7,"
            + "\"address\":\"bc1\",\"is_whale\":2}";
    assertThatThrownBy(() -> SotJson.decode(RecordKind.FEATURES, json))
        .hasMessageContaining("is_whale: a flag must be");
  }

  @Test
  void clustersFlowsAndControlsRoundTrip() throws Exception {
    AlertCluster cluster =
        new AlertCluster(
            "ethereum",
            "2026-01-15",
            7,
            "c1",
            "fan_in",
            "0xa",
            "p",
            "a-1",
            List.of("a-1", "a-2"),
            List.of("0xa", "0xb"),
            2,
            new BigDecimal("10.5"),
            Severity.CRITICAL,
            0.7,
            1000L,
            2000L);
    assertThat(SotJson.decode(RecordKind.CLUSTER, SotJson.encode(cluster))).isEqualTo(cluster);

    BatchControl control = new BatchControl("ethereum", "2026-01-15", 7, 10, 9, 2, 30, 123L);
    assertThat(SotJson.decode(RecordKind.BATCH_CONTROL, SotJson.encode(control)))
        .isEqualTo(control);

    MoneyFlow flow =
        new MoneyFlow(
            "ethereum",
            "2026-01-15",
            7,
            "0xa",
            "0xb",
            3,
            new BigDecimal("1.5"),
            new BigDecimal("3000"),
            1L,
            2L,
            1,
            1000.0,
            1,
            "ETH",
            null,
            null,
            0.5,
            true);
    MoneyFlow decoded = (MoneyFlow) SotJson.decode(RecordKind.MONEY_FLOW, SotJson.encode(flow));
    assertThat(decoded.recordId()).isEqualTo("0xa->0xb");
    assertThat(decoded.amountUsdSum()).isEqualByComparingTo("3000");
    assertThat(decoded.bidirectional()).isTrue();
  }
}
