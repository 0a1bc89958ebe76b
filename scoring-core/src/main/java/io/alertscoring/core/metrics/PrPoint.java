package io.alertscoring.core.metrics;

/**
 * One point of a precision-recall curve: the result of flagging every score {@code >= threshold}.
 */
public record PrPoint(double threshold, double precision, double recall) {}
