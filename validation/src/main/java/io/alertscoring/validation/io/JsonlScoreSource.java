package io.alertscoring.validation.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.validation.ScoringRun;
import io.alertscoring.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alert scores in a JSONL file: one {@link AlertScore} per line in the product's output JSON
 * ({@link OutputJson}: snake_case names equal to the {@code alert_scores} columns). A file may hold
 * several batches; {@link #read(BatchKey)} keeps the lines of one. A file has no batch metadata.
 *
 * <p>Lines are taken as they are: unlike a table read with FINAL, two lines for one alert id are
 * two scores, which the integrity tier reports. A field absent from some line makes its column
 * "missing" for the whole file; a line without network, processing_date or window_days belongs to
 * no batch and is skipped.
 */
public final class JsonlScoreSource implements ScoreSource {
  private static final ObjectMapper MAPPER = OutputJson.mapper();

  private final Path path;
  private final List<AlertScore> rows;
  private final Set<String> missingColumns;

  private JsonlScoreSource(Path path, List<AlertScore> rows, Set<String> missingColumns) {
    this.path = path;
    this.rows = List.copyOf(rows);
    this.missingColumns = Set.copyOf(missingColumns);
  }

  /**
   * Reads the whole file.
   *
   * @throws ValidationException on unreadable files or a line that is not a JSON object
   */
  public static JsonlScoreSource read(Path path) {
    List<AlertScore> rows = new ArrayList<>();
    Set<String> missing = new TreeSet<>();
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          throw new ValidationException(
              path + " line " + number + ": malformed JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
          throw new ValidationException(path + " line " + number + ": not a JSON object");
        }
        for (String column : Validator.REQUIRED_COLUMNS) {
          if (!node.hasNonNull(column)) {
            missing.add(column);
          }
        }
        if (!node.hasNonNull("network")
            || !node.hasNonNull("processing_date")
            || !node.path("window_days").canConvertToInt()) {
          continue;
        }
        rows.add(
            new AlertScore(
                node.get("network").asText(),
                node.get("processing_date").asText(),
                node.get("window_days").asInt(),
                node.hasNonNull("run_id") ? node.get("run_id").asText() : "",
                text(node, "alert_id"),
                text(node, "address"),
                text(node, "typology_type"),
                node.path("volume_usd").asDouble(Double.NaN),
                number(node, "score"),
                text(node, "priority"),
                text(node, "model_version"),
                text(node, "model_sha256"),
                text(node, "explanation_json"),
                number(node, "latency_ms"),
                node.path("processed_at").asLong(0),
                node.path("version").asLong(0)));
      }
    } catch (IOException e) {
      throw new ValidationException("cannot read scores file " + path + ": " + e.getMessage(), e);
    }
    return new JsonlScoreSource(path, rows, missing);
  }

  /** Writes scores in the format {@link #read(Path)} reads, one per line. */
  public static void write(Path path, Collection<AlertScore> scores) {
    try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      for (AlertScore score : scores) {
        writer.write(OutputJson.encode(score));
        writer.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  @Override
  public String description() {
    return path.toString();
  }

  @Override
  public List<Integer> windows(String network, String processingDate) {
    return List.copyOf(
        rows.stream()
            .filter(r -> r.network().equals(network) && r.processingDate().equals(processingDate))
            .map(AlertScore::windowDays)
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }

  @Override
  public ScoringRun read(BatchKey batch) {
    List<AlertScore> selected =
        rows.stream()
            .filter(
                r ->
                    r.network().equals(batch.network())
                        && r.processingDate().equals(batch.processingDate())
                        && r.windowDays() == batch.windowDays())
            .toList();
    return new ScoringRun(description(), selected, missingColumns, Optional.empty());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  /** A JSON number; anything else (absent, a string, null) reads as NaN and fails range checks. */
  private static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
  }
}
