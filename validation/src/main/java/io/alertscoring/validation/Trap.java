package io.alertscoring.validation;

/**
 * A pattern trap: a planted alert whose "obvious" score is known. A model that answers within 0.01
 * of {@code expectedScore} is taken to have fallen for the planted pattern.
 */
public record Trap(String alertId, double expectedScore) {}
