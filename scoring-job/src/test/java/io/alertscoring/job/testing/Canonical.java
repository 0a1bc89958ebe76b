package io.alertscoring.job.testing;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic text of an operator's output value, to compare two runs of the same input: every
 * field (record components in order, public POJO fields by name), arrays element by element,
 * doubles exactly; fields that time a step with the wall clock are left out, since no two runs
 * measure the same milliseconds.
 */
public final class Canonical {
  private Canonical() {}

  /** Timings measured with {@code System.nanoTime} or {@code currentTimeMillis}, never equal. */
  public static final Set<String> WALL_CLOCK_FIELDS =
      Set.of(
          "featureMs",
          "featureShareMs",
          "latencyMs",
          "scoringMs",
          "rankingMs",
          "clusterScoringMs",
          "totalMs");

  public static String of(Object value) {
    return of(value, WALL_CLOCK_FIELDS);
  }

  public static String of(Object value, Set<String> skipped) {
    StringBuilder out = new StringBuilder();
    append(out, value, skipped);
    return out.toString();
  }

  private static void append(StringBuilder out, Object v, Set<String> skipped) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
      out.append(v);
    } else if (v instanceof Enum<?> e) {
      out.append(e.name());
    } else if (v.getClass().isArray()) {
      out.append('[');
      for (int i = 0; i < Array.getLength(v); i++) {
        if (i > 0) {
          out.append(',');
        }
        append(out, Array.get(v, i), skipped);
      }
      out.append(']');
    } else if (v instanceof Collection<?> c) {
      append(out, c.toArray(), skipped);
    } else if (v instanceof Map<?, ?> m) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        entries.add(of(e.getKey(), skipped) + "=" + of(e.getValue(), skipped));
      }
      entries.sort(Comparator.naturalOrder());
      out.append('{').append(String.join(",", entries)).append('}');
    } else if (v.getClass().isRecord()) {
      out.append(v.getClass().getSimpleName()).append('(');
      boolean first = true;
      for (RecordComponent c : v.getClass().getRecordComponents()) {
        if (skipped.contains(c.getName())) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(c.getName()).append('=');
        try {
          append(out, c.getAccessor().invoke(v), skipped);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      out.append(')');
    } else {
      Field[] fields = v.getClass().getFields();
      Arrays.sort(fields, Comparator.comparing(Field::getName));
      out.append(v.getClass().getSimpleName()).append('(');
      boolean first = true;
      for (Field f : fields) {
        if (Modifier.isStatic(f.getModifiers()) || skipped.contains(f.getName())) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(f.getName()).append('=');
        try {
          append(out, f.get(v), skipped);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
      out.append(')');
    }
  }
}
