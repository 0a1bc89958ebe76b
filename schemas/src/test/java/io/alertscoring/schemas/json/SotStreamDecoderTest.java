package io.alertscoring.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming decoder against the tree decoder it replaces on the hot path: whatever the fast
 * path accepts, the tree decoder accepts with the same values (bit for bit, BigDecimal scale
 * included), and realistic records are all accepted by the fast path (it must not quietly delegate
 * everything). Rejections are the tree decoder's by construction; the messages are checked anyway.
 */
class SotStreamDecoderTest {

  static final String ALERT = SotJsonTest.ALERT;

  static final String FLOW =
      "{\"network\":\"ethereum\",\"processing_date\":\"2026-03-01\",\"window_days\":7,"
          + "\"from_address\":\"0xad49\",\"to_address\":\"0xa2a7\",\"tx_count\":3,"
          + "\"amount_sum\":0.14045370,\"amount_usd_sum\":382.54,"
          + "\"first_seen_timestamp\":1771825162384,\"last_seen_timestamp\":1772111545937,"
          + "\"active_days\":2,\"avg_tx_size_usd\":127.51,\"unique_assets\":1,"
          + "\"dominant_asset\":\"ETH\",\"hourly_pattern\":[0.0,0.0,0.0,0.0,0.0,1.0,0.0,0.0,0.0,"
          + "0.0,0.0,0.0,1.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0],"
          + "\"weekly_pattern\":[1.0,0.0,0.0,2.0,0.0,0.0,0.0],\"reciprocity_ratio\":0.031839,"
          + "\"is_bidirectional\":true}";

  static final String CLUSTER =
      "{\"network\":\"ethereum\",\"processing_date\":\"2026-03-01\",\"window_days\":7,"
          + "\"cluster_id\":\"c0\",\"cluster_type\":\"cycle\",\"primary_address\":\"0x01\","
          + "\"pattern_id\":\"cycle-rule-v1\",\"primary_alert_id\":\"a0\","
          + "\"related_alert_ids\":[\"a0\",\"a1\",\"a6\"],\"addresses_involved\":[\"0x01\",\"0x09\"],"
          + "\"total_alerts\":4,\"total_volume_usd\":3290000.00,\"severity_max\":\"critical\","
          + "\"confidence_avg\":0.911469,\"earliest_alert_timestamp\":1772340994072,"
          + "\"latest_alert_timestamp\":1772340994072}";

  static final String CONTROL =
      "{\"network\":\"ethereum\",\"processing_date\":\"2026-03-01\",\"window_days\":7,"
          + "\"alert_count\":2000,\"feature_count\":1533,\"cluster_count\":161,"
          + "\"money_flow_count\":21969,\"published_at\":1772409600000}";

  static final String LABEL =
      "{\"network\":\"ethereum\",\"processing_date\":\"2026-03-08\",\"window_days\":7,"
          + "\"address\":\"0x5194\",\"label\":\"money_laundering\",\"address_type\":\"eoa\","
          + "\"risk_level\":\"high\",\"confidence_score\":0.9176,\"source\":\"investigation\"}";

  /** A features message with every column present, values like the generator's. */
  static String features(long seed) {
    Random random = new Random(seed);
    StringBuilder json =
        new StringBuilder(
            "{\"network\":\"ethereum\",\"processing_date\":\"2026-03-01\",\"window_days\":7,"
                + "\"address\":\"0x01da\"");
    for (String column : FeatureColumns.NUMERIC) {
      json.append(",\"").append(column).append("\":");
      if (FeatureColumns.isFlag(column)) {
        json.append(random.nextBoolean());
      } else {
        json.append(randomNumber(random));
      }
    }
    json.append(",\"dominant_asset_in\":\"ETH\",\"dominant_asset_out\":\"USDT\"");
    json.append(",\"hourly_activity\":").append(array(random, 24));
    json.append(",\"daily_activity\":").append(array(random, 7)).append('}');
    return json.toString();
  }

