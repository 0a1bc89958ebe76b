package io.alertscoring.schemas;

import java.io.Serializable;
import java.util.Objects;

/**
 * Identifies one batch: the records a network's analyzers publish for one processing date and one
 * analysis window. Every input record carries the three fields; the job keys its state by this.
 *
 * @param network lower-case network name, e.g. {@code ethereum}
 * @param processingDate ISO date {@code YYYY-MM-DD}
 * @param windowDays analysis window in days
 */
public record BatchKey(String network, String processingDate, int windowDays)
    implements Serializable {

  public BatchKey {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(processingDate, "processingDate");
  }

  /** A stable, human-readable form used as the Flink key and in log lines. */
  public String id() {
    return network + "/" + processingDate + "/" + windowDays;
  }

  @Override
  public String toString() {
    return id();
  }
}
