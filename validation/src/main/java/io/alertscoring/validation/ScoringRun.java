package io.alertscoring.validation;

import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a source holds for one batch: the stored scores (read with FINAL), the required columns the
 * source lacks, and the batch's metadata row when the source has one.
 *
 * @param source description of the source, e.g. a JDBC URL without parameters or a file path
 * @param scores the alert scores, one row per stored alert score; a column the source lacks reads
 *     as an empty string or NaN
 * @param missingColumns required columns absent from the source
 * @param metadata the batch's {@code batch_metadata} row, when the source has one
 */
public record ScoringRun(
    String source,
    List<AlertScore> scores,
    Set<String> missingColumns,
    Optional<BatchMetadata> metadata) {

  public ScoringRun {
    scores = List.copyOf(scores);
    missingColumns = Set.copyOf(missingColumns);
  }
}
