package io.alertscoring.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;

/**
 * JSON building for reports. Non-finite numbers become {@code null}: JSON has no NaN, and a report
 * other tools cannot parse is worse than one that says "no value".
 */
final class ReportJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportJson() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  static JsonNode value(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
    }
    if (value instanceof Float f) {
      return value(f.doubleValue());
    }
    if (value instanceof Number n) {
      return NODES.numberNode(n.longValue());
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = object();
      map.forEach((k, v) -> node.set(String.valueOf(k), value(v)));
      return node;
    }
    if (value instanceof Collection<?> list) {
      ArrayNode node = array();
      list.forEach(v -> node.add(value(v)));
      return node;
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    return NODES.textNode(String.valueOf(value));
  }

  static ObjectNode tier(TierResult tier) {
    ObjectNode node = object();
    node.set("score", value(tier.score()));
    node.set("max", value(tier.max()));
    node.put("status", tier.status().name());
    node.put("reason", tier.reason());
    ArrayNode checks = node.putArray("checks");
    for (Check check : tier.checks()) {
      ObjectNode c = checks.addObject();
      c.put("name", check.name());
      c.put("status", check.status().name());
      c.set("value", value(check.value()));
      c.put("requirement", check.requirement());
      c.set("penalty", value(check.penalty()));
      c.put("detail", check.detail());
    }
    node.set("metrics", value(tier.metrics()));
    return node;
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write report JSON", e);
    }
  }
}
