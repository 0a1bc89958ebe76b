package io.alertscoring.schemas.ddl;

import java.util.Map;

/** The values of one stored row by column name, as read by {@link Table#read}. */
public final class Row {
  private final Map<String, Object> values;

  Row(Map<String, Object> values) {
    this.values = values;
  }

  private Object get(String column) {
    if (!values.containsKey(column)) {
      throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
    }
    return values.get(column);
  }

  public String string(String column) {
    return (String) get(column);
  }

  public int int32(String column) {
    return (Integer) get(column);
  }

  public long int64(String column) {
    return (Long) get(column);
  }

  public double float64(String column) {
    return (Double) get(column);
  }

  public boolean flag(String column) {
    return (Boolean) get(column);
  }
}
