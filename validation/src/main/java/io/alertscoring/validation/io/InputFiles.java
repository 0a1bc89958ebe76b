package io.alertscoring.validation.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import io.alertscoring.validation.InputAlerts;
import io.alertscoring.validation.LabelSet;
import io.alertscoring.validation.Trap;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The user-supplied files: labels and input alerts as JSONL in the SOT wire format (decoded by the
 * same strict {@link SotJson} the job uses, so a file the job would reject is rejected here, with
 * its line number), and trap lists as a JSON array.
 */
public final class InputFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private InputFiles() {}

  /**
   * The labels of {@code network} in a JSONL file of address labels. When an address is labelled
   * more than once, the label with the latest processing date wins (the later line on a tie), as
   * the newest ground truth should.
   */
  public static LabelSet labels(Path file, String network) {
    Map<String, AddressLabel> byAddress = new HashMap<>();
    eachLine(
        file,
        RecordKind.ADDRESS_LABEL,
        record -> {
          AddressLabel label = (AddressLabel) record;
          if (!label.network().equals(network)) {
            return;
          }
          byAddress.merge(
              label.address(),
              label,
              (old, neu) -> neu.processingDate().compareTo(old.processingDate()) >= 0 ? neu : old);
        });
    return new LabelSet(
        "labels file " + file + " (" + byAddress.size() + " addresses on " + network + ")",
        byAddress);
  }

  /** The ids of the batch's alerts in a JSONL file of SOT alerts, in file order. */
  public static InputAlerts alerts(Path file, BatchKey batch) {
    List<String> ids = new ArrayList<>();
    eachLine(
        file,
        RecordKind.ALERT,
        record -> {
          Alert alert = (Alert) record;
          if (alert.batchKey().equals(batch)) {
            ids.add(alert.alertId());
          }
        });
    return new InputAlerts("alerts file " + file, ids);
  }

  /**
   * A trap list: a JSON array of {@code {"alert_id": "...", "expected_score": 0.42}}.
   *
   * @throws ValidationException if the file is not such an array
   */
  public static List<Trap> traps(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          "trap file " + file + ": malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ValidationException("cannot read trap file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new ValidationException(
          "trap file " + file + ": expected a JSON array of {alert_id, expected_score}");
    }
    List<Trap> traps = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      JsonNode id = item.get("alert_id");
      JsonNode expected = item.get("expected_score");
      if (id == null
          || !id.isTextual()
          || id.asText().isBlank()
          || expected == null
          || !expected.isNumber()
          || !Double.isFinite(expected.asDouble())) {
        throw new ValidationException(
            "trap file "
                + file
                + ": element "
                + i
                + " needs a non-empty string alert_id and a numeric expected_score");
      }
      traps.add(new Trap(id.asText(), expected.asDouble()));
    }
    return traps;
  }

  private static void eachLine(
      Path file, RecordKind kind, Consumer<io.alertscoring.schemas.input.SotRecord> consumer) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          consumer.accept(SotJson.decode(kind, line));
        } catch (RecordValidationException e) {
          throw new ValidationException(file + " line " + number + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new ValidationException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
