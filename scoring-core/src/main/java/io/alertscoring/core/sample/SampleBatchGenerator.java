package io.alertscoring.core.sample;

import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.MoneyFlow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates a consistent batch: alerts on distinct addresses, features for most of them (some
 * columns missing, some addresses without features), clusters over groups of alerts and money flows
 * between alerted and other addresses. The same key, size and seed always give the same records.
 */
public final class SampleBatchGenerator {
  private static final String[] TYPOLOGIES = {
    "layering", "fan_in", "fan_out", "cycle", "peel_chain", "structuring", "mixer_hop"
  };

  private SampleBatchGenerator() {}

  public static SampleBatch generate(BatchKey key, int alertCount, long seed) {
    Random random = new Random(seed * 31 + key.id().hashCode());
    long dayStart =
        LocalDate.parse(key.processingDate())
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC)
            .toEpochMilli();
    String prefix = key.network().substring(0, Math.min(3, key.network().length()));

    List<Alert> alerts = new ArrayList<>(alertCount);
    List<AddressFeatures> features = new ArrayList<>();
    for (int i = 0; i < alertCount; i++) {
      String address = String.format("%s-addr-%s-%05d", prefix, key.processingDate(), i);
      boolean suspicious = random.nextDouble() < 0.3;
      Severity severity = Severity.values()[Math.min(3, random.nextInt(3) + (suspicious ? 1 : 0))];
      AddressType type =
          suspicious && random.nextBoolean()
              ? AddressType.MIXER
              : AddressType.values()[random.nextInt(AddressType.values().length)];
      double volume = Math.exp(random.nextGaussian() * 1.5 + (suspicious ? 10 : 8));
      alerts.add(
          new Alert(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              String.format("%s-alert-%s-%05d", prefix, key.processingDate(), i),
              address,
              TYPOLOGIES[random.nextInt(TYPOLOGIES.length)],
              "pattern-" + random.nextInt(20),
              "rule",
              severity,
              type,
              type == AddressType.MIXER ? "coinjoin" : "none",
              round(
                  Math.min(
                      1.0, Math.max(0.0, (suspicious ? 0.7 : 0.4) + random.nextGaussian() * 0.15))),
              "generated alert " + i,
              BigDecimal.valueOf(volume).setScale(2, RoundingMode.HALF_UP),
              "{\"rule\":\"sample\"}",
              suspicious
                  ? List.of("high_velocity", "new_counterparty")
                  : List.of("new_counterparty")));
      if (random.nextDouble() < 0.9) {
        features.add(features(key, address, suspicious, volume, random, dayStart));
      }
    }

    List<AlertCluster> clusters = new ArrayList<>();
    for (int start = 0, c = 0; start + 2 < alertCount; start += 5 + random.nextInt(6), c++) {
      int size = 2 + random.nextInt(3);
      List<String> ids = new ArrayList<>();
      List<String> addresses = new ArrayList<>();
      double total = 0;
      Severity max = Severity.LOW;
      double confidence = 0;
      for (int j = start; j < Math.min(alertCount, start + size); j++) {
        Alert alert = alerts.get(j);
        ids.add(alert.alertId());
        addresses.add(alert.address());
        total += alert.volumeUsd().doubleValue();
        max = alert.severity().compareTo(max) > 0 ? alert.severity() : max;
        confidence += alert.alertConfidenceScore();
      }
      clusters.add(
          new AlertCluster(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              String.format("%s-cluster-%s-%04d", prefix, key.processingDate(), c),
              TYPOLOGIES[random.nextInt(TYPOLOGIES.length)],
              addresses.get(0),
              "pattern-" + random.nextInt(20),
              ids.get(0),
              ids,
              addresses,
              ids.size(),
              BigDecimal.valueOf(total).setScale(2, RoundingMode.HALF_UP),
              max,
              round(confidence / ids.size()),
              dayStart + random.nextInt(3_600_000),
              dayStart + 3_600_000 + random.nextInt(36_000_000)));
    }

