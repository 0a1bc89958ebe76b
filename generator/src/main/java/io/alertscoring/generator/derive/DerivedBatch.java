package io.alertscoring.generator.derive;

import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import java.util.List;

/**
 * The SOT records derived from one window (one shard of the economy, or one source's window).
 *
 * @param alertKeys account key of each alert's address, parallel to {@code alerts}
 * @param candidates rule hits before the daily alert budget
 */
public record DerivedBatch(
    List<Alert> alerts,
    long[] alertKeys,
    List<AddressFeatures> features,
    List<AlertCluster> clusters,
    List<MoneyFlow> moneyFlows,
    int candidates) {}
