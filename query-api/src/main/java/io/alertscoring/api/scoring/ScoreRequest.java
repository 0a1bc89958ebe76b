package io.alertscoring.api.scoring;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
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

  /**
   * The request body that posts these records: each record as {@link SotJson#encode} writes it for
   * Kafka, in this request's order.
   */
  public String encode() {
    StringBuilder body = new StringBuilder("{");
    List<List<? extends SotRecord>> arrays = List.of(alerts, features, clusters, moneyFlows);
    for (int a = 0; a < arrays.size(); a++) {
      body.append(a == 0 ? "" : ",").append('"').append(ScoreRequestReader.FIELDS.get(a));
      body.append("\":[");
      List<? extends SotRecord> records = arrays.get(a);
      for (int i = 0; i < records.size(); i++) {
        body.append(i == 0 ? "" : ",").append(SotJson.encode(records.get(i)));
      }
      body.append(']');
    }
    return body.append('}').toString();
  }

  /** The batch as the job assembles it at its close (canonical order, whatever the posted one). */
  public AssembledBatch assemble() {
    return new AssembledBatch(key, alerts, features, clusters, moneyFlows);
  }
}
