/**
 * Flink-serialisable POJOs that travel between operators and live in state. Records are carried as
 * their canonical JSON: state stays readable across savepoints when record classes evolve, at the
 * cost of one more parse when a batch closes.
 */
package io.alertscoring.job.model;
