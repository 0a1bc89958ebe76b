package io.alertscoring.core.metrics;

/**
 * One bin of a reliability (calibration) curve: the predictions in {@code [lower, upper)} (the last
 * bin also holds 1.0), how many there were, their mean, and the observed fraction of positives. A
 * well-calibrated model has {@code observedRate} close to {@code meanPredicted} in every bin.
 */
public record ReliabilityBin(
    double lower, double upper, long count, double meanPredicted, double observedRate) {}
