package io.alertscoring.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tier of a report.
 *
 * @param name {@code integrity}, {@code behaviour} or {@code ground_truth}
 * @param score points awarded
 * @param max the tier's maximum
 * @param status how the score came about
 * @param reason why the tier is not fully scored, empty otherwise
 * @param checks the checks, in a fixed order
 * @param metrics measured values that are not pass/fail (AUC, best F1, ...), in insertion order
 */
public record TierResult(
    String name,
    double score,
    double max,
    TierStatus status,
    String reason,
    List<Check> checks,
    Map<String, Object> metrics) {

  public TierResult {
    checks = List.copyOf(checks);
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    reason = reason == null ? "" : reason;
  }

  /** The check called {@code name}, if this tier has it. */
  public java.util.Optional<Check> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The score this tier would have if every not-evaluated check passed; equal to {@link #score()}
   * except for an {@link TierStatus#UNVERIFIED} integrity tier.
   */
  public double scoreIfUnverifiedPass() {
    return status == TierStatus.UNVERIFIED ? max : score;
  }
}
