package io.alertscoring.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.schemas.WireEnums;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Typed, bounded reads of one JSON object's fields; every failure names the field. */
final class JsonFields {
  static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

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
      throw new RecordValidationException(field, "expected a decimal, got " + value.getNodeType());
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
