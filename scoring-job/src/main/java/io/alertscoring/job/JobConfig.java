package io.alertscoring.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * Everything the job graph needs besides its sources and sinks.
 *
 * @param modelsDirectory directory holding the alert-scorer, alert-ranker and cluster-scorer models
 * @param batchTimeout how long after its first record a batch may stay open before it is FAILED
 * @param closedBatchRetention how long a closed batch rejects further records as late; after that,
 *     records for the same key start a new run (a replay)
 * @param allowedNetworks networks accepted; empty accepts any
 */
public record JobConfig(
    String modelsDirectory,
    Duration batchTimeout,
    Duration closedBatchRetention,
    Set<String> allowedNetworks)
    implements Serializable {

  public JobConfig {
    allowedNetworks = allowedNetworks == null ? Set.of() : Set.copyOf(allowedNetworks);
  }

  public static JobConfig defaults(String modelsDirectory) {
    return new JobConfig(modelsDirectory, Duration.ofMinutes(10), Duration.ofSeconds(30), Set.of());
  }

  public JobConfig withBatchTimeout(Duration timeout) {
    return new JobConfig(modelsDirectory, timeout, closedBatchRetention, allowedNetworks);
  }

  public JobConfig withClosedBatchRetention(Duration retention) {
    return new JobConfig(modelsDirectory, batchTimeout, retention, allowedNetworks);
  }
}
