package io.alertscoring.validation;

import java.util.List;

/**
 * The alert ids the batch received (from an input alerts file or the SOT mirror table), in input
 * order; duplicates are kept so they can be reported.
 *
 * @param source where they came from, for the report
 */
public record InputAlerts(String source, List<String> alertIds) {
  public InputAlerts {
    alertIds = List.copyOf(alertIds);
  }
}
