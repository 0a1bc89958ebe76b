package io.alertscoring.generator.source;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
final class Csv {
  private Csv() {}

  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** A finite number, or throws with a message naming the column. */
  static double number(String value, String column) {
    String v = value.strip();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("empty value in column '" + column + "'");
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a number in column '" + column + "'");
    }
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("non-finite value in column '" + column + "'");
    }
    return d;
  }
}
