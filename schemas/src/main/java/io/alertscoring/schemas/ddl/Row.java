package io.alertscoring.schemas.ddl;

import java.util.Map;

/**
 * The values of one stored row, looked up by column name, as read by {@link Table#read}: the values
 * in table order and the table's one name-to-position map.
 */
public final class Row {
  private final Object[] values;
  private final Map<String, Integer> positions;

  Row(Object[] values, Map<String, Integer> positions) {
    this.values = values;
    this.positions = positions;
  }

  private Object get(String column) {
    Integer position = positions.get(column);
    if (position == null) {
      throw new IllegalArgumentException("no column " + column + " in " + positions.keySet());
    }
    return values[position];
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
