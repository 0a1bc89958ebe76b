package io.alertscoring.launcher.validate;

import io.alertscoring.launcher.cli.OptionValues;
import java.nio.file.Files;
import java.nio.file.Path;

/** The scores sources {@code validate} and {@code compare} read: a ClickHouse URL or a file. */
final class Sources {
  private Sources() {}

  /** A ClickHouse JDBC URL or an existing JSONL file; null stays null. */
  static String source(OptionValues v, String option, String value) {
    if (v.notEmpty(option, value) == null || value.startsWith("jdbc:clickhouse://")) {
      return value;
    }
    if (value.startsWith("jdbc:")) {
      throw v.error(option + ": only jdbc:clickhouse:// URLs are supported, got '" + value + "'");
    }
    if (!Files.isRegularFile(Path.of(value))) {
      throw v.error(
          option
              + " must be a jdbc:clickhouse:// URL or an existing scores file, got '"
              + value
              + "'");
    }
    return value;
  }
}
