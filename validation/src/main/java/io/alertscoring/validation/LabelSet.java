package io.alertscoring.validation;

import io.alertscoring.schemas.input.AddressLabel;
import java.util.Map;

/**
 * Ground-truth labels of one network, by address. An alert is positive when its address is labelled
 * high or critical ({@link AddressLabel#isPositive()}).
 *
 * @param source where they came from, or why there are none, for the report
 */
public record LabelSet(String source, Map<String, AddressLabel> byAddress) {
  public LabelSet {
    byAddress = Map.copyOf(byAddress);
  }

  public static LabelSet none(String why) {
    return new LabelSet(why, Map.of());
  }
}