  private static String array(Random random, int length) {
    StringBuilder a = new StringBuilder("[");
    for (int i = 0; i < length; i++) {
      a.append(i == 0 ? "" : ",")
          .append(random.nextInt(5))
          .append(random.nextBoolean() ? ".0" : "");
    }
    return a.append(']').toString();
  }

  /**
   * Decimal texts of every shape: Java's shortest form, fixed digits, exponents, long mantissas.
   */
  static String randomNumber(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> Double.toString(random.nextDouble()); // 0.xxxxxxxxxxxxxxxx
      case 1 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(30) - 10));
      case 2 -> Long.toString(random.nextInt(1_000_000));
      case 3 -> Double.toString(Math.round(random.nextDouble() * 1e8) / 100.0);
      case 4 -> (random.nextInt(2_000_000) - 1_000_000) + "." + random.nextInt(1000);
      case 5 -> random.nextInt(10) + "." + digits(random, 15 + random.nextInt(10));
      case 6 -> random.nextInt(1000) + "e" + (random.nextInt(60) - 30);
      case 7 -> Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL));
      default -> "1." + digits(random, 1 + random.nextInt(5)) + "E" + (random.nextInt(600) - 300);
    };
  }

  private static String digits(Random random, int n) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < n; i++) {
      d.append((char) ('0' + random.nextInt(10)));
    }
    return d.toString();
  }

  // ------------------------------------------------------------------ differential checks

  private static final class Outcome {
    final SotRecord record;
    final String error;

    Outcome(SotRecord record, String error) {
      this.record = record;
      this.error = error;
    }
  }

  private static Outcome tree(RecordKind kind, byte[] message) {
    try {
      return new Outcome(SotJson.decodeTree(kind, message), null);
    } catch (RecordValidationException e) {
      return new Outcome(null, e.getMessage());
    }
  }

  /**
   * Checks one message; returns whether the fast path accepted it. The public decode must give the
   * tree decoder's outcome, and a fast-path acceptance must equal the tree's record exactly.
   */
  static boolean check(RecordKind kind, String json) {
    byte[] message = json.getBytes(StandardCharsets.UTF_8);
    Outcome expected = tree(kind, message);
    SotRecord fast = SotStreamDecoder.tryDecode(SotJson.MAPPER, kind, message);
    if (fast != null) {
      if (expected.record == null) {
        fail("fast path accepted what the tree decoder rejects (%s): %s", expected.error, json);
      }
      assertSameRecord(fast, expected.record, json);
    }
    try {
      SotRecord decoded = SotJson.decode(kind, message);
      assertThat(expected.error).as("rejected by the tree decoder: %s", json).isNull();
      assertSameRecord(decoded, expected.record, json);
    } catch (RecordValidationException e) {
      assertThat(e.getMessage()).as(json).isEqualTo(expected.error);
    }
    return fast != null;
  }

  /** Component by component: doubles bit for bit (-0.0 is not 0.0), BigDecimal with its scale. */
  static void assertSameRecord(SotRecord actual, SotRecord expected, String json) {
    assertThat(actual.getClass()).as(json).isEqualTo(expected.getClass());
    for (RecordComponent component : actual.getClass().getRecordComponents()) {
      try {
        Object a = component.getAccessor().invoke(actual);
        Object e = component.getAccessor().invoke(expected);
        boolean same =
            a instanceof double[] da
                ? Arrays.equals(da, (double[]) e)
                : a instanceof Double x
                    ? Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits((Double) e)
                    : Objects.equals(a, e);
        if (!same) {
          fail("%s differs: fast %s, tree %s in %s", component.getName(), show(a), show(e), json);
        }
      } catch (ReflectiveOperationException ex) {
        throw new AssertionError(ex);
      }
    }
  }

  private static String show(Object value) {
    return value instanceof double[] d ? Arrays.toString(d) : String.valueOf(value);
  }

  // ------------------------------------------------------------------ tests

  @Test
  void realisticRecordsOfEveryKindTakeTheFastPathWithTheTreeDecodersValues() {
    assertThat(check(RecordKind.ALERT, ALERT)).isTrue();
    assertThat(check(RecordKind.MONEY_FLOW, FLOW)).isTrue();
    assertThat(check(RecordKind.CLUSTER, CLUSTER)).isTrue();
    assertThat(check(RecordKind.BATCH_CONTROL, CONTROL)).isTrue();
    assertThat(check(RecordKind.ADDRESS_LABEL, LABEL)).isTrue();
    for (long seed = 0; seed < 300; seed++) {
      assertThat(check(RecordKind.FEATURES, features(seed))).as("seed %d", seed).isTrue();
    }
  }

  @Test
  void encodedRecordsRoundTripThroughTheFastPath() throws Exception {
    for (String json : List.of(ALERT, FLOW, CLUSTER, CONTROL, LABEL, features(1))) {
      RecordKind kind = kindOf(json);
      SotRecord record = SotJson.decode(kind, json);
      assertThat(check(kind, SotJson.encode(record))).isTrue();
    }
  }

  private static RecordKind kindOf(String json) {
    if (json.startsWith(ALERT)) {
      return RecordKind.ALERT;
    }
    if (json.equals(FLOW)) {
      return RecordKind.MONEY_FLOW;
    }
    if (json.equals(CLUSTER)) {
      return RecordKind.CLUSTER;
    }
    if (json.equals(CONTROL)) {
      return RecordKind.BATCH_CONTROL;
    }
    return json.equals(LABEL) ? RecordKind.ADDRESS_LABEL : RecordKind.FEATURES;
  }

  /** Odd values for every field: the two decoders must agree on each (value or message). */
  static final List<String> ODD_VALUES =
      List.of(
          "null",
          "0",
          "-0",
          "1",
          "-1",
          "2",
          "7",
          "7.0",
          "-0.0",
          "0.0",
          "0e5",
          "-0E-400",
          "1e0",
          "1.5",
          "0.5",
          "1E+2",
          "100.00",
          "470000.00",
          "1e18",
          "1.000000000000000001e18",
          "1e400",
          "-1e-400",
          "1e-400",
          "4.9e-324",
          "2.2250738585072011e-308",
          "1.7976931348623157e308",
          "1.0000000000000000001",
          "0.30000000000000004441",
          "123456789012345678901234567890.5",
          "9007199254740993",
          "9007199254740993.0",
          "1e9999999999",
          "1e-2147483648",
          "1e0000001",
          "3650",
          "3651",
          "2147483647",
          "2147483648",
          "100000",
          "100001",
          "1000000",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "12345678901234567890",
          "\"7\"",
          "\"12.50\"",
          "\"1e5\"",
          "\"-0\"",
          "\"-1\"",
          "\" 1\"",
          "\"1e19\"",
          "\"abc\"",
          "\"\"",
          "\"  \"",
          "\"high\"",
          "\"HIGH\"",
          "\"mixer\"",
          "\"ethereum\"",
          "\"Ethereum\"",
          "\"eth-2\"",
          "\"-eth\"",
          "\"" + "e".repeat(33) + "\"",
          "\"2026-01-15\"",
          "\"2026-02-29\"",
          "\"2028-02-29\"",
          "\"+2026-1-15\"",
          "\"\\u0041\\n\"",
          "\"\\uD800\"",
          "\"" + "x".repeat(257) + "\"",
          "\"" + "x".repeat(256) + "\"",
          "true",
          "false",
          "[]",
          "[1,2]",
          "[\"x\",\"y\"]",
          "[\"x\",null]",
          "[null]",
          "{}",
          "{\"a\":1}",
          "[0,0,0,0,0,0,0]",
          "[0,0,0,0,0,0,-1]",
          "[0,0,0,0,0,0,-0.0]",
          "[0,0,0,0,0,0,0,0]",
          "[0,0,0,0,0,0,\"0\"]",
          "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1]",
          "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1e400]",
          "[[1],{\"a\":[2]}]");

  @Test
  void bothDecodersAgreeOnOddValuesInEveryField() {
    int cases = 0;
    int accepted = 0;
    for (String base : List.of(ALERT, FLOW, CLUSTER, CONTROL, LABEL, features(7))) {
      RecordKind kind = kindOf(base);
      Map<String, String> fields = topLevelFields(base);
      for (String field : fields.keySet()) {
        int column = FeatureColumns.indexOf(field);
        if (kind == RecordKind.FEATURES && column % 8 != 0 && !FeatureColumns.isFlag(field)) {
          continue; // the columns are all read alike: every 8th, the flags and the other fields
        }
        for (String value : ODD_VALUES) {
          cases++;
          accepted += check(kind, replace(base, fields, field, value)) ? 1 : 0;
        }
        cases++;
        check(kind, remove(base, fields, field)); // absent
      }
    }
    assertThat(cases).isGreaterThan(5_000);
    assertThat(accepted).isGreaterThan(500); // the fast path does take the odd valid values
  }

  @Test
  void structuralOddities() {
    String flow = FLOW.substring(0, FLOW.length() - 1);
    List<String> documents =
        List.of(
            // unknown fields of every shape are skipped, however deep
            flow + ",\"extra\":{\"a\":[1,{\"b\":{\"c\":[true,null,\"s\",1.5e3]}}],\"d\":{}}}",
            flow + ",\"extra\":[[[[[]]]]],\"more\":\"x\",\"n\":null,\"m\":-1e-5}",
            // ...but what makes the tree decoder fail inside them still fails
            flow + ",\"extra\":{\"a\":1,\"a\":2}}",
            flow + ",\"extra\":[{\"a\":1,\"b\":{\"c\":1,\"c\":1}}]}",
            flow + ",\"extra\":1e9999999999}",
            flow + ",\"extra\":[1e-2147483648]}",
            flow + ",\"extra\":" + "[".repeat(70) + "]".repeat(70) + "}",
            flow + ",\"extra\":" + "[".repeat(62) + "]".repeat(62) + "}",
            flow + ",\"extra\":\"\\q\"}",
            flow + ",\"extra\":" + "1".repeat(1001) + "}",
            flow + ",\"extra\":\"" + "é".repeat(400_000) + "\"}",
            // duplicates, trailing tokens, truncation, not an object
            flow + ",\"tx_count\":3}",
            flow + ",\"network\":\"ethereum\"}",
            FLOW + " ",
            FLOW + "{}",
            FLOW + " x",
            FLOW + "]",
            FLOW + "null",
            flow,
            flow + ",",
            "",
            "   ",
            "null",
            "[" + FLOW + "]",
            "\"x\"",
            "{}",
            FLOW.replace("{\"network\"", "{\"network\":null,\"x\":0,\"networkx\"")
                .replace(",\"window_days\":7", ",\"window_days\":7,\"window_days_\":7"));
    for (String json : documents) {
      check(RecordKind.MONEY_FLOW, json);
    }
    assertThat(check(RecordKind.MONEY_FLOW, documents.get(0))).isTrue();
    assertThat(check(RecordKind.MONEY_FLOW, documents.get(1))).isTrue();
  }

  @Test
  void duplicateNamesAreFoundWhereverTheyAre() {
    String flow = FLOW.substring(0, FLOW.length() - 1);
    String features = features(11);
    String open = features.substring(0, features.length() - 1);
    // duplicates: the tree decoder rejects, so the fast path must not accept
    List<String> flowDuplicates =
        List.of(
            flow + ",\"tx_count\":null}",
            FLOW.replace(
                "{\"network\":\"ethereum\"", "{\"dominant_asset\":null,\"network\":\"ethereum\""),
            flow + ",\"x\":1,\"y\":2,\"x\":null}",
            flow + ",\"x\":[{\"a\":[{\"b\":1,\"c\":2,\"b\":3}]}]}",
            flow + ",\"x\":{\"a\":{},\"a\":[]}}");
    for (String json : flowDuplicates) {
      assertThat(check(RecordKind.MONEY_FLOW, json)).as(json).isFalse();
      assertThatThrownBy(() -> SotJson.decode(RecordKind.MONEY_FLOW, json))
          .hasMessageContaining("malformed JSON: Duplicate field");
    }
    for (String json :
        List.of(
            open + ",\"pagerank\":0.5}",
            open + ",\"is_whale\":null}",
            open + ",\"address\":\"x\"}",
            open + ",\"hourly_activity\":null}")) {
      assertThat(check(RecordKind.FEATURES, json)).as(json).isFalse();
      assertThatThrownBy(() -> SotJson.decode(RecordKind.FEATURES, json))
          .hasMessageContaining("malformed JSON: Duplicate field");
    }
    // not duplicates: the same name in different objects, or as a known and a nested name
    List<String> fine =
        List.of(
            flow + ",\"x\":{\"a\":1,\"b\":{\"a\":2}},\"y\":{\"a\":3,\"x\":4}}",
            flow + ",\"x\":[{\"a\":1},{\"a\":2}],\"z\":{\"tx_count\":1,\"network\":2}}");
    for (String json : fine) {
      assertThat(check(RecordKind.MONEY_FLOW, json)).as(json).isTrue();
    }
    assertThat(check(RecordKind.FEATURES, open + ",\"extra\":{\"pagerank\":1}}")).isTrue();
  }

  @Test
  void malformedUtf8InAnUnknownFieldIsRejectedAsBefore() {
    byte[] prefix = FLOW.substring(0, FLOW.length() - 1).getBytes(StandardCharsets.UTF_8);
    byte[][] tails = {
      {',', '"', 'x', '"', ':', '"', (byte) 0xC3, '"', '}'},
      {',', '"', 'x', '"', ':', '"', (byte) 0xFF, '"', '}'},
      {',', '"', 'x', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},
      {',', '"', 'x', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
      {',', '"', 'x', '"', ':', '"', 'a', 0x01, '"', '}'},
    };
    for (byte[] tail : tails) {
      byte[] message = Arrays.copyOf(prefix, prefix.length + tail.length);
      System.arraycopy(tail, 0, message, prefix.length, tail.length);
      Outcome expected = tree(RecordKind.MONEY_FLOW, message);
      SotRecord fast = SotStreamDecoder.tryDecode(SotJson.MAPPER, RecordKind.MONEY_FLOW, message);
      if (fast != null) {
        assertThat(expected.record).isNotNull();
        assertSameRecord(fast, expected.record, Arrays.toString(tail));
      }
    }
  }

  @Test
  void randomByteMutationsOfRealisticMessages() {
    Random random = new Random(42);
    List<String> bases = List.of(ALERT, FLOW, CLUSTER, CONTROL, LABEL, features(3));
    byte[] alphabet = "{}[]\",:.-+eE0123456789 nulltruefalse\\x".getBytes(StandardCharsets.UTF_8);
    for (int n = 0; n < 10_000; n++) {
      String base = bases.get(n % bases.size());
      char[] chars = base.toCharArray();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        chars[random.nextInt(chars.length)] = (char) alphabet[random.nextInt(alphabet.length)];
      }
      check(kindOf(base), new String(chars));
    }
  }

  @Test
  void floatValuesAreTheTreeDecodersDoublesBitForBit() throws Exception {
    Random random = new Random(7);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      String text = randomNumber(random);
      if (!text.contains(".") && !text.contains("e") && !text.contains("E")) {
        text = text + ".0";
      }
      texts.add(random.nextInt(4) == 0 && !text.startsWith("-") ? "-" + text : text);
    }
    texts.addAll(
        List.of(
            "-0.0",
            "0.000",
            "-0e10",
            "9007199254740993.0",
            "9007199254740992.0",
            "0.1",
            "1e22",
            "1e23",
            "123456789012345678.5",
            "1234567890123456789.5",
            "8.98846567431158e307",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "-1e-400"));
    for (String text : texts) {
      try (JsonParser p = SotJson.MAPPER.createParser(text)) {
        assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_FLOAT);
        double tree = new BigDecimal(text).stripTrailingZeros().doubleValue();
        double fast = SotStreamDecoder.floatValue(p);
        assertThat(Double.doubleToRawLongBits(fast))
            .as("%s: fast %s, tree %s", text, fast, tree)
            .isEqualTo(Double.doubleToRawLongBits(tree));
      }
    }
  }

  // ------------------------------------------------------------------ specific semantics

  @Test
  void amountsAreExactDecimalsNormalisedLikeTheTree() throws Exception {
    MoneyFlow flow = (MoneyFlow) SotJson.decode(RecordKind.MONEY_FLOW, FLOW);
    assertThat(flow.amountSum()).isEqualTo(new BigDecimal("0.1404537")); // trailing 0 stripped
    assertThat(flow.amountUsdSum()).isEqualTo(new BigDecimal("382.54"));
    AlertCluster cluster = (AlertCluster) SotJson.decode(RecordKind.CLUSTER, CLUSTER);
    assertThat(cluster.totalVolumeUsd()).isEqualTo(new BigDecimal("3.29E+6"));
    // a decimal string is taken as written
    Alert alert = (Alert) SotJson.decode(RecordKind.ALERT, ALERT.replace("12345.67", "12.50"));
    assertThat(alert.volumeUsd()).isEqualTo(new BigDecimal("12.50"));
    alert = (Alert) SotJson.decode(RecordKind.ALERT, ALERT.replace("\"12345.67\"", "0.000"));
    assertThat(alert.volumeUsd()).isEqualTo(BigDecimal.ZERO);
  }

  @Test
  void numbersAsStringsAreAcceptedOnlyForAmounts() {
    assertRejected(
        RecordKind.ALERT,
        ALERT.replace("0.8", "\"0.8\""),
        "alert_confidence_score: expected a number, got STRING");
    assertRejected(
        RecordKind.MONEY_FLOW,
        FLOW.replace("\"tx_count\":3", "\"tx_count\":\"3\""),
        "tx_count: expected an integer, got STRING \"3\"");
    assertRejected(
        RecordKind.MONEY_FLOW,
        FLOW.replace("\"tx_count\":3", "\"tx_count\":3.0"),
        "tx_count: expected an integer, got NUMBER 3");
    assertRejected(
        RecordKind.ALERT,
        ALERT.replace("\"12345.67\"", "\"12,345.67\""),
        "volume_usd: '12,345.67' is not a decimal");
  }

  @Test
  void nullIsAbsent() throws Exception {
    MoneyFlow flow =
        (MoneyFlow)
            SotJson.decode(
                RecordKind.MONEY_FLOW,
                FLOW.replace("\"avg_tx_size_usd\":127.51", "\"avg_tx_size_usd\":null")
                    .replace("\"dominant_asset\":\"ETH\"", "\"dominant_asset\":null")
                    .replace("\"active_days\":2", "\"active_days\":null"));
    assertThat(flow.avgTxSizeUsd()).isNaN();
    assertThat(flow.dominantAsset()).isNull();
    assertThat(flow.activeDays()).isZero();
    assertRejected(
        RecordKind.MONEY_FLOW,
        FLOW.replace("\"tx_count\":3", "\"tx_count\":null"),
        "tx_count: missing required field");
    assertRejected(
        RecordKind.MONEY_FLOW,
        FLOW.replace("\"hourly_pattern\":[0.0,", "\"hourly_pattern\":[null,"),
        "hourly_pattern[0]: expected a number, got NULL");
  }

  @Test
  void negativeZeroFeaturesDecodeAsTheTreeDid() throws Exception {
    String json =
        "{\"network\":\"bitcoin\",\"processing_date\":\"2026-01-15\",\"window_days\":7,"
            + "\"address\":\"bc1\",\"net_flow_usd\":-0.0,\"degree_in\":-0,\"pagerank\":-1e-400}";
    AddressFeatures features = (AddressFeatures) SotJson.decode(RecordKind.FEATURES, json);
    // the tree read a BigDecimal, which has no negative zero; an underflow keeps its sign
    assertThat(Double.doubleToRawLongBits(features.value("net_flow_usd"))).isZero();
    assertThat(Double.doubleToRawLongBits(features.value("degree_in"))).isZero();
    assertThat(features.value("pagerank")).isEqualTo(-0.0);
    assertThat(check(RecordKind.FEATURES, json)).isTrue();
  }

  @Test
  void duplicatesAnywhereAndTrailingTokensAreMalformed() {
    assertRejected(
        RecordKind.ALERT,
        ALERT.replace("\"pattern_id\":\"p1\"", "\"pattern_id\":\"p1\",\"pattern_id\":\"p1\""),
        "malformed JSON: Duplicate field 'pattern_id'");
    assertRejected(
        RecordKind.ALERT,
        ALERT.replace("\"evidence_json\"", "\"x\":{\"y\":1,\"y\":2},\"evidence_json\""),
        "malformed JSON: Duplicate field 'y'");
    assertRejected(RecordKind.ALERT, ALERT + "{}", "malformed JSON: Trailing token");
  }

  @Test
  void aHugeExponentIsAMalformedRecordNotACrash() {
    // before, Jackson's NumberFormatException escaped decode() and failed the job
    assertRejected(
        RecordKind.ALERT,
        ALERT.replace("\"evidence_json\"", "\"x\":1e9999999999,\"evidence_json\""),
        "malformed JSON: ");
  }

  @Test
  void enumsNetworksAndDatesAreCheckedOnEveryRecordEvenWhenCached() throws Exception {
    // the fast path caches the last valid network and date; a different value is still checked
    assertThat(SotJson.decode(RecordKind.ALERT, ALERT)).isNotNull();
    assertRejected(
        RecordKind.ALERT,
        ALERT.replace("\"ethereum\"", "\"Ethereum\""),
        "network: 'Ethereum' is not a lower-case network name");
    assertRejected(
        RecordKind.ALERT,
        ALERT.replace("2026-01-15", "2026-02-30"),
        "processing_date: '2026-02-30' is not a date");
    assertRejected(RecordKind.ALERT, ALERT.replace("\"high\"", "\"High\""), "severity: unknown");
    Alert other =
        (Alert) SotJson.decode(RecordKind.ALERT, ALERT.replace("2026-01-15", "2028-02-29"));
    assertThat(other.processingDate()).isEqualTo("2028-02-29");
    assertThat(other.severity()).isEqualTo(Severity.HIGH);
    BatchControl control = (BatchControl) SotJson.decode(RecordKind.BATCH_CONTROL, CONTROL);
    assertThat(control.moneyFlowCount()).isEqualTo(21969);
    AddressLabel label = (AddressLabel) SotJson.decode(RecordKind.ADDRESS_LABEL, LABEL);
    assertThat(label.riskLevel()).isEqualTo(Severity.HIGH);
  }

  private static void assertRejected(RecordKind kind, String json, String message) {
    assertThatThrownBy(() -> SotJson.decode(kind, json))
        .isInstanceOf(RecordValidationException.class)
        .hasMessageContaining(message);
    check(kind, json);
  }

  // ------------------------------------------------------------------ message surgery

  /** Top-level field name -> its raw value text, in document order (the messages are flat). */
  static Map<String, String> topLevelFields(String json) {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser p = SotJson.MAPPER.createParser(json)) {
      p.nextToken();
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        p.nextToken();
        int start = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getCharOffset();
        fields.put(name, json.substring(start, end));
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return fields;
  }

  private static String replace(String json, Map<String, String> fields, String field, String v) {
    String pair = "\"" + field + "\":" + fields.get(field);
    assertThat(json).contains(pair);
    return json.replace(pair, "\"" + field + "\":" + v);
  }

  private static String remove(String json, Map<String, String> fields, String field) {
    String pair = "\"" + field + "\":" + fields.get(field);
    String without = json.replace("," + pair, "");
    return without.equals(json) ? json.replace(pair + ",", "") : without;
  }
}
