package io.alertscoring.core.features;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the batch-wide feature families (batch-relative, cluster, money-flow graph) need from a
 * batch, computed once: each alert's facts and address summary, the clusters each alert belongs to,
 * and the batch's money-flow graph. Everything is indexed in the batch's canonical (alert-id)
 * order, so results do not depend on arrival order.
 *
 * <p>It holds compact summaries, not records: the streaming job builds it at the per-batch step
 * from what every address key sent, the plain-Java path builds it from an {@link AssembledBatch};
 * both give the same columns bit for bit because the families only read this class.
 */
public final class BatchContext {
  private final BatchKey key;
  private final List<AlertFacts> alerts;
  private final FeatureSummary[] featuresOfAlert;
  private final List<AlertCluster> clusters;
  private final List<List<AlertCluster>> clustersOfAlert;
  private final Map<String, Integer> alertIndex;
  private final Supplier<FlowGraph> graphSource;
  private FlowGraph flowGraph;

  public BatchContext(AssembledBatch batch) {
    this(
        batch.key(),
        factsOf(batch.alerts()),
        summariesOf(batch),
        batch.clusters(),
        () -> new FlowGraph(batch.moneyFlows()));
  }

  /**
   * @param alerts sorted by alert id
   * @param featuresOfAlert the address summary of each alert (same order), {@code null} when the
   *     alert's address has no features record
   * @param clusters sorted by cluster id
   * @param graphSource builds the batch's flow graph on first use
   */
  public BatchContext(
      BatchKey key,
      List<AlertFacts> alerts,
      FeatureSummary[] featuresOfAlert,
      List<AlertCluster> clusters,
      Supplier<FlowGraph> graphSource) {
    if (featuresOfAlert.length != alerts.size()) {
      throw new IllegalArgumentException("one feature summary (or null) per alert expected");
    }
    this.key = key;
    this.alerts = alerts;
    this.featuresOfAlert = featuresOfAlert;
    this.clusters = clusters;
    this.graphSource = graphSource;
    alertIndex = new HashMap<>(alerts.size() * 2);
    clustersOfAlert = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      alertIndex.put(alerts.get(i).alertId(), i);
      clustersOfAlert.add(List.of());
    }
    for (AlertCluster cluster : clusters) { // clusters are sorted by id
      for (String alertId : cluster.relatedAlertIds()) {
        Integer index = alertIndex.get(alertId);
        if (index == null) {
          continue;
        }
        List<AlertCluster> of = clustersOfAlert.get(index);
        if (of.isEmpty()) {
          of = new ArrayList<>(1);
          clustersOfAlert.set(index, of);
        }
        if (!of.contains(cluster)) {
          of.add(cluster);
        }
      }
    }
  }

  private static List<AlertFacts> factsOf(List<Alert> alerts) {
    List<AlertFacts> facts = new ArrayList<>(alerts.size());
    for (Alert alert : alerts) {
      facts.add(AlertFacts.of(alert));
    }
    return facts;
  }

  private static FeatureSummary[] summariesOf(AssembledBatch batch) {
    FeatureSummary[] summaries = new FeatureSummary[batch.alerts().size()];
    for (int i = 0; i < summaries.length; i++) {
      AddressFeatures features = batch.featuresOf(batch.alerts().get(i).address());
      summaries[i] = features == null ? null : FeatureSummary.of(features);
    }
    return summaries;
  }

  public BatchKey key() {
    return key;
  }

  public List<AlertFacts> alerts() {
    return alerts;
  }

  public List<AlertCluster> clusters() {
    return clusters;
  }

  public int size() {
    return alerts.size();
  }

  /** Whether alert {@code i}'s address has a features record in the batch. */
  public boolean hasFeatures(int i) {
    return featuresOfAlert[i] != null;
  }

  /** The summarised SOT feature {@code column} of alert {@code i}'s address; NaN when missing. */
  public double sot(int i, String column) {
    FeatureSummary features = featuresOfAlert[i];
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
      flowGraph = graphSource.get();
    }
    return flowGraph;
  }
}
