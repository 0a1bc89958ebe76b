package io.alertscoring.schemas.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON for output rows and dead letters: snake_case field names, the same names as the ClickHouse
 * columns and the HTTP API. Thread-safe.
 */
public final class OutputJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private OutputJson() {}

  /** A mapper configured like every output of the product; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String encode(Object row) {
    try {
      return MAPPER.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + row.getClass().getSimpleName(), e);
    }
  }

  public static <T> T decode(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot decode " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** {@code values} as a JSON array of strings ({@code []} for none or null). */
  public static String stringArray(String[] values) {
    return encode(values == null ? new String[0] : values);
  }
}
