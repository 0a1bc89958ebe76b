package io.alertscoring.launcher.data;

import io.alertscoring.generator.economy.NetworkProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code generate} and {@code replay}: {@code --name value} pairs and flags, each at
 * most once. Every mistake becomes a {@link UsageError} with one line that names the option.
 */
final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  /** A command-line mistake: one line, exit status 2. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  static Args parse(String[] args, Set<String> valued, Set<String> flagNames, String usage)
      throws UsageError {
    Args parsed = new Args();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (valued.contains(a)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageError(a + " needs a value");
        }
        if (parsed.values.put(a, args[++i]) != null) {
          throw new UsageError(a + " is given twice");
        }
      } else if (flagNames.contains(a)) {
        if (!parsed.flags.add(a)) {
          throw new UsageError(a + " is given twice");
        }
      } else {
        throw new UsageError("unknown option '" + a + "'. " + usage);
      }
    }
    return parsed;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  String optional(String name) {
    return values.get(name);
  }

  String required(String name) throws UsageError {
    String v = values.get(name);
    if (v == null) {
      throw new UsageError(name + " is required");
    }
    return v;
  }

  long longValue(String name, long min, long max, long fallback) throws UsageError {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageError(name + " must be a whole number, got '" + v + "'");
    }
    if (parsed < min || parsed > max) {
      throw new UsageError(name + " must be in [" + min + ", " + max + "], got " + v);
    }
    return parsed;
  }

  int intValue(String name, int min, int max, int fallback) throws UsageError {
    return (int) longValue(name, min, max, fallback);
  }

  double doubleValue(String name, double min, double max, double fallback) throws UsageError {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageError(name + " must be a number, got '" + v + "'");
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new UsageError(name + " must be in [" + min + ", " + max + "], got " + v);
    }
    return parsed;
  }

  static LocalDate date(String name, String value) throws UsageError {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageError("bad date '" + value + "' for " + name + ": expected YYYY-MM-DD");
    }
  }

  LocalDate date(String name, LocalDate fallback) throws UsageError {
    String v = values.get(name);
    return v == null ? fallback : date(name, v);
  }

  static String network(String value) throws UsageError {
    if (!NetworkProfile.NAME.matcher(value).matches()) {
      throw new UsageError(
          "bad network '"
              + value
              + "': expected a lower-case name of [a-z0-9_-], 1-32 characters (e.g. ethereum)");
    }
    return value;
  }

  Path existingDirectory(String name) throws UsageError {
    Path p = Path.of(values.get(name));
    if (!Files.isDirectory(p)) {
      throw new UsageError(name + ": directory " + p + " does not exist");
    }
    return p;
  }

  Path existingFile(String name) throws UsageError {
    Path p = Path.of(values.get(name));
    if (!Files.isRegularFile(p)) {
      throw new UsageError(name + ": file " + p + " does not exist");
    }
    return p;
  }
}
