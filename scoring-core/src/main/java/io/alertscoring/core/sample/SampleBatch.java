package io.alertscoring.core.sample;

import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import java.util.ArrayList;
import java.util.List;

/** One generated batch and its batch-control record. */
public record SampleBatch(
    List<Alert> alerts,
    List<AddressFeatures> features,
    List<AlertCluster> clusters,
    List<MoneyFlow> moneyFlows,
    BatchControl control) {

  /** Every data record (control excluded) in publication order: kinds interleaved. */
  public List<SotRecord> dataRecords() {
    List<SotRecord> records = new ArrayList<>();
    int n =
        Math.max(
            Math.max(alerts.size(), features.size()), Math.max(clusters.size(), moneyFlows.size()));
    for (int i = 0; i < n; i++) {
      if (i < alerts.size()) records.add(alerts.get(i));
      if (i < features.size()) records.add(features.get(i));
      if (i < clusters.size()) records.add(clusters.get(i));
      if (i < moneyFlows.size()) records.add(moneyFlows.get(i));
    }
    return records;
  }
}
