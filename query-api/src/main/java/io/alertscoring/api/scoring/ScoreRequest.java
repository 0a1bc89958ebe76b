package io.alertscoring.api.scoring;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import java.util.List;

/**
 * A decoded {@code POST /score/alerts} body: every record valid and of one batch.
 *
 * @param key the batch every record names
 */
public record ScoreRequest(
    BatchKey key,
    List<Alert> alerts,
    List<AddressFeatures> features,
    List<AlertCluster> clusters,
    List<MoneyFlow> moneyFlows) {

  public ScoreRequest {
    alerts = List.copyOf(alerts);
    features = List.copyOf(features);
    clusters = List.copyOf(clusters);
    moneyFlows = List.copyOf(moneyFlows);
  }

  /** The batch as the job assembles it at its close (canonical order, whatever the posted one). */
  public AssembledBatch assemble() {
    return new AssembledBatch(key, alerts, features, clusters, moneyFlows);
  }
}
