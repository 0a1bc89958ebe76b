package io.alertscoring.api.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a {@code POST /score/alerts} body, {@code {"alerts": [...], "features": [...], "clusters":
 * [...], "money_flows": [...]}}, into a {@link ScoreRequest}.
 *
 * <p>Each record is decoded by {@link SotJson#decode} from its own bytes, cut out of the body as
 * posted: the job's decoder on the bytes a publisher would have put in a Kafka message, so a record
 * accepted here is the record the job reads, value for value, and a record refused here is one the
 * job dead-letters, with the same reason. A refusal is a 400 naming the record ({@code alerts[3]},
 * with its id when it has a readable one) and the decoder's "field: reason"; a record of another
 * batch than the first record's, or one repeating an earlier record's id, is refused too (the job
 * keeps one copy of a repeated record; a request holding two is ambiguous).
 *
 * <p>Only {@code alerts} is required (at least one); the other arrays may be absent or empty.
 * Unknown top-level fields are refused: a misspelt {@code money_flow} would otherwise score the
 * batch without its flows.
 */
public final class ScoreRequestReader {

  /** The top-level fields, in the order the answer counts them. */
  public static final List<String> FIELDS =
      List.of("alerts", "features", "clusters", "money_flows");

  private static final Map<String, RecordKind> KINDS =
      Map.of(
          "alerts", RecordKind.ALERT,
          "features", RecordKind.FEATURES,
          "clusters", RecordKind.CLUSTER,
          "money_flows", RecordKind.MONEY_FLOW);

  // the id each kind is known by in messages, as the job's dead letters name records
  private static final Map<RecordKind, String> ID_FIELDS =
      Map.of(
          RecordKind.ALERT, "alert_id",
          RecordKind.FEATURES, "address",
          RecordKind.CLUSTER, "cluster_id",
          RecordKind.MONEY_FLOW, "from_address");

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(SotJson.MAX_MESSAGE_BYTES)
                  .build())
          .build();

  private static final ObjectMapper LENIENT = new ObjectMapper();

  private final int maxAlerts;

  public ScoreRequestReader(int maxAlerts) {
    this.maxAlerts = maxAlerts;
  }

  /**
   * The request in {@code body}.
   *
   * @throws BadRequestResponse for malformed JSON, a refused record, records of two batches
   * @throws ContentTooLargeResponse for more than the configured number of alerts
   */
  public ScoreRequest read(byte[] body) {
    Objects.requireNonNull(body, "body");
    Records records = new Records();
    String at = "the request";
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequestResponse(
            "the request must be a JSON object with the arrays " + String.join(", ", FIELDS));
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        RecordKind kind = KINDS.get(field);
        if (kind == null) {
          throw new BadRequestResponse(
              "unknown field '"
                  + field
                  + "' in the request; expected "
                  + String.join(", ", FIELDS));
        }
        at = "'" + field + "'";
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new BadRequestResponse("'" + field + "' must be an array of " + field + " records");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          at = field + "[" + index + "]";
          if (kind == RecordKind.ALERT && index >= maxAlerts) {
            throw new ContentTooLargeResponse(
                "too many alerts: more than the limit of " + maxAlerts + " per request");
          }
          if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new BadRequestResponse(
                at + " rejected: expected a JSON object, got " + parser.currentToken());
          }
          long start = parser.currentTokenLocation().getByteOffset();
          if (start < 0) {
            // Jackson read the body as UTF-16 or UTF-32: no byte offsets, and not what Kafka
            // carries
            throw new BadRequestResponse("the request must be JSON in UTF-8");
          }
          parser.skipChildren(); // checks the record's syntax; the decoder checks the rest
          long end = parser.currentLocation().getByteOffset();
          records.add(field, index, kind, Arrays.copyOfRange(body, (int) start, (int) end));
          index++;
        }
      }
      if (parser.nextToken() != null) {
        throw new BadRequestResponse("malformed JSON: content after the request object");
      }
    } catch (StreamReadException e) {
      throw new BadRequestResponse(
          "malformed JSON in "
              + at
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequestResponse("unreadable request: " + e.getMessage());
    }
    if (records.alerts.isEmpty()) {
      throw new BadRequestResponse("no alerts: 'alerts' must hold at least one alert record");
    }
    return new ScoreRequest(
        records.key, records.alerts, records.features, records.clusters, records.flows);
  }

  /** The records decoded so far, the batch they belong to and the ids already seen. */
  private static final class Records {
    BatchKey key;
    String keySetBy;
    final Map<String, String> seen = new HashMap<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<AddressFeatures> features = new ArrayList<>();
    final List<AlertCluster> clusters = new ArrayList<>();
    final List<MoneyFlow> flows = new ArrayList<>();

    void add(String field, int index, RecordKind kind, byte[] message) {
      SotRecord record;
      try {
        record = SotJson.decode(kind, message);
      } catch (RecordValidationException e) {
        throw new BadRequestResponse(
            name(field, index, kind, message) + " rejected: " + e.getMessage());
      }
      String name = field + "[" + index + "] (" + ID_FIELDS.get(kind) + " '" + idOf(record) + "')";
      BatchKey recordKey = record.batchKey();
      if (key == null) {
        key = recordKey;
        keySetBy = name;
      } else if (!key.equals(recordKey)) {
        throw new BadRequestResponse(name + " rejected: " + difference(recordKey));
      }
      String earlier = seen.putIfAbsent(kind + "/" + record.recordId(), field + "[" + index + "]");
      if (earlier != null) {
        throw new BadRequestResponse(
            name + " rejected: repeats " + earlier + "; a batch holds each record once");
      }
      switch (kind) {
        case ALERT -> alerts.add((Alert) record);
        case FEATURES -> features.add((AddressFeatures) record);
        case CLUSTER -> clusters.add((AlertCluster) record);
        case MONEY_FLOW -> flows.add((MoneyFlow) record);
        default -> throw new IllegalStateException("not a batch record: " + kind);
      }
    }

    /** Which of the batch key's fields differs from the first record's, first one first. */
    private String difference(BatchKey other) {
      String suffix = "; every record of a request must be of one batch, set by " + keySetBy;
      if (!key.network().equals(other.network())) {
        return "network: '"
            + other.network()
            + "' differs from the batch's '"
            + key.network()
            + "'"
            + suffix;
      }
      if (!key.processingDate().equals(other.processingDate())) {
        return "processing_date: '"
            + other.processingDate()
            + "' differs from the batch's '"
            + key.processingDate()
            + "'"
            + suffix;
      }
      return "window_days: "
          + other.windowDays()
          + " differs from the batch's "
          + key.windowDays()
          + suffix;
    }
  }

  private static String idOf(SotRecord record) {
    if (record instanceof MoneyFlow flow) {
      return flow.fromAddress() + "', to_address '" + flow.toAddress();
    }
    return record.recordId();
  }

  /**
   * {@code alerts[3]}, with {@code (alert_id 'a-1')} when the refused record has a readable id: a
   * lenient second look at a record the decoder refused, so the message finds it in the request.
   */
  private static String name(String field, int index, RecordKind kind, byte[] message) {
    String name = field + "[" + index + "]";
    String idField = ID_FIELDS.get(kind);
    try {
      JsonNode id = LENIENT.readTree(message).get(idField);
      if (id != null && id.isTextual() && !id.asText().isEmpty() && id.asText().length() <= 256) {
        return name + " (" + idField + " '" + id.asText() + "')";
      }
    } catch (IOException e) {
      // no readable id: the index names it
    }
    return name;
  }
}
