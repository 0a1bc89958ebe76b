package io.alertscoring.validation;

import java.util.Map;

/**
 * Another submission's scores of the same batch, by alert id, for the copy check (a Pearson
 * correlation above 0.95 over at least 10 shared alerts is flagged).
 */
public record OtherSubmission(String name, Map<String, Double> scoresByAlertId) {
  public OtherSubmission {
    scoresByAlertId = Map.copyOf(scoresByAlertId);
  }
}
