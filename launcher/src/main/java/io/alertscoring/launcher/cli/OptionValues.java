package io.alertscoring.launcher.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types do not make, each mistake a {@link
 * ParameterException} with one line that names the option (exit status 2). Values that need more
 * than picocli's parsing (a range, an existing file, a date) are taken as text and checked here, so
 * the message says what is expected rather than which Java type failed.
 */
public final class OptionValues {
  private final CommandSpec spec;

  private OptionValues(CommandSpec spec) {
    this.spec = spec;
  }

  /** Checks for the options of the command {@code spec} (its {@code @Spec}). */
  public static OptionValues of(CommandSpec spec) {
    return new OptionValues(spec);
  }

  /** A usage error of this command. */
  public ParameterException error(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Whether {@code option} was given on the command line (not only defaulted). */
  public boolean given(String option) {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption(option);
  }

  public String required(String option, String value) {
    if (value == null) {
      throw error(option + " is required");
    }
    return value;
  }

  /** Null stays null (absent); an empty value is a mistake. */
  public String notEmpty(String option, String value) {
    if (value != null && value.isBlank()) {
      throw error(option + " must not be empty");
    }
    return value;
  }

  /** A whole number in [min, max] ({@code 1_000_000} allowed), or {@code fallback} when absent. */
  public long wholeNumber(String option, String value, long min, long max, long fallback) {
    if (value == null) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw error(option + " must be a whole number, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw error(option + " must be in [" + min + ", " + max + "], got " + value);
    }
    return parsed;
  }

  /** {@link #wholeNumber} for an int option. */
  public int intValue(String option, String value, int min, int max, int fallback) {
    return (int) wholeNumber(option, value, min, max, fallback);
  }

  /** A whole number in [min, max], or null when absent. */
  public Integer optionalInt(String option, String value, int min, int max) {
    return value == null ? null : intValue(option, value, min, max, 0);
  }

  /** A whole number, or null when absent. */
  public Long optionalLong(String option, String value) {
    return value == null ? null : wholeNumber(option, value, Long.MIN_VALUE, Long.MAX_VALUE, 0);
  }

  /** A number in [min, max], or {@code fallback} when absent. */
  public double number(String option, String value, double min, double max, double fallback) {
    if (value == null) {
      return fallback;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw error(option + " must be a number, got '" + value + "'");
    }
    if (!(parsed >= min && parsed <= max)) {
      throw error(option + " must be in [" + min + ", " + max + "], got " + value);
    }
    return parsed;
  }

  /** A date YYYY-MM-DD, or {@code fallback} when absent. */
  public LocalDate date(String option, String value, LocalDate fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw error(option + " must be a date YYYY-MM-DD, got '" + value + "'");
    }
  }

  /** An existing directory, or null when absent. */
  public Path existingDirectory(String option, String value) {
    if (value == null) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isDirectory(path)) {
      throw error(option + ": directory " + value + " does not exist");
    }
    return path;
  }

  /** An existing regular file, or null when absent. */
  public Path existingFile(String option, String value) {
    if (notEmpty(option, value) == null) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isRegularFile(path)) {
      throw error(option + ": no such file " + value);
    }
    return path;
  }

  /** A file to write whose directory exists, or null when absent. */
  public Path outputFile(String option, String value) {
    if (notEmpty(option, value) == null) {
      return null;
    }
    Path path = Path.of(value).toAbsolutePath();
    if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
      throw error(option + ": directory " + path.getParent() + " does not exist");
    }
    if (Files.isDirectory(path)) {
      throw error(option + ": " + value + " is a directory");
    }
    return path;
  }

  /** A ClickHouse JDBC URL, or null when absent. */
  public String clickhouseUrl(String option, String value) {
    if (notEmpty(option, value) != null && !value.startsWith("jdbc:clickhouse://")) {
      throw error(
          option
              + " must be a JDBC URL like jdbc:clickhouse://HOST:8123/DATABASE?compress=false, got '"
              + value
              + "'");
    }
    return value;
  }

  /** At most one of two options given. */
  public void exclusive(String first, boolean hasFirst, String second, boolean hasSecond) {
    if (hasFirst && hasSecond) {
      throw error("give either " + first + " or " + second + ", not both");
    }
  }
}
