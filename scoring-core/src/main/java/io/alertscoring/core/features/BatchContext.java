package io.alertscoring.core.features;

import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What several feature families need from a batch, computed once: each alert's address features,
 * the clusters each alert belongs to, and the batch's money-flow graph. Everything is indexed in
 * the batch's canonical (sorted) order, so results do not depend on arrival order.
 */
public final class BatchContext {
  private final AssembledBatch batch;
  private final AddressFeatures[] featuresOfAlert;
  private final List<List<AlertCluster>> clustersOfAlert;
  private final Map<String, Integer> alertIndex;
  private FlowGraph flowGraph;

  public BatchContext(AssembledBatch batch) {
    this.batch = batch;
    List<Alert> alerts = batch.alerts();
    featuresOfAlert = new AddressFeatures[alerts.size()];
    alertIndex = new HashMap<>(alerts.size() * 2);
    clustersOfAlert = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      featuresOfAlert[i] = batch.featuresOf(alerts.get(i).address());
      alertIndex.put(alerts.get(i).alertId(), i);
      clustersOfAlert.add(new ArrayList<>(0));
    }
    for (AlertCluster cluster : batch.clusters()) { // clusters are sorted by id
      for (String alertId : cluster.relatedAlertIds()) {
        Integer index = alertIndex.get(alertId);
        if (index != null && !clustersOfAlert.get(index).contains(cluster)) {
          clustersOfAlert.get(index).add(cluster);
        }
      }
    }
  }

  public AssembledBatch batch() {
    return batch;
  }

  public List<Alert> alerts() {
    return batch.alerts();
  }

  public int size() {
    return featuresOfAlert.length;
  }

  /** The SOT features of alert {@code i}'s address, or {@code null}. */
  public AddressFeatures features(int i) {
    return featuresOfAlert[i];
  }

  /** The SOT feature {@code column} of alert {@code i}'s address; NaN when missing. */
  public double sot(int i, String column) {
    AddressFeatures features = featuresOfAlert[i];
    return features == null ? Double.NaN : features.value(column);
  }

  /** Clusters alert {@code i} belongs to, in cluster-id order. */
  public List<AlertCluster> clusters(int i) {
    return clustersOfAlert.get(i);
  }

  /** Position of an alert id in the canonical order, or -1. */
  public int indexOf(String alertId) {
    return alertIndex.getOrDefault(alertId, -1);
  }

  /** The batch's money-flow graph, built on first use. */
  public FlowGraph flowGraph() {
    if (flowGraph == null) {
      flowGraph = new FlowGraph(batch.moneyFlows());
    }
    return flowGraph;
  }
}
