package io.alertscoring.validation;

/** The numbers of SPEC section 7, in one place. */
public final class ValidationRules {
  private ValidationRules() {}

  public static final double INTEGRITY_POINTS = 0.2;
  public static final double BEHAVIOUR_POINTS = 0.3;
  public static final double GROUND_TRUTH_POINTS = 0.5;

  /** Largest allowed mean of {@code latency_ms}. */
  public static final double MAX_MEAN_LATENCY_MS = 100.0;

  /** Largest allowed |difference| between two scorings of the same alert. */
  public static final double DETERMINISM_TOLERANCE = 1e-6;

  public static final double MIN_SCORE_VARIANCE = 0.001;
  public static final double LOW_VARIANCE_PENALTY = 0.1;
  public static final double TRAP_TOLERANCE = 0.01;
  public static final double TRAP_PENALTY = 0.05;
  public static final double MIN_MEDIAN = 0.1;
  public static final double MAX_MEDIAN = 0.9;
  public static final double MEDIAN_PENALTY = 0.05;
  public static final double COPY_CORRELATION = 0.95;
  public static final int MIN_SHARED_ALERTS = 10;

  /** Labelled alerts needed in each class before ground truth is scored. */
  public static final int MIN_LABELLED_PER_CLASS = 10;

  public static final double AUC_ROC_WEIGHT = 0.3;
  public static final double AUC_PR_WEIGHT = 0.2;
}
