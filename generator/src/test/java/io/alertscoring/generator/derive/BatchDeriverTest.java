package io.alertscoring.generator.derive;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built windows with known answers: rules fire, features and flows add up, clusters link. */
class BatchDeriverTest {
  static final long DAY = LocalDate.parse("2026-01-10").toEpochDay();
  static final long H = 3_600_000L;
  static final long EXCHANGE = 1000;
  static final BatchKey KEY = new BatchKey("testnet", "2026-01-10", 7);

  static final NodeDirectory DIRECTORY =
      new NodeDirectory() {
        @Override
        public boolean isHub(long key) {
          return key >= 1000;
        }

        @Override
        public boolean isMixer(long key) {
          return key == 1001;
        }

        @Override
        public String address(long key) {
          return String.format("addr-%04d", key);
        }

        @Override
        public long firstActivityMs(long key) {
          return (DAY - 100) * 86_400_000L;
        }

        @Override
        public int dormantReactivated(long key, long processingEpochDay) {
          return 0;
        }
      };

  static DeriveConfig exact() {
    DeriveConfig g = DeriveConfig.generated();
    return new DeriveConfig(
        g.timeOfDay(),
        g.fanMinDegree(),
        g.fanMinUsd(),
        g.passMinUsd(),
        g.cycleMinEdgeUsd(),
        g.cycleMaxLength(),
        g.structuringThresholds(),
        g.structuringMinCount(),
        g.mixerMinUsd(),
        g.suddenMinUsd(),
        g.smallTxUsd(),
        g.whaleUsd(),
        0.0,
        0.0,
        g.maxAlertsPerAddress());
  }

  static long at(long day, int hour) {
    return day * 86_400_000L + hour * H;
  }

  static TransferBuffer window() {
    TransferBuffer b = new TransferBuffer();
    // fan-in: 8 senders pay 1,000 each to 100, which forwards 7,600 to an exchange
    for (int s = 1; s <= 8; s++) {
      b.add(s, 100, at(DAY, 8 + s), 1000, 0);
    }
    b.add(100, EXCHANGE, at(DAY, 20), 7600, 0);
    // a 3-cycle of similar amounts, closing on the processing date
    b.add(200, 201, at(DAY - 1, 10), 5000, 0);
    b.add(201, 202, at(DAY, 9), 4900, 0);
    b.add(202, 200, at(DAY, 15), 4800, 0);
    // noise: an ordinary payment and a transfer outside the processing date only
    b.add(300, 301, at(DAY - 3, 12), 50, 0);
    return b;
  }

  @Test
  void rulesFireOnFanInAndCycle() {
    DerivedBatch batch =
        new BatchDeriver(exact(), AssetCatalog.usdOnly("USD"))
            .derive(window(), DIRECTORY, KEY, "t", 100, 1);
    assertThat(batch.alerts())
        .extracting(Alert::address, Alert::typologyType)
        .contains(
            org.assertj.core.groups.Tuple.tuple("addr-0100", "fan_in"),
            org.assertj.core.groups.Tuple.tuple("addr-0200", "cycle"),
            org.assertj.core.groups.Tuple.tuple("addr-0201", "cycle"),
            org.assertj.core.groups.Tuple.tuple("addr-0202", "cycle"));
    assertThat(batch.alerts()).extracting(Alert::address).doesNotContain("addr-0300", "addr-0001");
    // ids are unique, alerts ordered by address
    assertThat(batch.alerts()).extracting(Alert::alertId).doesNotHaveDuplicates();
    assertThat(batch.alerts()).extracting(Alert::address).isSortedAccordingTo(String::compareTo);
    for (SotRecord r : all(batch)) {
      assertThat(decodes(r)).as(r.toString()).isTrue();
    }
  }

