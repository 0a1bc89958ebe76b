package io.alertscoring.webhooks.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.alertscoring.schemas.PriorityLabel;
import io.alertscoring.schemas.output.NotificationEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subscriptions file:
 *
 * <pre>{@code
 * {"endpoints": [{"id": "ops", "url": "https://hooks.example/aml", "secret": "...",
 *   "networks": [], "priorities": ["high"], "entity_types": ["alert", "cluster"],
 *   "typologies": [], "rate_per_second": 5, "burst": 10, "max_attempts": 6,
 *   "initial_backoff_ms": 500, "max_backoff_ms": 30000}]}
 * }</pre>
 *
 * Everything but {@code id}, {@code url} and {@code secret} is optional with the defaults shown; an
 * empty list means any. Unknown fields are errors (a misspelt {@code "priorites"} would otherwise
 * widen the filter to the default without a word). Every problem is reported as one line naming the
 * endpoint and the field, as an {@link IllegalArgumentException}.
 */
public final class Subscriptions {

  public static final Set<String> DEFAULT_PRIORITIES = Set.of("high");
  public static final Set<String> DEFAULT_ENTITY_TYPES =
      Set.of(NotificationEvent.ALERT, NotificationEvent.CLUSTER);
  public static final double DEFAULT_RATE_PER_SECOND = 5;
  public static final int DEFAULT_BURST = 10;
  public static final int DEFAULT_MAX_ATTEMPTS = 6;
  public static final long DEFAULT_INITIAL_BACKOFF_MS = 500;
  public static final long DEFAULT_MAX_BACKOFF_MS = 30_000;

  /** Ids travel in metric names, thread names and the ledger key: keep them plain. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "url",
          "secret",
          "networks",
          "priorities",
          "entity_types",
          "typologies",
          "rate_per_second",
          "burst",
          "max_attempts",
          "initial_backoff_ms",
          "max_backoff_ms");

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final List<Subscription> endpoints;

  public Subscriptions(List<Subscription> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  public List<Subscription> endpoints() {
    return endpoints;
  }

  /** The endpoints that want {@code event}, in file order. */
  public List<Subscription> matching(NotificationEvent event) {
    List<Subscription> out = new ArrayList<>(2);
    for (Subscription s : endpoints) {
      if (s.matches(event)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Reads and validates {@code file}.
   *
   * @throws IllegalArgumentException one line naming the file, the endpoint and the field
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Subscriptions load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read webhooks file " + file + ": " + e, e);
    }
    return parse(text, file.toString());
  }

  /** Parses the JSON text of a subscriptions file; {@code origin} names it in errors. */
  public static Subscriptions parse(String json, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          origin
              + ": not valid JSON (line "
              + e.getLocation().getLineNr()
              + "): "
              + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(origin + ": expected an object {\"endpoints\": [...]}");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("endpoints")) {
        throw new IllegalArgumentException(
            origin + ": unknown top-level field '" + name + "' (expected only \"endpoints\")");
      }
    }
    JsonNode list = root.get("endpoints");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(origin + ": \"endpoints\" must be a non-empty array");
    }
    List<Subscription> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Subscription s = endpoint(list.get(i), origin + ": endpoint #" + i);
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException(
            origin + ": endpoint \"" + s.id() + "\" (#" + i + "): id: duplicate id");
      }
      out.add(s);
    }
    return new Subscriptions(out);
  }

  private static Subscription endpoint(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": must be an object");
    }
    JsonNode idNode = node.get("id");
    if (idNode == null || !idNode.isTextual() || !ID.matcher(idNode.asText()).matches()) {
      throw new IllegalArgumentException(
          where
              + ": id: required, 1-64 characters of A-Z a-z 0-9 . _ - (got "
              + (idNode == null ? "nothing" : idNode.toString())
              + ")");
    }
    String id = idNode.asText();
    Where w = new Where(where.replaceFirst("endpoint #(\\d+)$", "endpoint \"" + id + "\" (#$1)"));
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw w.error(name, "unknown field");
      }
    }
    URI url = url(node, w);
    String secret = text(node, "secret", w);
    if (secret.isEmpty()) {
      throw w.error("secret", "must not be empty");
    }
    Set<String> networks = strings(node, "networks", Set.of(), w, false);
    Set<String> priorities = strings(node, "priorities", DEFAULT_PRIORITIES, w, true);
    for (String p : priorities) {
      try {
        PriorityLabel.fromWire(p);
      } catch (RuntimeException e) {
        throw w.error("priorities", "unknown priority '" + p + "' (low, medium or high)");
      }
    }
    Set<String> entityTypes = strings(node, "entity_types", DEFAULT_ENTITY_TYPES, w, true);
    for (String t : entityTypes) {
      if (!DEFAULT_ENTITY_TYPES.contains(t)) {
        throw w.error("entity_types", "unknown entity type '" + t + "' (alert or cluster)");
      }
    }
    Set<String> typologies = strings(node, "typologies", Set.of(), w, false);
    double rate = number(node, "rate_per_second", DEFAULT_RATE_PER_SECOND, w);
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw w.error("rate_per_second", "must be a number > 0, got " + node.get("rate_per_second"));
    }
    int burst = (int) integer(node, "burst", DEFAULT_BURST, 1, 1_000_000, w);
    int maxAttempts = (int) integer(node, "max_attempts", DEFAULT_MAX_ATTEMPTS, 1, 100, w);
    long initial =
        integer(node, "initial_backoff_ms", DEFAULT_INITIAL_BACKOFF_MS, 1, 86_400_000L, w);
    long max =
        integer(
            node,
            "max_backoff_ms",
            Math.max(DEFAULT_MAX_BACKOFF_MS, initial),
            initial,
            86_400_000L,
            w);
    return new Subscription(
        id,
        url,
        secret,
        networks,
        priorities,
        entityTypes,
        typologies,
        rate,
        burst,
        maxAttempts,
        initial,
        max);
  }

  private record Where(String prefix) {
    IllegalArgumentException error(String field, String problem) {
      return new IllegalArgumentException(prefix + ": " + field + ": " + problem);
    }
  }

  private static URI url(JsonNode node, Where w) {
    String text = text(node, "url", w);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw w.error("url", "not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw w.error("url", "must be an absolute http:// or https:// URL, got '" + text + "'");
    }
    return uri;
  }

  private static String text(JsonNode node, String field, Where w) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw w.error(field, "required");
    }
    if (!v.isTextual()) {
      throw w.error(field, "must be a string, got " + v);
    }
    return v.asText();
  }

  private static Set<String> strings(
      JsonNode node, String field, Set<String> dflt, Where w, boolean lowerCase) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isArray()) {
      throw w.error(field, "must be an array of strings, got " + v);
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode e : v) {
      if (!e.isTextual() || e.asText().isBlank()) {
        throw w.error(field, "must be an array of non-empty strings, got " + e);
      }
      out.add(lowerCase ? e.asText().toLowerCase(Locale.ROOT) : e.asText());
    }
    return out;
  }

  private static double number(JsonNode node, String field, double dflt, Where w) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber()) {
      throw w.error(field, "must be a number, got " + v);
    }
    return v.asDouble();
  }

  private static long integer(JsonNode node, String field, long dflt, long min, long max, Where w) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw w.error(field, "must be an integer, got " + v);
    }
    long value = v.asLong();
    if (value < min || value > max) {
      throw w.error(field, "must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }
}
