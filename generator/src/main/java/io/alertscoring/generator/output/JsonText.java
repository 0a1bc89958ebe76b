package io.alertscoring.generator.output;

/**
 * A minimal JSON writer for the manifest: fixed key order, fixed indentation, no floating-point
 * surprises (numbers are written with {@link Long#toString} or {@link Double#toString}, both
 * specified by the JLS). The schemas module's Jackson is not needed for one small file.
 */
public final class JsonText {
  private final StringBuilder sb = new StringBuilder();
  private int depth;
  private boolean first = true;

  public JsonText beginObject() {
    value();
    sb.append('{');
    depth++;
    first = true;
    return this;
  }

  public JsonText endObject() {
    depth--;
    newline();
    sb.append('}');
    first = false;
    return this;
  }

  public JsonText beginArray() {
    value();
    sb.append('[');
    depth++;
    first = true;
    return this;
  }

  public JsonText endArray() {
    depth--;
    newline();
    sb.append(']');
    first = false;
    return this;
  }

  public JsonText name(String name) {
    if (!first) {
      sb.append(',');
    }
    newline();
    quote(name);
    sb.append(": ");
    first = true;
    pendingName = true;
    return this;
  }

  private boolean pendingName;

  private void value() {
    if (pendingName) {
      pendingName = false;
      return;
    }
    if (depth > 0) {
      if (!first) {
        sb.append(',');
      }
      newline();
    }
  }

  public JsonText value(String s) {
    value();
    if (s == null) {
      sb.append("null");
    } else {
      quote(s);
    }
    first = false;
    return this;
  }

  public JsonText value(long v) {
    value();
    sb.append(v);
    first = false;
    return this;
  }

  public JsonText value(double v) {
    value();
    sb.append(Double.isFinite(v) ? Double.toString(v) : "null");
    first = false;
    return this;
  }

  public JsonText value(boolean v) {
    value();
    sb.append(v);
    first = false;
    return this;
  }

  public JsonText field(String name, String v) {
    return name(name).value(v);
  }

  public JsonText field(String name, long v) {
    return name(name).value(v);
  }

  public JsonText field(String name, double v) {
    return name(name).value(v);
  }

  public JsonText field(String name, boolean v) {
    return name(name).value(v);
  }

  private void newline() {
    sb.append('\n');
    sb.append("  ".repeat(Math.max(0, depth)));
  }

  private void quote(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  @Override
  public String toString() {
    String s = sb.toString();
    return (s.startsWith("\n") ? s.substring(1) : s) + "\n";
  }
}
