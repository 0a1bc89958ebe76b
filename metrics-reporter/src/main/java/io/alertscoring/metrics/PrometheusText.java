package io.alertscoring.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus text exposition format (version 0.0.4) of a set of samples: one {@code # TYPE}
 * line per metric family, then its samples, families sorted by name so scrapes are stable.
 */
public final class PrometheusText {
  private PrometheusText() {}

  /** The content type of the format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Prometheus metric types used here. */
  public enum Type {
    COUNTER,
    GAUGE,
    SUMMARY;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One line of a family: {@code suffix} is appended to the family name ("" or {@code _count}),
   * labels in insertion order.
   */
  public record Sample(String suffix, Map<String, String> labels, double value) {}

  /** A metric family: its name, type and samples. */
  public record Family(String name, Type type, List<Sample> samples) {}

  /** A name Prometheus accepts: every character outside {@code [a-zA-Z0-9_:]} becomes '_'. */
  public static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || c == ':'
              || (c >= '0' && c <= '9' && i > 0);
      out.append(ok ? c : '_');
    }
    return out.toString();
  }

  /** Renders {@code families}; families of the same name and type are merged. */
  public static String render(List<Family> families) {
    Map<String, Family> merged = new TreeMap<>();
    for (Family f : families) {
      merged.merge(
          f.name(),
          f,
          (a, b) -> {
            List<Sample> all = new ArrayList<>(a.samples());
            all.addAll(b.samples());
            return new Family(a.name(), a.type(), all);
          });
    }
    StringBuilder out = new StringBuilder();
    for (Family f : merged.values()) {
      out.append("# TYPE ").append(f.name()).append(' ').append(f.type().wire()).append('\n');
      List<Sample> samples = new ArrayList<>(f.samples());
      samples.sort(Comparator.comparing(s -> s.suffix() + s.labels()));
      for (Sample s : samples) {
        out.append(f.name()).append(s.suffix());
        if (!s.labels().isEmpty()) {
          out.append('{');
          boolean first = true;
          for (Map.Entry<String, String> label : s.labels().entrySet()) {
            if (!first) {
              out.append(',');
            }
            first = false;
            out.append(sanitize(label.getKey())).append("=\"");
            escape(label.getValue(), out);
            out.append('"');
          }
          out.append('}');
        }
        out.append(' ').append(number(s.value())).append('\n');
      }
    }
    return out.toString();
  }

  /** The labels with one more, in a new map. */
  public static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(labels);
    more.put(key, value);
    return more;
  }

  private static void escape(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
