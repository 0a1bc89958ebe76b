package io.alertscoring.validation;

/** How a tier's score came about. */
public enum TierStatus {
  /** Integrity: every check evaluated and passed; the tier's points are awarded. */
  PASS,
  /** Integrity: an evaluated check failed; 0 points. */
  FAIL,
  /**
   * Integrity: no evaluated check failed, but at least one could not be evaluated; the points are
   * not awarded, because the condition was not shown. The report gives the score it would have.
   */
  UNVERIFIED,
  /** Behaviour, ground truth: scored by the tier's rule. */
  SCORED,
  /** Behaviour, ground truth: the tier could not be computed (reason given); 0 points. */
  NOT_EVALUATED
}
