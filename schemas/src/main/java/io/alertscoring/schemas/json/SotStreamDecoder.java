package io.alertscoring.schemas.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fast path of {@link SotJson#decode}: one token loop straight into the record's fields, no
 * tree. It only ever <em>accepts</em>: every message it cannot accept, for whatever reason, makes
 * {@link #tryDecode} return {@code null} and the tree decoder ({@link JsonFields}) decides and
 * words the rejection.
 *
 * <p>Trade-off: a rejected message is parsed twice, and the two decoders must agree on what they
 * accept. In exchange the rejection messages, their precedence (a syntax error anywhere wins over
 * any field error, field errors come in the tree decoder's order) and every odd input this path
 * does not bother with (integers beyond a long, a negative zero mantissa...) stay exactly as they
 * were, by construction. Rejections are dead letters, rare by definition; the differential test
 * ({@code SotStreamDecoderTest}) checks that both decoders accept the same messages and decode them
 * to the same values.
 *
 * <p>Accepting means the tree decoder would accept the same bytes with the same values: the parser
 * is the tree decoder's (same factory, nesting and length limits), a name twice in one object, at
 * any depth, is a duplicate as for the parser's duplicate detection (done here, cheaper), the whole
 * message including unknown fields is read to the end and must be followed by nothing, every string
 * is decoded (malformed UTF-8 fails as it did), every float is one the tree decoder's {@code
 * BigDecimal} parse accepts, and each field is checked at least as strictly as {@link JsonFields}
 * checks it. Values are the tree decoder's: doubles are the correctly rounded value of the decimal
 * text ({@link #floatValue}), amounts are {@code BigDecimal}s parsed from the token text and
 * normalised as Jackson's tree does (trailing zeros stripped, zero is {@code 0}).
 */
final class SotStreamDecoder {
  private SotStreamDecoder() {}

  /** Hands the message to the tree decoder. Preallocated and without a stack trace: cheap. */
  private static final class Delegate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Delegate() {
      super(null, null, false, false);
    }
  }

  private static final Delegate DELEGATE = new Delegate();

  /** {@link Fields#next} at the end of the object. */
  private static final int END = -2;

  /** Sentinel of a required integer field not (yet) seen; every accepted range is >= 0. */
  private static final long NO_LONG = Long.MIN_VALUE;

  private static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1e18);

  private static final Severity[] SEVERITY = Severity.values();
  private static final AddressType[] ADDRESS_TYPE = AddressType.values();
  private static final String[] SEVERITIES = wireNames(SEVERITY);
  private static final String[] ADDRESS_TYPES = wireNames(ADDRESS_TYPE);

  /*
   * Field names per kind; a name's position is its slot: the case label of its reader and its bit
   * in the duplicate check (a long: at most 64 fields; features use a boolean[]). One hash lookup
   * per name (the parser's names are interned, their hash cached) does both.
   */
  private static final Fields ALERT_FIELDS =
      new Fields(
          "network",
          "processing_date",
          "window_days",
          "alert_id",
          "address",
          "typology_type",
          "pattern_id",
          "pattern_type",
          "severity",
          "suspected_address_type",
          "suspected_address_subtype",
          "alert_confidence_score",
          "description",
          "volume_usd",
          "evidence_json",
          "risk_indicators");
  private static final Fields CLUSTER_FIELDS =
      new Fields(
          "network",
          "processing_date",
          "window_days",
          "cluster_id",
          "cluster_type",
          "primary_address",
          "pattern_id",
          "primary_alert_id",
          "related_alert_ids",
          "addresses_involved",
          "total_alerts",
          "total_volume_usd",
          "severity_max",
          "confidence_avg",
          "earliest_alert_timestamp",
          "latest_alert_timestamp");
  private static final Fields FLOW_FIELDS =
      new Fields(
          "network",
          "processing_date",
          "window_days",
          "from_address",
          "to_address",
          "tx_count",
          "amount_sum",
          "amount_usd_sum",
          "first_seen_timestamp",
          "last_seen_timestamp",
          "active_days",
          "avg_tx_size_usd",
          "unique_assets",
          "dominant_asset",
          "hourly_pattern",
          "weekly_pattern",
          "reciprocity_ratio",
          "is_bidirectional");
  private static final Fields CONTROL_FIELDS =
      new Fields(
          "network",
          "processing_date",
          "window_days",
          "alert_count",
          "feature_count",
          "cluster_count",
          "money_flow_count",
          "published_at");
  private static final Fields LABEL_FIELDS =
      new Fields(
          "network",
          "processing_date",
          "window_days",
          "address",
          "label",
          "address_type",
          "risk_level",
          "confidence_score",
          "source");

  /** Features: the numeric columns in their vector order, then the other fields. */
  private static final Fields FEATURE_FIELDS = featureFields();

  private static final int FEATURE_COUNT = FeatureColumns.count();
  private static final boolean[] IS_FLAG = new boolean[FEATURE_COUNT];

  static {
    for (int i = 0; i < FEATURE_COUNT; i++) {
      IS_FLAG[i] = FeatureColumns.isFlag(FeatureColumns.NUMERIC.get(i));
    }
  }

  /*
   * The last network name and processing date that passed their checks. A batch has one of each,
   * so nearly every record matches them: the regex and LocalDate.parse run once per batch instead
   * of once per record, and every record shares the two String instances (no allocation). Plain
   * fields on purpose: a racing thread sees null or a valid, immutable String (final-field
   * semantics); a stale value only costs one more check.
   */
  private static String lastNetwork;
  private static String lastDate;

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /**
   * Decodes the message if it is acceptable, else returns {@code null} (the caller then asks the
   * tree decoder, which rejects it with the precise reason, or in rare corner cases accepts it).
   */
  static SotRecord tryDecode(ObjectMapper mapper, RecordKind kind, byte[] message) {
    try (JsonParser p = mapper.createParser(message)) {
      // The parser's duplicate detection keeps a HashSet per object (a third of the cost of a
      // features record); names are checked here instead: slot bits, and sets only for unknown
      // names. Everything else about the parser stays the tree decoder's.
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      SotRecord record =
          switch (kind) {
            case ALERT -> alert(p);
            case FEATURES -> features(p);
            case CLUSTER -> cluster(p);
            case MONEY_FLOW -> moneyFlow(p);
            case BATCH_CONTROL -> control(p);
            case ADDRESS_LABEL -> label(p);
          };
      // FAIL_ON_TRAILING_TOKENS: nothing may follow the object (a syntax error there throws)
      return p.nextToken() == null ? record : null;
    } catch (IOException | RuntimeException e) {
      // Delegate, a parse error (JsonProcessingException), a BigDecimal that does not parse...
      return null;
    }
  }

  // ------------------------------------------------------------------ records

  private static Alert alert(JsonParser p) throws IOException {
    String network = null;
    String date = null;
    long window = NO_LONG;
    String alertId = null;
    String address = null;
    String typology = null;
    String patternId = null;
    String patternType = null;
    int severity = -1;
    int addressType = -1;
    String subtype = null;
    double confidence = Double.NaN;
    String description = null;
    BigDecimal volume = null;
    String evidence = null;
    List<String> indicators = List.of();
    long seen = 0;
    Set<String> unknown = null;
    for (int slot = ALERT_FIELDS.next(p, -1); slot != END; slot = ALERT_FIELDS.next(p, slot)) {
      if (slot >= 0) {
        seen = once(seen, slot);
      } else {
        unknown = onceUnknown(unknown, p.currentName());
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue; // null is absent, for every field
      }
      switch (slot) { // positions in ALERT_FIELDS
        case 0 -> network = network(p, t);
        case 1 -> date = processingDate(p, t);
        case 2 -> window = windowDays(p, t);
        case 3 -> alertId = nonEmpty(p, t, SotJson.MAX_ID);
        case 4 -> address = nonEmpty(p, t, SotJson.MAX_ID);
        case 5 -> typology = nonEmpty(p, t, SotJson.MAX_ID);
        case 6 -> patternId = text(p, t, SotJson.MAX_ID);
        case 7 -> patternType = text(p, t, SotJson.MAX_ID);
        case 8 -> severity = wireEnum(p, t, SEVERITIES);
        case 9 -> addressType = wireEnum(p, t, ADDRESS_TYPES);
        case 10 -> subtype = text(p, t, SotJson.MAX_ID);
        case 11 -> confidence = number(p, t, 0.0, 1.0);
        case 12 -> description = text(p, t, SotJson.MAX_TEXT);
        case 13 -> volume = amount(p, t);
        case 14 -> evidence = text(p, t, SotJson.MAX_EVIDENCE);
        case 15 -> indicators = strings(p, t, 256, SotJson.MAX_ID);
        default -> skip(p, t);
      }
    }
    if (network == null
        || date == null
        || window == NO_LONG
        || alertId == null
        || address == null
        || typology == null
        || severity < 0
        || addressType < 0
        || Double.isNaN(confidence)
        || volume == null) {
      throw DELEGATE; // "missing required field"
    }
    return new Alert(
        network,
        date,
        (int) window,
        alertId,
        address,
        typology,
        patternId,
        patternType,
        SEVERITY[severity],
        ADDRESS_TYPE[addressType],
        subtype,
        confidence,
        description,
        volume,
        evidence,
        indicators);
  }

  private static AddressFeatures features(JsonParser p) throws IOException {
    String network = null;
    String date = null;
    long window = NO_LONG;
    String address = null;
    double[] values = new double[FEATURE_COUNT];
    Arrays.fill(values, Double.NaN);
    String assetIn = null;
    String assetOut = null;
    double[] hourly = null;
    double[] daily = null;
    boolean[] seen = new boolean[FEATURE_FIELDS.size()];
    Set<String> unknown = null;
    for (int slot = FEATURE_FIELDS.next(p, -1); slot != END; slot = FEATURE_FIELDS.next(p, slot)) {
      if (slot >= 0) {
        if (seen[slot]) {
          throw DELEGATE; // duplicate
        }
        seen[slot] = true;
      } else {
        unknown = onceUnknown(unknown, p.currentName());
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      if (slot >= 0 && slot < FEATURE_COUNT) {
        values[slot] = IS_FLAG[slot] ? flag(p, t) : number(p, t);
        continue;
      }
      switch (slot - FEATURE_COUNT) { // the names after the columns in featureFields()
        case 0 -> network = network(p, t);
        case 1 -> date = processingDate(p, t);
        case 2 -> window = windowDays(p, t);
        case 3 -> address = nonEmpty(p, t, SotJson.MAX_ID);
        case 4 -> assetIn = text(p, t, SotJson.MAX_ID);
        case 5 -> assetOut = text(p, t, SotJson.MAX_ID);
        case 6 -> hourly = counts(p, t, FeatureColumns.HOURLY_LENGTH);
        case 7 -> daily = counts(p, t, FeatureColumns.DAILY_LENGTH);
        default -> skip(p, t);
      }
    }
    if (network == null || date == null || window == NO_LONG || address == null) {
      throw DELEGATE;
    }
    return new AddressFeatures(
        network, date, (int) window, address, values, assetIn, assetOut, hourly, daily);
  }

  private static AlertCluster cluster(JsonParser p) throws IOException {
    String network = null;
    String date = null;
    long window = NO_LONG;
    String clusterId = null;
    String clusterType = null;
    String primaryAddress = null;
    String patternId = null;
    String primaryAlertId = null;
    List<String> related = null;
    List<String> addresses = List.of();
    long totalAlerts = NO_LONG;
    BigDecimal volume = null;
    int severity = -1;
    double confidence = Double.NaN;
    long earliest = 0;
    long latest = 0;
    long seen = 0;
    Set<String> unknown = null;
    for (int slot = CLUSTER_FIELDS.next(p, -1); slot != END; slot = CLUSTER_FIELDS.next(p, slot)) {
      if (slot >= 0) {
        seen = once(seen, slot);
      } else {
        unknown = onceUnknown(unknown, p.currentName());
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue; // null is absent, for every field
      }
      switch (slot) { // positions in CLUSTER_FIELDS
        case 0 -> network = network(p, t);
        case 1 -> date = processingDate(p, t);
        case 2 -> window = windowDays(p, t);
        case 3 -> clusterId = nonEmpty(p, t, SotJson.MAX_ID);
        case 4 -> clusterType = nonEmpty(p, t, SotJson.MAX_ID);
        case 5 -> primaryAddress = text(p, t, SotJson.MAX_ID);
        case 6 -> patternId = text(p, t, SotJson.MAX_ID);
        case 7 -> primaryAlertId = text(p, t, SotJson.MAX_ID);
        case 8 -> related = strings(p, t, SotJson.MAX_LIST, SotJson.MAX_ID);
        case 9 -> addresses = strings(p, t, SotJson.MAX_LIST, SotJson.MAX_ID);
        case 10 -> totalAlerts = integer(p, t, 0, Integer.MAX_VALUE);
        case 11 -> volume = amount(p, t);
        case 12 -> severity = wireEnum(p, t, SEVERITIES);
        case 13 -> confidence = number(p, t, 0.0, 1.0);
        case 14 -> earliest = integer(p, t, 0, Long.MAX_VALUE);
        case 15 -> latest = integer(p, t, 0, Long.MAX_VALUE);
        default -> skip(p, t);
      }
    }
    if (network == null
        || date == null
        || window == NO_LONG
        || clusterId == null
        || clusterType == null
        || related == null
        || totalAlerts == NO_LONG
        || volume == null
        || severity < 0
        || Double.isNaN(confidence)) {
      throw DELEGATE;
    }
    return new AlertCluster(
        network,
        date,
        (int) window,
        clusterId,
        clusterType,
        primaryAddress,
        patternId,
        primaryAlertId,
        related,
        addresses,
        (int) totalAlerts,
        volume,
        SEVERITY[severity],
        confidence,
        earliest,
        latest);
  }

  private static MoneyFlow moneyFlow(JsonParser p) throws IOException {
    String network = null;
    String date = null;
    long window = NO_LONG;
    String from = null;
    String to = null;
    long txCount = NO_LONG;
    BigDecimal amount = null;
    BigDecimal amountUsd = null;
    long firstSeen = 0;
    long lastSeen = 0;
    long activeDays = 0;
    double avgTxSize = Double.NaN;
    long uniqueAssets = 0;
    String dominantAsset = null;
    double[] hourly = null;
    double[] weekly = null;
    double reciprocity = Double.NaN;
    int bidirectional = -1;
    long seen = 0;
    Set<String> unknown = null;
    for (int slot = FLOW_FIELDS.next(p, -1); slot != END; slot = FLOW_FIELDS.next(p, slot)) {
      if (slot >= 0) {
        seen = once(seen, slot);
      } else {
        unknown = onceUnknown(unknown, p.currentName());
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue; // null is absent, for every field
      }
      switch (slot) { // positions in FLOW_FIELDS
        case 0 -> network = network(p, t);
        case 1 -> date = processingDate(p, t);
        case 2 -> window = windowDays(p, t);
        case 3 -> from = nonEmpty(p, t, SotJson.MAX_ID);
        case 4 -> to = nonEmpty(p, t, SotJson.MAX_ID);
        case 5 -> txCount = integer(p, t, 0, Long.MAX_VALUE);
        case 6 -> amount = amount(p, t);
        case 7 -> amountUsd = amount(p, t);
        case 8 -> firstSeen = integer(p, t, 0, Long.MAX_VALUE);
        case 9 -> lastSeen = integer(p, t, 0, Long.MAX_VALUE);
        case 10 -> activeDays = integer(p, t, 0, 100_000);
        case 11 -> avgTxSize = number(p, t);
        case 12 -> uniqueAssets = integer(p, t, 0, 1_000_000);
        case 13 -> dominantAsset = text(p, t, SotJson.MAX_ID);
        case 14 -> hourly = counts(p, t, 24);
        case 15 -> weekly = counts(p, t, 7);
        case 16 -> reciprocity = number(p, t);
        case 17 -> bidirectional = bool(p, t) ? 1 : 0;
        default -> skip(p, t);
      }
    }
    if (network == null
        || date == null
        || window == NO_LONG
        || from == null
        || to == null
        || txCount == NO_LONG
        || amount == null
        || amountUsd == null
        || bidirectional < 0) {
      throw DELEGATE;
    }
    return new MoneyFlow(
        network,
        date,
        (int) window,
        from,
        to,
        txCount,
        amount,
        amountUsd,
        firstSeen,
        lastSeen,
        (int) activeDays,
        avgTxSize,
        (int) uniqueAssets,
        dominantAsset,
        hourly,
        weekly,
        reciprocity,
        bidirectional == 1);
  }

  private static BatchControl control(JsonParser p) throws IOException {
    String network = null;
    String date = null;
    long window = NO_LONG;
    long alerts = NO_LONG;
    long features = NO_LONG;
    long clusters = NO_LONG;
    long flows = NO_LONG;
    long publishedAt = 0;
    long seen = 0;
    Set<String> unknown = null;
    for (int slot = CONTROL_FIELDS.next(p, -1); slot != END; slot = CONTROL_FIELDS.next(p, slot)) {
      if (slot >= 0) {
        seen = once(seen, slot);
      } else {
        unknown = onceUnknown(unknown, p.currentName());
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue; // null is absent, for every field
      }
      switch (slot) { // positions in CONTROL_FIELDS
        case 0 -> network = network(p, t);
        case 1 -> date = processingDate(p, t);
        case 2 -> window = windowDays(p, t);
        case 3 -> alerts = integer(p, t, 0, Integer.MAX_VALUE);
        case 4 -> features = integer(p, t, 0, Integer.MAX_VALUE);
        case 5 -> clusters = integer(p, t, 0, Integer.MAX_VALUE);
        case 6 -> flows = integer(p, t, 0, Integer.MAX_VALUE);
        case 7 -> publishedAt = integer(p, t, 0, Long.MAX_VALUE);
        default -> skip(p, t);
      }
    }
    if (network == null
        || date == null
        || window == NO_LONG
        || alerts == NO_LONG
        || features == NO_LONG
        || clusters == NO_LONG
        || flows == NO_LONG) {
      throw DELEGATE;
    }
    return new BatchControl(
        network, date, (int) window, alerts, features, clusters, flows, publishedAt);
  }

  private static AddressLabel label(JsonParser p) throws IOException {
    String network = null;
    String date = null;
    long window = NO_LONG;
    String address = null;
    String label = null;
    String addressType = null;
    int risk = -1;
    double confidence = Double.NaN;
    String source = null;
    long seen = 0;
    Set<String> unknown = null;
    for (int slot = LABEL_FIELDS.next(p, -1); slot != END; slot = LABEL_FIELDS.next(p, slot)) {
      if (slot >= 0) {
        seen = once(seen, slot);
      } else {
        unknown = onceUnknown(unknown, p.currentName());
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue; // null is absent, for every field
      }
      switch (slot) { // positions in LABEL_FIELDS
        case 0 -> network = network(p, t);
        case 1 -> date = processingDate(p, t);
        case 2 -> window = windowDays(p, t);
        case 3 -> address = nonEmpty(p, t, SotJson.MAX_ID);
        case 4 -> label = nonEmpty(p, t, SotJson.MAX_ID);
        case 5 -> addressType = text(p, t, SotJson.MAX_ID);
        case 6 -> risk = wireEnum(p, t, SEVERITIES);
        case 7 -> confidence = number(p, t, 0.0, 1.0);
        case 8 -> source = text(p, t, SotJson.MAX_ID);
        default -> skip(p, t);
      }
    }
    if (network == null
        || date == null
        || window == NO_LONG
        || address == null
        || label == null
        || risk < 0
        || Double.isNaN(confidence)) {
      throw DELEGATE;
    }
    return new AddressLabel(
        network,
        date,
        (int) window,
        address,
        label,
        addressType,
        SEVERITY[risk],
        confidence,
        source);
  }

  // ------------------------------------------------------------------ names

  /** A kind's field names and their slots. */
  private static final class Fields {
    private final Map<String, Integer> slots = new HashMap<>();
    private final SerializedString[] serialized;

    Fields(String... names) {
      this(List.of(names));
    }

    Fields(List<String> names) {
      serialized = new SerializedString[names.size()];
      for (String name : names) {
        serialized[slots.size()] = new SerializedString(name);
        if (slots.put(name, slots.size()) != null) {
          throw new IllegalStateException("duplicate field " + name);
        }
      }
    }

    /**
     * Moves to the next field name of the object: its slot, -1 for an unknown name, {@link #END} at
     * the end of the object. Fields usually come in one order (the encoder's), so the name after
     * the previous slot's is tried first as raw bytes ({@code nextFieldName(SerializableString)}):
     * no symbol-table or hash lookup when it is the one.
     */
    int next(JsonParser p, int previous) throws IOException {
      int expected = previous + 1;
      if (expected < serialized.length) {
        if (p.nextFieldName(serialized[expected])) {
          return expected;
        }
      } else {
        p.nextToken();
      }
      if (p.currentToken() != JsonToken.FIELD_NAME) {
        return END; // END_OBJECT: anything else is a syntax error the parser has thrown
      }
      Integer slot = slots.get(p.currentName());
      return slot == null ? -1 : slot;
    }

    int size() {
      return slots.size();
    }
  }

  private static Fields featureFields() {
    List<String> names = new ArrayList<>(FeatureColumns.NUMERIC);
    names.addAll(
        List.of(
            "network",
            "processing_date",
            "window_days",
            "address",
            "dominant_asset_in",
            "dominant_asset_out",
            "hourly_activity",
            "daily_activity"));
    return new Fields(names);
  }

  /** Marks a known field's slot as seen; a name seen twice is a duplicate (the tree rejects it). */
  private static long once(long seen, int slot) {
    long bit = 1L << slot;
    if ((seen & bit) != 0) {
      throw DELEGATE;
    }
    return seen | bit;
  }

  /** The same for unknown names, in a set made on the first one (most records have none). */
  private static Set<String> onceUnknown(Set<String> seen, String name) {
    Set<String> names = seen == null ? new HashSet<>() : seen;
    if (!names.add(name)) {
      throw DELEGATE;
    }
    return names;
  }

  // ------------------------------------------------------------------ values
  // Each reader is called on a non-null value token and either returns what JsonFields would
  // return for it or throws DELEGATE where JsonFields might reject it.

  private static String network(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw DELEGATE;
    }
    String last = lastNetwork;
    if (last != null && textEquals(p, last)) {
      return last;
    }
    String value = p.getText();
    if (value.length() > 32 || !JsonFields.NETWORK.matcher(value).matches()) {
      throw DELEGATE;
    }
    lastNetwork = value;
    return value;
  }

  private static String processingDate(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw DELEGATE;
    }
    String last = lastDate;
    if (last != null && textEquals(p, last)) {
      return last;
    }
    String value = p.getText();
    if (value.length() > 10) {
      throw DELEGATE;
    }
    LocalDate.parse(value); // DateTimeParseException: delegated
    lastDate = value;
    return value;
  }

  private static long windowDays(JsonParser p, JsonToken t) throws IOException {
    return integer(p, t, 1, 3650);
  }

  private static boolean textEquals(JsonParser p, String expected) throws IOException {
    int length = p.getTextLength();
    if (length != expected.length()) {
      return false;
    }
    char[] buffer = p.getTextCharacters();
    int offset = p.getTextOffset();
    for (int i = 0; i < length; i++) {
      if (buffer[offset + i] != expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonParser p, JsonToken t, int maxLength) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw DELEGATE;
    }
    String value = p.getText();
    if (value.length() > maxLength) {
      throw DELEGATE;
    }
    return value;
  }

  private static String nonEmpty(JsonParser p, JsonToken t, int maxLength) throws IOException {
    String value = text(p, t, maxLength);
    if (value.isBlank()) {
      throw DELEGATE;
    }
    return value;
  }

  /** Index of the constant whose wire name is the string, as {@code WireEnums.parse} finds it. */
  private static int wireEnum(JsonParser p, JsonToken t, String[] wireNames) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw DELEGATE;
    }
    // compared in the parser's buffer: no String per enum field (wire names are <= 32 chars)
    for (int i = 0; i < wireNames.length; i++) {
      if (textEquals(p, wireNames[i])) {
        return i;
      }
    }
    throw DELEGATE;
  }

  /** An integer that fits a long, within [min, max]: JSON floats (even 7.0) are not integers. */
  private static long integer(JsonParser p, JsonToken t, long min, long max) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw DELEGATE;
    }
    long value = p.getLongValue();
    if (value < min || value > max) {
      throw DELEGATE;
    }
    return value;
  }

  /** A finite number, integer or float, as the double the tree decoder reads. */
  private static double number(JsonParser p, JsonToken t) throws IOException {
    double value;
    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      value = floatValue(p);
      if (!Double.isFinite(value)) {
        throw DELEGATE;
      }
    } else if (t == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      value = p.getLongValue(); // IntNode/LongNode.doubleValue(): the same conversion
    } else {
      throw DELEGATE;
    }
    return value;
  }

  private static double number(JsonParser p, JsonToken t, double min, double max)
      throws IOException {
    double value = number(p, t);
    if (value < min || value > max) {
      throw DELEGATE;
    }
    return value;
  }

  private static double flag(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_TRUE) {
      return 1.0;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return 0.0;
    }
    double value = number(p, t);
    if (value != 0.0 && value != 1.0) {
      throw DELEGATE;
    }
    return value;
  }

  private static boolean bool(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    return integer(p, t, 0, 1) == 1;
  }

  /**
   * A non-negative decimal of at most 1e18: a JSON number parsed as {@code BigDecimal} from the
   * token text and normalised like Jackson's tree (trailing zeros stripped, zero is {@code 0}), or
   * a decimal string of at most 64 characters taken as written.
   */
  private static BigDecimal amount(JsonParser p, JsonToken t) throws IOException {
    BigDecimal amount;
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw DELEGATE;
      }
      amount = BigDecimal.valueOf(p.getLongValue()); // IntNode/LongNode.decimalValue()
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      // an exponent the BigDecimal parse refuses throws NumberFormatException: delegated
      BigDecimal parsed = p.getDecimalValue();
      amount = parsed.signum() == 0 ? BigDecimal.ZERO : parsed.stripTrailingZeros();
    } else if (t == JsonToken.VALUE_STRING) {
      amount = new BigDecimal(text(p, t, 64)); // NumberFormatException: delegated
    } else {
      throw DELEGATE;
    }
    if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
      throw DELEGATE;
    }
    return amount;
  }

  private static List<String> strings(JsonParser p, JsonToken t, int maxItems, int maxItemLength)
      throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw DELEGATE;
    }
    List<String> items = new ArrayList<>();
    for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
      if (items.size() == maxItems) {
        throw DELEGATE;
      }
      items.add(text(p, item, maxItemLength)); // null items are not strings: delegated
    }
    return items;
  }

  /** Exactly {@code length} finite non-negative numbers. */
  private static double[] counts(JsonParser p, JsonToken t, int length) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw DELEGATE;
    }
    double[] counts = new double[length];
    int n = 0;
    for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
      if (n == length) {
        throw DELEGATE;
      }
      double value = number(p, item);
      if (value < 0) {
        throw DELEGATE;
      }
      counts[n++] = value;
    }
    if (n != length) {
      throw DELEGATE;
    }
    return counts;
  }

  /**
   * Reads an unknown field's value to its end, doing to every token what the tree decoder's
   * deserializer and parser do to it where that can fail: strings are decoded (malformed UTF-8, bad
   * escapes), floats must be {@code BigDecimal}-parseable, a name twice in one object is a
   * duplicate. Integers need nothing (their length limit is the parser's, as is the nesting limit).
   */
  private static void skip(JsonParser p, JsonToken t) throws IOException {
    // names seen per open container, null for arrays; made only for nested objects (rare)
    List<Set<String>> open = null;
    int depth = 0;
    while (true) {
      if (t == null) {
        throw DELEGATE; // cannot happen: the parser reports a truncated document
      }
      switch (t) {
        case START_OBJECT, START_ARRAY -> {
          if (open == null) {
            open = new ArrayList<>();
          }
          open.add(t == JsonToken.START_OBJECT ? new HashSet<>() : null);
          depth++;
        }
        case END_OBJECT, END_ARRAY -> {
          open.remove(open.size() - 1);
          depth--;
        }
        case FIELD_NAME -> {
          if (!open.get(open.size() - 1).add(p.currentName())) {
            throw DELEGATE; // duplicate
          }
        }
        case VALUE_STRING -> p.getTextLength(); // decodes the string
        case VALUE_NUMBER_FLOAT -> checkExponent(p);
        default -> {}
      }
      if (depth == 0) {
        return;
      }
      t = p.nextToken();
    }
  }

  /**
   * Throws DELEGATE for an exponent of more than 6 digits. Up to 999999 (and at most 1000 digits,
   * the parser's limit) the scale fits an int, so {@code new BigDecimal(text)} succeeds, as it must
   * for the tree decoder to accept the message; beyond, it may fail ("Exponent overflow").
   */
  private static void checkExponent(JsonParser p) throws IOException {
    char[] b = p.getTextCharacters();
    int i = p.getTextOffset();
    int end = i + p.getTextLength();
    while (i < end && b[i] != 'e' && b[i] != 'E') {
      i++;
    }
    if (end - i > 7) { // longer than "e" and 6 digits
      int digits = 0;
      for (i++; i < end; i++) {
        if (b[i] >= '0' && b[i] <= '9' && ++digits > 6) {
          throw DELEGATE;
        }
      }
    }
  }

  /**
   * The double the tree decoder reads from a float token: {@code BigDecimal.doubleValue()} of the
   * decimal, which is the correctly rounded value of the text, and {@code +0.0} for an exact zero
   * (a BigDecimal has no negative zero, so "-0.0" is 0.0; an underflow like "-1e-400" stays -0.0).
   *
   * <p>Trade-off: most feature values have at most 18 significant digits and a small exponent; for
   * those a mantissa below 2^53 and a power of ten up to 1e22 are both exact doubles, so one
   * multiplication or division is correctly rounded (Clinger's fast path) and no String is made.
   * Anything else goes through {@code Double.parseDouble}, the reference, on the token text.
   */
  static double floatValue(JsonParser p) throws IOException {
    char[] b = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    int end = offset + length;
    int i = offset;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    boolean overflow = false;
    boolean nonZero = false;
    int fractionDigits = 0;
    boolean fraction = false;
    for (; i < end; i++) {
      char c = b[i];
      if (c == '.') {
        fraction = true;
        continue;
      }
      if (c < '0' || c > '9') {
        break; // 'e' or 'E'
      }
      if (c != '0') {
        nonZero = true;
      }
      if (mantissa < 100_000_000_000_000_000L) {
        mantissa = mantissa * 10 + (c - '0');
        if (fraction) {
          fractionDigits++;
        }
      } else {
        overflow = true;
        break;
      }
    }
    if (!nonZero) {
      checkExponent(p);
      return 0.0;
    }
    int exponent = 0;
    if (!overflow && i < end) { // exponent part
      i++;
      boolean negativeExponent = false;
      if (b[i] == '+' || b[i] == '-') {
        negativeExponent = b[i] == '-';
        i++;
      }
      int digits = 0;
      for (; i < end; i++) {
        if (++digits > 6) {
          throw DELEGATE; // see checkExponent
        }
        exponent = exponent * 10 + (b[i] - '0');
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    int scale = exponent - fractionDigits;
    if (!overflow && mantissa <= (1L << 53) && scale >= -22 && scale <= 22) {
      double value = mantissa;
      value = scale < 0 ? value / POW10[-scale] : value * POW10[scale];
      return negative ? -value : value;
    }
    checkExponent(p);
    return Double.parseDouble(new String(b, offset, length)); // non-zero digits: sign as parsed
  }

  private static String[] wireNames(Enum<?>[] constants) {
    String[] names = new String[constants.length];
    for (int i = 0; i < constants.length; i++) {
      names[i] = constants[i].name().toLowerCase(Locale.ROOT);
    }
    return names;
  }
}
