package io.alertscoring.schemas.input;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Money moved from one address to another within the batch's window, aggregated per pair.
 *
 * @param hourlyPattern 24 transaction counts by hour of day, or {@code null} when missing
 * @param weeklyPattern 7 transaction counts by day of week, or {@code null} when missing
 */
public record MoneyFlow(
    String network,
    String processingDate,
    int windowDays,
    String fromAddress,
    String toAddress,
    long txCount,
    BigDecimal amountSum,
    BigDecimal amountUsdSum,
    long firstSeenTimestamp,
    long lastSeenTimestamp,
    int activeDays,
    double avgTxSizeUsd,
    int uniqueAssets,
    String dominantAsset,
    double[] hourlyPattern,
    double[] weeklyPattern,
    double reciprocityRatio,
    boolean bidirectional)
    implements SotRecord, Serializable {

  @Override
  public BatchKey batchKey() {
    return new BatchKey(network, processingDate, windowDays);
  }

  @Override
  public RecordKind kind() {
    return RecordKind.MONEY_FLOW;
  }

  @Override
  public String recordId() {
    return fromAddress + "->" + toAddress;
  }
}
