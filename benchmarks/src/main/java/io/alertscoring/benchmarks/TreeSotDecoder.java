package io.alertscoring.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.WireEnums;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The strict SOT decoder as it was before the streaming rewrite (schemas commit 4ff05e8): parse the
 * whole message into a Jackson tree with BigDecimal floats, then read the fields. Kept verbatim
 * (only renamed, with {@code JsonFields} nested) as the baseline of {@link SotDecodeBenchmark}; the
 * product's {@code SotJson} still uses the same code to word rejections.
 */
public final class TreeSotDecoder {
  /** Largest accepted message; bigger ones are dead-lettered before parsing. */
  public static final int MAX_MESSAGE_BYTES = 1 << 20;

  static final int MAX_ID = 256;
  static final int MAX_TEXT = 10_000;
  static final int MAX_EVIDENCE = 100_000;
  static final int MAX_LIST = 100_000;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(MAX_MESSAGE_BYTES)
                .build());
  }

  private TreeSotDecoder() {}

  /** Decodes one message of the given kind or says precisely why it cannot be accepted. */
  public static SotRecord decode(RecordKind kind, byte[] message) throws RecordValidationException {
    if (message == null) {
      throw new RecordValidationException("", "empty message (null value)");
    }
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new RecordValidationException(
          "", "message too large: " + message.length + " bytes, at most " + MAX_MESSAGE_BYTES);
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(message);
    } catch (JsonProcessingException e) {
      throw new RecordValidationException("", "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RecordValidationException("", "unreadable message: " + e.getMessage());
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new RecordValidationException(
          "", "expected a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
    }
    JsonFields f = new JsonFields(object);
    return switch (kind) {
      case ALERT -> alert(f);
      case FEATURES -> features(f);
      case CLUSTER -> cluster(f);
      case MONEY_FLOW -> moneyFlow(f);
      case BATCH_CONTROL -> control(f);
      case ADDRESS_LABEL -> label(f);
    };
  }

  public static SotRecord decode(RecordKind kind, String message) throws RecordValidationException {
    return decode(kind, message == null ? null : message.getBytes(StandardCharsets.UTF_8));
  }

  private static Alert alert(JsonFields f) throws RecordValidationException {
    return new Alert(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.nonEmptyString("alert_id", MAX_ID),
        f.nonEmptyString("address", MAX_ID),
        f.nonEmptyString("typology_type", MAX_ID),
        f.optionalString("pattern_id", MAX_ID),
        f.optionalString("pattern_type", MAX_ID),
        f.enumValue("severity", Severity.class),
        f.enumValue("suspected_address_type", AddressType.class),
        f.optionalString("suspected_address_subtype", MAX_ID),
        f.doubleValue("alert_confidence_score", 0.0, 1.0),
        f.optionalString("description", MAX_TEXT),
        f.amount("volume_usd"),
        f.optionalString("evidence_json", MAX_EVIDENCE),
        f.stringList("risk_indicators", 256, MAX_ID, false));
  }

  private static AddressFeatures features(JsonFields f) throws RecordValidationException {
    String network = f.network();
    String date = f.processingDate();
    int window = f.windowDays();
    String address = f.nonEmptyString("address", MAX_ID);
    double[] values = new double[FeatureColumns.count()];
    for (int i = 0; i < values.length; i++) {
      String column = FeatureColumns.NUMERIC.get(i);
      values[i] = FeatureColumns.isFlag(column) ? f.optionalFlag(column) : f.optionalDouble(column);
    }
    return new AddressFeatures(
        network,
        date,
        window,
        address,
        values,
        f.optionalString("dominant_asset_in", MAX_ID),
        f.optionalString("dominant_asset_out", MAX_ID),
        f.optionalCounts("hourly_activity", FeatureColumns.HOURLY_LENGTH),
        f.optionalCounts("daily_activity", FeatureColumns.DAILY_LENGTH));
  }

  private static AlertCluster cluster(JsonFields f) throws RecordValidationException {
    return new AlertCluster(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.nonEmptyString("cluster_id", MAX_ID),
        f.nonEmptyString("cluster_type", MAX_ID),
        f.optionalString("primary_address", MAX_ID),
        f.optionalString("pattern_id", MAX_ID),
        f.optionalString("primary_alert_id", MAX_ID),
        f.stringList("related_alert_ids", MAX_LIST, MAX_ID, true),
        f.stringList("addresses_involved", MAX_LIST, MAX_ID, false),
        (int) f.longValue("total_alerts", 0, Integer.MAX_VALUE),
        f.amount("total_volume_usd"),
        f.enumValue("severity_max", Severity.class),
        f.doubleValue("confidence_avg", 0.0, 1.0),
        f.optionalLong("earliest_alert_timestamp", 0, Long.MAX_VALUE, 0),
        f.optionalLong("latest_alert_timestamp", 0, Long.MAX_VALUE, 0));
  }

  private static MoneyFlow moneyFlow(JsonFields f) throws RecordValidationException {
    return new MoneyFlow(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.nonEmptyString("from_address", MAX_ID),
        f.nonEmptyString("to_address", MAX_ID),
        f.longValue("tx_count", 0, Long.MAX_VALUE),
        f.amount("amount_sum"),
        f.amount("amount_usd_sum"),
        f.optionalLong("first_seen_timestamp", 0, Long.MAX_VALUE, 0),
        f.optionalLong("last_seen_timestamp", 0, Long.MAX_VALUE, 0),
        (int) f.optionalLong("active_days", 0, 100_000, 0),
        f.optionalDouble("avg_tx_size_usd"),
        (int) f.optionalLong("unique_assets", 0, 1_000_000, 0),
        f.optionalString("dominant_asset", MAX_ID),
        f.optionalCounts("hourly_pattern", 24),
        f.optionalCounts("weekly_pattern", 7),
        f.optionalDouble("reciprocity_ratio"),
        f.booleanValue("is_bidirectional"));
  }

  private static BatchControl control(JsonFields f) throws RecordValidationException {
    return new BatchControl(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.longValue("alert_count", 0, Integer.MAX_VALUE),
        f.longValue("feature_count", 0, Integer.MAX_VALUE),
        f.longValue("cluster_count", 0, Integer.MAX_VALUE),
        f.longValue("money_flow_count", 0, Integer.MAX_VALUE),
        f.optionalLong("published_at", 0, Long.MAX_VALUE, 0));
  }

  private static AddressLabel label(JsonFields f) throws RecordValidationException {
    return new AddressLabel(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.nonEmptyString("address", MAX_ID),
        f.nonEmptyString("label", MAX_ID),
        f.optionalString("address_type", MAX_ID),
        f.enumValue("risk_level", Severity.class),
        f.doubleValue("confidence_score", 0.0, 1.0),
        f.optionalString("source", MAX_ID));
  }

  /** Typed, bounded reads of one JSON object's fields; every failure names the field. */
  static final class JsonFields {
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final ObjectNode node;

    JsonFields(ObjectNode node) {
      this.node = node;
    }

    private JsonNode present(String field) throws RecordValidationException {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw new RecordValidationException(field, "missing required field");
      }
      return value;
    }

    private static boolean absent(JsonNode value) {
      return value == null || value.isNull();
    }

    String network() throws RecordValidationException {
      String value = string("network", 32);
      if (!NETWORK.matcher(value).matches()) {
        throw new RecordValidationException(
            "network", "'" + value + "' is not a lower-case network name ([a-z0-9_-], 1-32 chars)");
      }
      return value;
    }

    String processingDate() throws RecordValidationException {
      String value = string("processing_date", 10);
      try {
        LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new RecordValidationException(
            "processing_date", "'" + value + "' is not a date YYYY-MM-DD");
      }
      return value;
    }

    int windowDays() throws RecordValidationException {
      return (int) longValue("window_days", 1, 3650);
    }

    String string(String field, int maxLength) throws RecordValidationException {
      JsonNode value = present(field);
      if (!value.isTextual()) {
        throw new RecordValidationException(field, "expected a string, got " + value.getNodeType());
      }
      return checkLength(field, value.asText(), maxLength);
    }

    String nonEmptyString(String field, int maxLength) throws RecordValidationException {
      String value = string(field, maxLength);
      if (value.isBlank()) {
        throw new RecordValidationException(field, "must not be empty");
      }
      return value;
    }

    String optionalString(String field, int maxLength) throws RecordValidationException {
      JsonNode value = node.get(field);
      if (absent(value)) {
        return null;
      }
      if (!value.isTextual()) {
        throw new RecordValidationException(field, "expected a string, got " + value.getNodeType());
      }
      return checkLength(field, value.asText(), maxLength);
    }

    private static String checkLength(String field, String value, int maxLength)
        throws RecordValidationException {
      if (value.length() > maxLength) {
        throw new RecordValidationException(
            field, "too long: " + value.length() + " characters, at most " + maxLength);
      }
      return value;
    }

    double doubleValue(String field, double min, double max) throws RecordValidationException {
      JsonNode value = present(field);
      return checkRange(field, number(field, value), min, max);
    }

    /** Absent or null is missing ({@code NaN}); a present value must be a finite number. */
    double optionalDouble(String field) throws RecordValidationException {
      JsonNode value = node.get(field);
      if (absent(value)) {
        return Double.NaN;
      }
      return number(field, value);
    }

    /** A flag: JSON boolean or the numbers 0/1; absent or null is missing. */
    double optionalFlag(String field) throws RecordValidationException {
      JsonNode value = node.get(field);
      if (absent(value)) {
        return Double.NaN;
      }
      if (value.isBoolean()) {
        return value.booleanValue() ? 1.0 : 0.0;
      }
      double number = number(field, value);
      if (number != 0.0 && number != 1.0) {
        throw new RecordValidationException(
            field, "a flag must be true, false, 0 or 1, got " + number);
      }
      return number;
    }

    boolean booleanValue(String field) throws RecordValidationException {
      JsonNode value = present(field);
      if (value.isBoolean()) {
        return value.booleanValue();
      }
      if (value.isIntegralNumber() && (value.asLong() == 0 || value.asLong() == 1)) {
        return value.asLong() == 1;
      }
      throw new RecordValidationException(field, "expected true, false, 0 or 1");
    }

    private static double number(String field, JsonNode value) throws RecordValidationException {
      if (!value.isNumber()) {
        throw new RecordValidationException(field, "expected a number, got " + value.getNodeType());
      }
      double number = value.doubleValue();
      if (!Double.isFinite(number)) {
        throw new RecordValidationException(field, "must be a finite number");
      }
      return number;
    }

    private static double checkRange(String field, double value, double min, double max)
        throws RecordValidationException {
      if (value < min || value > max) {
        throw new RecordValidationException(
            field, "out of range: " + value + " not in [" + min + ", " + max + "]");
      }
      return value;
    }

    long longValue(String field, long min, long max) throws RecordValidationException {
      JsonNode value = present(field);
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw new RecordValidationException(
            field, "expected an integer, got " + value.getNodeType() + " " + value);
      }
      long number = value.longValue();
      if (number < min || number > max) {
        throw new RecordValidationException(
            field, "out of range: " + number + " not in [" + min + ", " + max + "]");
      }
      return number;
    }

    long optionalLong(String field, long min, long max, long whenAbsent)
        throws RecordValidationException {
      return absent(node.get(field)) ? whenAbsent : longValue(field, min, max);
    }

    /** A non-negative decimal amount, given as a JSON number or a decimal string. */
    BigDecimal amount(String field) throws RecordValidationException {
      JsonNode value = present(field);
      BigDecimal amount;
      if (value.isNumber()) {
        if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
          throw new RecordValidationException(field, "must be a finite number");
        }
        amount = value.decimalValue();
      } else if (value.isTextual()) {
        try {
          amount = new BigDecimal(checkLength(field, value.asText(), 64));
        } catch (NumberFormatException e) {
          throw new RecordValidationException(field, "'" + value.asText() + "' is not a decimal");
        }
      } else {
        throw new RecordValidationException(
            field, "expected a decimal, got " + value.getNodeType());
      }
      if (amount.signum() < 0) {
        throw new RecordValidationException(field, "must not be negative, got " + amount);
      }
      if (amount.compareTo(BigDecimal.valueOf(1e18)) > 0) {
        throw new RecordValidationException(field, "implausibly large: " + amount);
      }
      return amount;
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) throws RecordValidationException {
      String value = string(field, 32);
      try {
        return WireEnums.parse(type, value);
      } catch (IllegalArgumentException e) {
        throw new RecordValidationException(field, e.getMessage());
      }
    }

    List<String> stringList(String field, int maxItems, int maxItemLength, boolean required)
        throws RecordValidationException {
      JsonNode value = node.get(field);
      if (absent(value)) {
        if (required) {
          throw new RecordValidationException(field, "missing required field");
        }
        return List.of();
      }
      if (!value.isArray()) {
        throw new RecordValidationException(field, "expected an array, got " + value.getNodeType());
      }
      if (value.size() > maxItems) {
        throw new RecordValidationException(
            field, "too many items: " + value.size() + ", at most " + maxItems);
      }
      List<String> items = new ArrayList<>(value.size());
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        String itemField = field + "[" + i + "]";
        if (!item.isTextual()) {
          throw new RecordValidationException(itemField, "expected a string");
        }
        items.add(checkLength(itemField, item.asText(), maxItemLength));
      }
      return items;
    }

    /** A fixed-length array of finite non-negative numbers; absent or null is missing. */
    double[] optionalCounts(String field, int length) throws RecordValidationException {
      JsonNode value = node.get(field);
      if (absent(value)) {
        return null;
      }
      if (!value.isArray() || value.size() != length) {
        throw new RecordValidationException(field, "expected an array of " + length + " numbers");
      }
      double[] counts = new double[length];
      for (int i = 0; i < length; i++) {
        counts[i] =
            checkRange(
                field + "[" + i + "]",
                number(field + "[" + i + "]", value.get(i)),
                0,
                Double.MAX_VALUE);
      }
      return counts;
    }
  }
}
