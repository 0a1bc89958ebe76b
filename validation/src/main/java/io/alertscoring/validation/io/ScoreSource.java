package io.alertscoring.validation.io;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.validation.ScoringRun;
import java.util.List;

/** A place that holds stored alert scores: a ClickHouse database or a JSONL file. */
public interface ScoreSource {
  /** For reports: a JDBC URL without its parameters, or a file path. */
  String description();

  /** The window sizes stored for a network and date, ascending; empty when there is nothing. */
  List<Integer> windows(String network, String processingDate);

  /** The stored run of one batch (no rows when the source has none for it). */
  ScoringRun read(BatchKey batch);

  /**
   * Opens {@code spec}: a {@code jdbc:clickhouse://} URL or the path of a JSONL file of alert
   * scores.
   *
   * @throws IllegalArgumentException if it is neither
   */
  static ScoreSource open(String spec) {
    if (spec.startsWith("jdbc:clickhouse:")) {
      return new ClickHouseStore(spec);
    }
    java.nio.file.Path path = java.nio.file.Path.of(spec);
    if (!java.nio.file.Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "'" + spec + "' is neither a jdbc:clickhouse:// URL nor an existing scores file");
    }
    return JsonlScoreSource.read(path);
  }
}
