package io.alertscoring.schemas.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Strict decoding and canonical encoding of SOT records. Unknown fields are ignored, because newer
 * upstream versions add columns; everything the product reads is checked for presence, type, range
 * and size. Stateless and thread-safe.
 */
public final class SotJson {
  /** Largest accepted message; bigger ones are dead-lettered before parsing. */
  public static final int MAX_MESSAGE_BYTES = 1 << 20;

  static final int MAX_ID = 256;
  static final int MAX_TEXT = 10_000;
  static final int MAX_EVIDENCE = 100_000;
  static final int MAX_LIST = 100_000;

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(MAX_MESSAGE_BYTES)
                .build());
  }

  private SotJson() {}

  /**
   * Decodes one message of the given kind or says precisely why it cannot be accepted.
   *
   * <p>Two decoders, one contract: the streaming {@link SotStreamDecoder} decodes every message it
   * can accept in one token loop (no tree, no BigDecimal for double fields); anything else goes to
   * the tree decoder below, which decides and words the rejection exactly as before. A rejected
   * message is therefore parsed twice: dead letters are rare, and this keeps the accepted set, the
   * values and every error message identical by construction.
   */
  public static SotRecord decode(RecordKind kind, byte[] message) throws RecordValidationException {
    if (message == null) {
      throw new RecordValidationException("", "empty message (null value)");
    }
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new RecordValidationException(
          "", "message too large: " + message.length + " bytes, at most " + MAX_MESSAGE_BYTES);
    }
    SotRecord record = SotStreamDecoder.tryDecode(MAPPER, kind, message);
    return record != null ? record : decodeTree(kind, message);
  }

  /**
   * The reference decoder: the whole message as a Jackson tree, then typed field reads. {@link
   * #decode} falls back to it for every message the streaming decoder does not accept; public as
   * the baseline of the decode benchmark and the equivalence tests (no size check of its own).
   */
  public static SotRecord decodeTree(RecordKind kind, byte[] message)
      throws RecordValidationException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(message);
    } catch (JsonProcessingException e) {
      throw new RecordValidationException("", "malformed JSON: " + e.getOriginalMessage());
    } catch (NumberFormatException e) {
      // a float whose exponent BigDecimal cannot represent (1e9999999999): Jackson lets the
      // NumberFormatException through; it is a malformed record, not a reason to fail the job
      throw new RecordValidationException("", "malformed JSON: " + e.getMessage());
    } catch (IOException e) {
      throw new RecordValidationException("", "unreadable message: " + e.getMessage());
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new RecordValidationException(
          "", "expected a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
    }
    JsonFields f = new JsonFields(object);
    return switch (kind) {
      case ALERT -> alert(f);
      case FEATURES -> features(f);
      case CLUSTER -> cluster(f);
      case MONEY_FLOW -> moneyFlow(f);
      case BATCH_CONTROL -> control(f);
      case ADDRESS_LABEL -> label(f);
    };
  }

  public static SotRecord decode(RecordKind kind, String message) throws RecordValidationException {
    return decode(kind, message == null ? null : message.getBytes(StandardCharsets.UTF_8));
  }

  private static Alert alert(JsonFields f) throws RecordValidationException {
    return new Alert(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.nonEmptyString("alert_id", MAX_ID),
        f.nonEmptyString("address", MAX_ID),
        f.nonEmptyString("typology_type", MAX_ID),
        f.optionalString("pattern_id", MAX_ID),
        f.optionalString("pattern_type", MAX_ID),
        f.enumValue("severity", Severity.class),
        f.enumValue("suspected_address_type", AddressType.class),
        f.optionalString("suspected_address_subtype", MAX_ID),
        f.doubleValue("alert_confidence_score", 0.0, 1.0),
        f.optionalString("description", MAX_TEXT),
        f.amount("volume_usd"),
        f.optionalString("evidence_json", MAX_EVIDENCE),
        f.stringList("risk_indicators", 256, MAX_ID, false));
  }

  private static AddressFeatures features(JsonFields f) throws RecordValidationException {
    String network = f.network();
    String date = f.processingDate();
    int window = f.windowDays();
    String address = f.nonEmptyString("address", MAX_ID);
    double[] values = new double[FeatureColumns.count()];
    for (int i = 0; i < values.length; i++) {
      String column = FeatureColumns.NUMERIC.get(i);
      values[i] = FeatureColumns.isFlag(column) ? f.optionalFlag(column) : f.optionalDouble(column);
    }
    return new AddressFeatures(
        network,
        date,
        window,
        address,
        values,
        f.optionalString("dominant_asset_in", MAX_ID),
        f.optionalString("dominant_asset_out", MAX_ID),
        f.optionalCounts("hourly_activity", FeatureColumns.HOURLY_LENGTH),
        f.optionalCounts("daily_activity", FeatureColumns.DAILY_LENGTH));
  }

  private static AlertCluster cluster(JsonFields f) throws RecordValidationException {
    return new AlertCluster(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.nonEmptyString("cluster_id", MAX_ID),
        f.nonEmptyString("cluster_type", MAX_ID),
        f.optionalString("primary_address", MAX_ID),
        f.optionalString("pattern_id", MAX_ID),
        f.optionalString("primary_alert_id", MAX_ID),
        f.stringList("related_alert_ids", MAX_LIST, MAX_ID, true),
        f.stringList("addresses_involved", MAX_LIST, MAX_ID, false),
        (int) f.longValue("total_alerts", 0, Integer.MAX_VALUE),
        f.amount("total_volume_usd"),
        f.enumValue("severity_max", Severity.class),
        f.doubleValue("confidence_avg", 0.0, 1.0),
        f.optionalLong("earliest_alert_timestamp", 0, Long.MAX_VALUE, 0),
        f.optionalLong("latest_alert_timestamp", 0, Long.MAX_VALUE, 0));
  }

  private static MoneyFlow moneyFlow(JsonFields f) throws RecordValidationException {
    return new MoneyFlow(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.nonEmptyString("from_address", MAX_ID),
        f.nonEmptyString("to_address", MAX_ID),
        f.longValue("tx_count", 0, Long.MAX_VALUE),
        f.amount("amount_sum"),
        f.amount("amount_usd_sum"),
        f.optionalLong("first_seen_timestamp", 0, Long.MAX_VALUE, 0),
        f.optionalLong("last_seen_timestamp", 0, Long.MAX_VALUE, 0),
        (int) f.optionalLong("active_days", 0, 100_000, 0),
        f.optionalDouble("avg_tx_size_usd"),
        (int) f.optionalLong("unique_assets", 0, 1_000_000, 0),
        f.optionalString("dominant_asset", MAX_ID),
        f.optionalCounts("hourly_pattern", 24),
        f.optionalCounts("weekly_pattern", 7),
        f.optionalDouble("reciprocity_ratio"),
        f.booleanValue("is_bidirectional"));
  }

  private static BatchControl control(JsonFields f) throws RecordValidationException {
    return new BatchControl(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.longValue("alert_count", 0, Integer.MAX_VALUE),
        f.longValue("feature_count", 0, Integer.MAX_VALUE),
        f.longValue("cluster_count", 0, Integer.MAX_VALUE),
        f.longValue("money_flow_count", 0, Integer.MAX_VALUE),
        f.optionalLong("published_at", 0, Long.MAX_VALUE, 0));
  }

  private static AddressLabel label(JsonFields f) throws RecordValidationException {
    return new AddressLabel(
        f.network(),
        f.processingDate(),
        f.windowDays(),
        f.nonEmptyString("address", MAX_ID),
        f.nonEmptyString("label", MAX_ID),
        f.optionalString("address_type", MAX_ID),
        f.enumValue("risk_level", Severity.class),
        f.doubleValue("confidence_score", 0.0, 1.0),
        f.optionalString("source", MAX_ID));
  }

  // ---------------------------------------------------------------- encoding

  /** Encodes a record in the wire form that {@link #decode} accepts. */
  public static String encode(SotRecord record) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("network", record.batchKey().network());
    o.put("processing_date", record.batchKey().processingDate());
    o.put("window_days", record.batchKey().windowDays());
    if (record instanceof Alert a) {
      o.put("alert_id", a.alertId());
      o.put("address", a.address());
      o.put("typology_type", a.typologyType());
      o.put("pattern_id", a.patternId());
      o.put("pattern_type", a.patternType());
      o.put("severity", a.severity().wireName());
      o.put("suspected_address_type", a.suspectedAddressType().wireName());
      o.put("suspected_address_subtype", a.suspectedAddressSubtype());
      o.put("alert_confidence_score", a.alertConfidenceScore());
      o.put("description", a.description());
      o.put("volume_usd", a.volumeUsd());
      o.put("evidence_json", a.evidenceJson());
      strings(o.putArray("risk_indicators"), a.riskIndicators());
    } else if (record instanceof AddressFeatures x) {
      o.put("address", x.address());
      double[] values = x.values();
      for (int i = 0; i < values.length; i++) {
        String column = FeatureColumns.NUMERIC.get(i);
        if (Double.isNaN(values[i])) {
          continue; // missing stays missing: the field is left out
        }
        if (FeatureColumns.isFlag(column)) {
          o.put(column, values[i] != 0.0);
        } else {
          o.put(column, values[i]);
        }
      }
      putIfPresent(o, "dominant_asset_in", x.dominantAssetIn());
      putIfPresent(o, "dominant_asset_out", x.dominantAssetOut());
      numbers(o, "hourly_activity", x.hourlyActivity());
      numbers(o, "daily_activity", x.dailyActivity());
    } else if (record instanceof AlertCluster c) {
      o.put("cluster_id", c.clusterId());
      o.put("cluster_type", c.clusterType());
      o.put("primary_address", c.primaryAddress());
      o.put("pattern_id", c.patternId());
      o.put("primary_alert_id", c.primaryAlertId());
      strings(o.putArray("related_alert_ids"), c.relatedAlertIds());
      strings(o.putArray("addresses_involved"), c.addressesInvolved());
      o.put("total_alerts", c.totalAlerts());
      o.put("total_volume_usd", c.totalVolumeUsd());
      o.put("severity_max", c.severityMax().wireName());
      o.put("confidence_avg", c.confidenceAvg());
      o.put("earliest_alert_timestamp", c.earliestAlertTimestamp());
      o.put("latest_alert_timestamp", c.latestAlertTimestamp());
    } else if (record instanceof MoneyFlow m) {
      o.put("from_address", m.fromAddress());
      o.put("to_address", m.toAddress());
      o.put("tx_count", m.txCount());
      o.put("amount_sum", m.amountSum());
      o.put("amount_usd_sum", m.amountUsdSum());
      o.put("first_seen_timestamp", m.firstSeenTimestamp());
      o.put("last_seen_timestamp", m.lastSeenTimestamp());
      o.put("active_days", m.activeDays());
      if (!Double.isNaN(m.avgTxSizeUsd())) {
        o.put("avg_tx_size_usd", m.avgTxSizeUsd());
      }
      o.put("unique_assets", m.uniqueAssets());
      putIfPresent(o, "dominant_asset", m.dominantAsset());
      numbers(o, "hourly_pattern", m.hourlyPattern());
      numbers(o, "weekly_pattern", m.weeklyPattern());
      if (!Double.isNaN(m.reciprocityRatio())) {
        o.put("reciprocity_ratio", m.reciprocityRatio());
      }
      o.put("is_bidirectional", m.bidirectional());
    } else if (record instanceof BatchControl b) {
      o.put("alert_count", b.alertCount());
      o.put("feature_count", b.featureCount());
      o.put("cluster_count", b.clusterCount());
      o.put("money_flow_count", b.moneyFlowCount());
      o.put("published_at", b.publishedAt());
    } else if (record instanceof AddressLabel l) {
      o.put("address", l.address());
      o.put("label", l.label());
      o.put("address_type", l.addressType());
      o.put("risk_level", l.riskLevel().wireName());
      o.put("confidence_score", l.confidenceScore());
      o.put("source", l.source());
    } else {
      throw new IllegalArgumentException("unknown record type " + record.getClass());
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + record.kind(), e);
    }
  }

  private static void putIfPresent(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static void numbers(ObjectNode o, String field, double[] values) {
    if (values != null) {
      ArrayNode array = o.putArray(field);
      for (double v : values) {
        array.add(v);
      }
    }
  }
}
