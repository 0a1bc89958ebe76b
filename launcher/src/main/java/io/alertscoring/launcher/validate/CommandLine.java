package io.alertscoring.launcher.validate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small {@code --name value} parser with checks that turn every mistake into a one-line {@link
 * UsageError}. Hand-written rather than a library: two commands with a dozen options do not justify
 * a dependency in the launcher's class path.
 */
final class CommandLine {
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final Set<String> flags;

  private CommandLine(Set<String> flags) {
    this.flags = flags;
  }

  /**
   * @param valued options that take a value
   * @param repeatable those of {@code valued} that may be given more than once
   * @param flags options without a value
   */
  static CommandLine parse(
      String[] args, Set<String> valued, Set<String> repeatable, Set<String> flags, String usage) {
    CommandLine line = new CommandLine(flags);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (flags.contains(name) && value == null) {
        line.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
        continue;
      }
      if (!valued.contains(name)) {
        throw new UsageError(
            (arg.startsWith("-") ? "unknown option '" : "unexpected argument '")
                + arg
                + "'. "
                + usage);
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageError(name + " needs a value");
        }
        value = args[++i];
      }
      List<String> list = line.values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!list.isEmpty() && !repeatable.contains(name)) {
        throw new UsageError(name + " given twice");
      }
      list.add(value);
    }
    return line;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  boolean flag(String name) {
    return flags.contains(name) && values.containsKey(name);
  }

  String required(String name) {
    String value = optional(name);
    if (value == null) {
      throw new UsageError(name + " is required");
    }
    return value;
  }

  String optional(String name) {
    List<String> list = values.get(name);
    if (list == null) {
      return null;
    }
    String value = list.get(0);
    if (value.isBlank()) {
      throw new UsageError(name + " must not be empty");
    }
    return value;
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  static String date(String name, String value) {
    try {
      return LocalDate.parse(value).toString();
    } catch (DateTimeParseException e) {
      throw new UsageError(name + " must be a date YYYY-MM-DD, got '" + value + "'");
    }
  }

  Integer optionalInt(String name, int min, int max) {
    String value = optional(name);
    if (value == null) {
      return null;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new UsageError(name + " must be in [" + min + ", " + max + "], got " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new UsageError(name + " must be a whole number, got '" + value + "'");
    }
  }

  Long optionalLong(String name) {
    String value = optional(name);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageError(name + " must be a whole number, got '" + value + "'");
    }
  }

  /** An existing regular file, or null when the option is absent. */
  Path existingFile(String name) {
    String value = optional(name);
    if (value == null) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isRegularFile(path)) {
      throw new UsageError(name + ": no such file " + value);
    }
    return path;
  }

  /** A file to write whose directory exists, or null when the option is absent. */
  Path outputFile(String name) {
    String value = optional(name);
    if (value == null) {
      return null;
    }
    Path path = Path.of(value).toAbsolutePath();
    if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
      throw new UsageError(name + ": directory " + path.getParent() + " does not exist");
    }
    if (Files.isDirectory(path)) {
      throw new UsageError(name + ": " + value + " is a directory");
    }
    return path;
  }

  /** A ClickHouse JDBC URL. */
  static String clickhouseUrl(String name, String value) {
    if (value != null && !value.startsWith("jdbc:clickhouse://")) {
      throw new UsageError(
          name + " must be a jdbc:clickhouse://host:port/database URL, got '" + value + "'");
    }
    return value;
  }

  /** A scores source: a ClickHouse JDBC URL or an existing JSONL file. */
  static String source(String name, String value) {
    if (value == null || value.startsWith("jdbc:clickhouse://")) {
      return value;
    }
    if (value.startsWith("jdbc:")) {
      throw new UsageError(
          name + ": only jdbc:clickhouse:// URLs are supported, got '" + value + "'");
    }
    if (!Files.isRegularFile(Path.of(value))) {
      throw new UsageError(
          name
              + " must be a jdbc:clickhouse:// URL or an existing scores file, got '"
              + value
              + "'");
    }
    return value;
  }

  static void exclusive(CommandLine line, String first, String second) {
    if (line.has(first) && line.has(second)) {
      throw new UsageError("give either " + first + " or " + second + ", not both");
    }
  }

  /** A command-line mistake: one line, exit status 2. */
  static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }
}
