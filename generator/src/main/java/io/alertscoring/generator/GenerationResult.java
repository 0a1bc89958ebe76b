package io.alertscoring.generator;

import java.nio.file.Path;

/**
 * Totals of a run and how long it took (timing is printed, never written to the manifest).
 *
 * @param records every line written (alerts, features, clusters, money flows, batch controls,
 *     labels)
 * @param transfers transfers simulated (windows overlap, so a transfer counts once per window)
 */
public record GenerationResult(
    Path manifest,
    long alerts,
    long features,
    long clusters,
    long moneyFlows,
    long labels,
    long batches,
    long records,
    long bytes,
    long transfers,
    long elapsedNanos) {

  public double seconds() {
    return elapsedNanos / 1e9;
  }

  public double recordsPerSecond() {
    return records / Math.max(1e-9, seconds());
  }

  public double alertsPerSecond() {
    return alerts / Math.max(1e-9, seconds());
  }
}
