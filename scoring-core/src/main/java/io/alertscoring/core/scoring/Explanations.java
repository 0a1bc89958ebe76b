package io.alertscoring.core.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns additive contributions into the stored top-k explanation JSON. */
public final class Explanations {
  public static final int TOP_K = 5;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Explanations() {}

  /**
   * The {@code k} features with the largest absolute contribution, ties broken by name, as a JSON
   * array of {@code {feature, value, contribution}} (value null when missing).
   *
   * @param contributions one value per feature followed by the bias
   */
  public static String topK(List<String> names, double[] values, double[] contributions, int k) {
    List<Integer> order = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer>comparingDouble(i -> -Math.abs(contributions[i]))
            .thenComparing(names::get));
    ArrayNode array = MAPPER.createArrayNode();
    for (int i : order.subList(0, Math.min(k, order.size()))) {
      ObjectNode entry = array.addObject();
      entry.put("feature", names.get(i));
      if (Double.isNaN(values[i])) {
        entry.putNull("value");
      } else {
        entry.put("value", values[i]);
      }
      entry.put("contribution", contributions[i]);
    }
    try {
      return MAPPER.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
