package io.alertscoring.training.real;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.generator.source.RecordVisitor;
import io.alertscoring.generator.source.SotSource;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.training.LabelledBatch;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one batch of a generator source the way a replay publishes it and the job assembles it:
 * alerts, features, clusters and money flows become an {@link AssembledBatch}; the address labels
 * published beside it are kept apart, arriving on the batch's date.
 */
final class SourceBatches {
  private SourceBatches() {}

  /** A read batch and the source rows that could not become records. */
  record Read(LabelledBatch batch, List<String> badRows) {}

  static Read read(SotSource source, BatchKey key) throws IOException {
    List<Alert> alerts = new ArrayList<>();
    List<AddressFeatures> features = new ArrayList<>();
    List<AlertCluster> clusters = new ArrayList<>();
    List<MoneyFlow> flows = new ArrayList<>();
    Map<String, AddressLabel> labels = new HashMap<>();
    List<String> bad = new ArrayList<>();
    source.read(
        key,
        new RecordVisitor() {
          @Override
          public void record(SotRecord record) {
            switch (record.kind()) {
              case ALERT -> alerts.add((Alert) record);
              case FEATURES -> features.add((AddressFeatures) record);
              case CLUSTER -> clusters.add((AlertCluster) record);
              case MONEY_FLOW -> flows.add((MoneyFlow) record);
              case ADDRESS_LABEL -> {
                AddressLabel label = (AddressLabel) record;
                labels.putIfAbsent(label.address(), label);
              }
              case BATCH_CONTROL -> {
                // a source never sends one; the batch is closed by construction here
              }
            }
          }

          @Override
          public void bad(String origin, String reason) {
            bad.add(origin + ": " + reason);
          }
        });
    LocalDate date = LocalDate.parse(key.processingDate());
    Map<String, LocalDate> arrival = new HashMap<>();
    labels.keySet().forEach(address -> arrival.put(address, date));
    AssembledBatch batch = new AssembledBatch(key, alerts, features, clusters, flows);
    return new Read(new LabelledBatch(batch, labels, arrival), List.copyOf(bad));
  }
}
