package io.alertscoring.schemas.ddl;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One stored table of the product: its columns in order, its engine clause, and the mapping between
 * its rows and a record. The CREATE statement, the INSERT statement with its bindings and the
 * reading of a row all come from the one column list, so a column is added in exactly one place.
 */
public final class Table<T> {
  private final String name;
  private final List<Column<T>> columns;
  private final String engine;
  private final Function<Row, T> mapper;
  private final Map<String, Integer> positions;

  Table(String name, List<Column<T>> columns, String engine, Function<Row, T> mapper) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.engine = engine;
    this.mapper = mapper;
    Map<String, Integer> byName = new HashMap<>(columns.size() * 2);
    for (int i = 0; i < columns.size(); i++) {
      byName.put(columns.get(i).name(), i);
    }
    this.positions = Map.copyOf(byName);
  }

  public String name() {
    return name;
  }

  public List<Column<T>> columns() {
    return columns;
  }

  /** The column names in table order, comma-separated, for SELECT and INSERT lists. */
  public String columnList() {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }

  public String createStatement() {
    return "CREATE TABLE IF NOT EXISTS "
        + name
        + " ("
        + columns.stream()
            .map(c -> c.name() + " " + c.type().sql())
            .collect(Collectors.joining(", "))
        + ") ENGINE = "
        + engine;
  }

  public String insertStatement() {
    return "INSERT INTO "
        + name
        + " ("
        + columnList()
        + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ")";
  }

  /** Binds every column of {@code row} to the parameters of {@link #insertStatement()}. */
  public void bind(PreparedStatement ps, T row) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      Column<T> column = columns.get(i);
      column.type().bind(ps, i + 1, column.value().apply(row));
    }
  }

  /**
   * Reads the current row of a result set whose first columns are {@link #columnList()}, in that
   * order. By position: a read runs for every row served, and a lookup by name per value would
   * search the result's columns each time.
   */
  public T read(ResultSet rs) throws SQLException {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).type().read(rs, i + 1);
    }
    return mapper.apply(new Row(values, positions));
  }

  /** The values {@link #bind} would send, in column order (for tests and plain-text inserts). */
  public Object[] values(T row) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).value().apply(row);
    }
    return values;
  }

  @Override
  public String toString() {
    return name;
  }
}