  @Test
  void featuresAreComputedFromTheTransfers() {
    DerivedBatch batch =
        new BatchDeriver(exact(), AssetCatalog.usdOnly("USD"))
            .derive(window(), DIRECTORY, KEY, "t", 100, 1);
    AddressFeatures f =
        batch.features().stream().filter(x -> x.address().equals("addr-0100")).findFirst().get();
    assertThat(f.value("degree_in")).isEqualTo(8);
    assertThat(f.value("degree_out")).isEqualTo(1);
    assertThat(f.value("unique_counterparties")).isEqualTo(9);
    assertThat(f.value("tx_in_count")).isEqualTo(8);
    assertThat(f.value("tx_out_count")).isEqualTo(1);
    assertThat(f.value("total_in_usd")).isEqualTo(8000);
    assertThat(f.value("total_out_usd")).isEqualTo(7600);
    assertThat(f.value("net_flow_usd")).isEqualTo(400);
    assertThat(f.value("median_tx_in_usd")).isEqualTo(1000);
    assertThat(f.value("max_tx_usd")).isEqualTo(7600);
    assertThat(f.value("min_tx_usd")).isEqualTo(1000);
    assertThat(f.value("activity_days")).isEqualTo(1);
    assertThat(f.value("is_new_address")).isZero();
    assertThat(f.value("peak_hour")).isEqualTo(9); // 9..16 once each, 20 once: first maximum
    assertThat(f.value("night_transaction_ratio")).isZero();
    assertThat(f.value("betweenness")).isNaN(); // not derivable cheaply: missing, not zero
    assertThat(f.value("behavioral_anomaly_score")).isNaN();
    assertThat(f.value("pagerank")).isPositive();
    assertThat(f.value("khop1_count")).isEqualTo(9);
    assertThat(f.hourlyActivity()).hasSize(24);
    assertThat(f.dailyActivity()).hasSize(7);
    assertThat(f.value("completeness_score")).isBetween(0.5, 1.0);
  }

  @Test
  void flowsAggregatePairsAroundAlertsAndCyclesFormACluster() {
    DerivedBatch batch =
        new BatchDeriver(exact(), AssetCatalog.usdOnly("USD"))
            .derive(window(), DIRECTORY, KEY, "t", 100, 1);
    MoneyFlow toExchange =
        batch.moneyFlows().stream()
            .filter(m -> m.fromAddress().equals("addr-0100") && m.toAddress().equals("addr-1000"))
            .findFirst()
            .get();
    assertThat(toExchange.txCount()).isEqualTo(1);
    assertThat(toExchange.amountUsdSum()).isEqualByComparingTo(new BigDecimal("7600"));
    assertThat(toExchange.bidirectional()).isFalse();
    // flows only around alerted accounts: the unrelated payment is not evidence
    assertThat(batch.moneyFlows()).extracting(MoneyFlow::fromAddress).doesNotContain("addr-0300");
    assertThat(batch.moneyFlows()).hasSize(8 + 1 + 3);
    assertThat(batch.clusters()).hasSize(1);
    AlertCluster cluster = batch.clusters().get(0);
    assertThat(cluster.addressesInvolved())
        .containsExactlyInAnyOrder("addr-0200", "addr-0201", "addr-0202");
    assertThat(cluster.clusterType()).isEqualTo("cycle");
    assertThat(cluster.totalAlerts()).isEqualTo(cluster.relatedAlertIds().size());
  }

  @Test
  void theBudgetKeepsTheBestScores() {
    DerivedBatch all =
        new BatchDeriver(exact(), AssetCatalog.usdOnly("USD"))
            .derive(window(), DIRECTORY, KEY, "t", 100, 1);
    DerivedBatch two =
        new BatchDeriver(exact(), AssetCatalog.usdOnly("USD"))
            .derive(window(), DIRECTORY, KEY, "t", 2, 1);
    assertThat(two.alerts()).hasSize(2);
    assertThat(two.candidates()).isEqualTo(all.candidates());
    double cut = two.alerts().stream().mapToDouble(Alert::alertConfidenceScore).min().getAsDouble();
    assertThat(all.alerts().stream().filter(a -> a.alertConfidenceScore() > cut))
        .hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void derivingTwiceGivesIdenticalRecords() {
    BatchDeriver deriver = new BatchDeriver(DeriveConfig.generated(), AssetCatalog.usdOnly("USD"));
    DerivedBatch a = deriver.derive(window(), DIRECTORY, KEY, "t", 100, 9);
    DerivedBatch b = deriver.derive(window(), DIRECTORY, KEY, "t", 100, 9);
    assertThat(all(a).stream().map(SotJson::encode).toList())
        .isEqualTo(all(b).stream().map(SotJson::encode).toList());
  }

  static List<SotRecord> all(DerivedBatch b) {
    return java.util.stream.Stream.of(b.alerts(), b.features(), b.clusters(), b.moneyFlows())
        .flatMap(List::stream)
        .map(SotRecord.class::cast)
        .toList();
  }

  static boolean decodes(SotRecord r) {
    try {
      RecordKind kind = r.kind();
      SotJson.decode(kind, SotJson.encode(r));
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
