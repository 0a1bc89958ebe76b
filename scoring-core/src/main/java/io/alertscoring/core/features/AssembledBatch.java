package io.alertscoring.core.features;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every record of one closed batch, in a canonical order (by identity) so that everything computed
 * from it is independent of arrival order, parallelism and restarts.
 */
public final class AssembledBatch {
  private final BatchKey key;
  private final List<Alert> alerts;
  private final Map<String, AddressFeatures> featuresByAddress;
  private final List<AlertCluster> clusters;
  private final List<MoneyFlow> moneyFlows;

  public AssembledBatch(
      BatchKey key,
      List<Alert> alerts,
      List<AddressFeatures> features,
      List<AlertCluster> clusters,
      List<MoneyFlow> moneyFlows) {
    this.key = key;
    this.alerts = sorted(alerts, Comparator.comparing(Alert::alertId));
    Map<String, AddressFeatures> byAddress = new LinkedHashMap<>();
    for (AddressFeatures f : sorted(features, Comparator.comparing(AddressFeatures::address))) {
      byAddress.put(f.address(), f);
    }
    this.featuresByAddress = byAddress;
    this.clusters = sorted(clusters, Comparator.comparing(AlertCluster::clusterId));
    this.moneyFlows =
        sorted(
            moneyFlows,
            Comparator.comparing(MoneyFlow::fromAddress).thenComparing(MoneyFlow::toAddress));
  }

  private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(order);
    return List.copyOf(copy);
  }

  public BatchKey key() {
    return key;
  }

  public List<Alert> alerts() {
    return alerts;
  }

  /** The features of an address, or {@code null} when the batch has none for it. */
  public AddressFeatures featuresOf(String address) {
    return featuresByAddress.get(address);
  }

  public int featureCount() {
    return featuresByAddress.size();
  }

  public List<AlertCluster> clusters() {
    return clusters;
  }

  public List<MoneyFlow> moneyFlows() {
    return moneyFlows;
  }
}
