package io.alertscoring.validation;

/** Outcome of one check. */
public enum CheckStatus {
  /** Evaluated and satisfied (for a penalty check: no penalty). */
  PASS,
  /** Evaluated and not satisfied (for a penalty check: the penalty applies). */
  FAIL,
  /** The evidence needed was not available; never counted as passed. */
  NOT_EVALUATED,
  /** Evaluated and noteworthy, without penalty (correlation with another submission). */
  FLAGGED
}
