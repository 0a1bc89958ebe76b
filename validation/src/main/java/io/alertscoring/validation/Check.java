package io.alertscoring.validation;

import java.util.Objects;

/**
 * One check of a tier.
 *
 * @param name stable, snake_case identifier, e.g. {@code scores_in_range} or {@code
 *     pattern_trap:a-17}
 * @param status the outcome
 * @param value the measured value: a number, a string, a boolean, or null when not evaluated
 * @param requirement what was required, in words, e.g. {@code "<= 100 ms"}
 * @param penalty the points this check took off its tier (behaviour tier only), 0 otherwise
 * @param detail one sentence a person can act on
 */
public record Check(
    String name,
    CheckStatus status,
    Object value,
    String requirement,
    double penalty,
    String detail) {

  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    requirement = requirement == null ? "" : requirement;
    detail = detail == null ? "" : detail;
  }

  static Check pass(String name, Object value, String requirement, String detail) {
    return new Check(name, CheckStatus.PASS, value, requirement, 0.0, detail);
  }

  static Check fail(String name, Object value, String requirement, String detail) {
    return new Check(name, CheckStatus.FAIL, value, requirement, 0.0, detail);
  }

  static Check of(boolean ok, String name, Object value, String requirement, String detail) {
    return ok ? pass(name, value, requirement, detail) : fail(name, value, requirement, detail);
  }

  static Check notEvaluated(String name, String requirement, String why) {
    return new Check(name, CheckStatus.NOT_EVALUATED, null, requirement, 0.0, why);
  }
}