    List<MoneyFlow> flows = new ArrayList<>();
    Set<String> pairs = new LinkedHashSet<>();
    for (int i = 0; i < alertCount * 2; i++) {
      Alert from = alerts.get(random.nextInt(alertCount));
      String to =
          random.nextBoolean()
              ? alerts.get(random.nextInt(alertCount)).address()
              : String.format("%s-ext-%04d", prefix, random.nextInt(200));
      if (to.equals(from.address()) || !pairs.add(from.address() + "->" + to)) {
        continue;
      }
      long txCount = 1 + random.nextInt(20);
      double usd = Math.exp(random.nextGaussian() + 7) * txCount;
      flows.add(
          new MoneyFlow(
              key.network(),
              key.processingDate(),
              key.windowDays(),
              from.address(),
              to,
              txCount,
              BigDecimal.valueOf(usd / 2000).setScale(8, RoundingMode.HALF_UP),
              BigDecimal.valueOf(usd).setScale(2, RoundingMode.HALF_UP),
              dayStart - 86_400_000L * random.nextInt(key.windowDays()),
              dayStart + random.nextInt(86_400_000),
              1 + random.nextInt(key.windowDays()),
              round(usd / txCount),
              1,
              key.network().equals("bitcoin") ? "BTC" : "ETH",
              null,
              null,
              round(random.nextDouble()),
              random.nextDouble() < 0.2));
    }

    BatchControl control =
        new BatchControl(
            key.network(),
            key.processingDate(),
            key.windowDays(),
            alerts.size(),
            features.size(),
            clusters.size(),
            flows.size(),
            dayStart + 86_400_000L);
    return new SampleBatch(alerts, features, clusters, flows, control);
  }

  private static AddressFeatures features(
      BatchKey key,
      String address,
      boolean suspicious,
      double volume,
      Random random,
      long dayStart) {
    double[] values = AddressFeatures.allMissing();
    int degreeIn = 1 + random.nextInt(suspicious ? 60 : 15);
    int degreeOut = 1 + random.nextInt(suspicious ? 60 : 15);
    set(values, "degree_in", degreeIn);
    set(values, "degree_out", degreeOut);
    set(values, "degree_total", degreeIn + degreeOut);
    set(values, "total_in_usd", round(volume * 0.5));
    set(values, "total_out_usd", round(volume * 0.5));
    set(values, "total_volume_usd", round(volume));
    set(values, "tx_in_count", degreeIn * 2);
    set(values, "tx_out_count", degreeOut * 2);
    set(values, "tx_total_count", (degreeIn + degreeOut) * 2);
    set(values, "pagerank", round(random.nextDouble() * (suspicious ? 0.02 : 0.005)));
    set(
        values,
        "structuring_score",
        round(suspicious ? 0.3 + 0.7 * random.nextDouble() : 0.4 * random.nextDouble()));
    set(values, "is_mixer_like", suspicious && random.nextDouble() < 0.4 ? 1 : 0);
    set(values, "activity_days", 1 + random.nextInt(key.windowDays()));
    set(values, "first_activity_timestamp", dayStart - 86_400_000L * random.nextInt(400));
    set(values, "last_activity_timestamp", dayStart);
    if (random.nextDouble() < 0.7) { // newer SOT versions drop this one sometimes
      set(
          values,
          "behavioral_anomaly_score",
          round(suspicious ? 0.5 + 0.5 * random.nextDouble() : 0.5 * random.nextDouble()));
    }
    return new AddressFeatures(
        key.network(),
        key.processingDate(),
        key.windowDays(),
        address,
        values,
        key.network().equals("bitcoin") ? "BTC" : "ETH",
        null,
        null,
        null);
  }

  private static void set(double[] values, String column, double value) {
    values[FeatureColumns.indexOf(column)] = value;
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
