package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.generator.source.GeneratedFilesSource;
import io.alertscoring.generator.source.RecordVisitor;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.SotRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SOT ClickHouse database created by the test (real clickhouse-server, the mirror tables of
 * {@link ClickHouseDdl#sotTables()}) holding a generated batch, an older version of some rows, one
 * malformed row and labels: the replay reads with FINAL, publishes each record once, reports the
 * bad row and closes the batch with the counts it published.
 */
class ReplayClickHouseITCase {
  static final String DATE = "2026-02-03";

  @Test
  void replaysASotDatabaseBatchIntoKafka(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("gen");
    new DatasetGenerator(GeneratorConfig.of("ethereum", DATE, 1, 250, 3, out), null).run();
    BatchKey key = new BatchKey("ethereum", DATE, 7);
    Map<RecordKind, List<SotRecord>> batch = new EnumMap<>(RecordKind.class);
    new GeneratedFilesSource(out)
        .read(
            key,
            new RecordVisitor() {
              @Override
              public void record(SotRecord r) {
                batch.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
              }

              @Override
              public void bad(String origin, String reason) {
                throw new AssertionError(origin + ": " + reason);
              }
            });
    List<SotRecord> alerts = batch.get(RecordKind.ALERT);
    List<SotRecord> labels = new ArrayList<>();
    Set<String> labelled = new java.util.HashSet<>();
    for (SotRecord r : alerts) {
      Alert a = (Alert) r;
      if (labels.size() < 40 && labelled.add(a.address())) {
        labels.add(
            new AddressLabel(
                "ethereum",
                DATE,
                7,
                a.address(),
                "test",
                "eoa",
                labels.size() % 3 == 0 ? Severity.HIGH : Severity.LOW,
                0.9,
                "test"));
      }
    }

    try (ClickHouseServer ch = ClickHouseServer.start();
        EmbeddedKafkaBroker broker = ReplayITSupport.broker()) {
      for (String ddl : ClickHouseDdl.sotTables()) {
        ch.execute(ddl);
      }
      // an older version of the first 20 alerts with another description: FINAL must hide it
      List<SotRecord> stale = new ArrayList<>();
      for (SotRecord r : alerts.subList(0, 20)) {
        Alert a = (Alert) r;
        stale.add(
            new Alert(
                a.network(),
                a.processingDate(),
                a.windowDays(),
                a.alertId(),
                a.address(),
                a.typologyType(),
                a.patternId(),
                a.patternType(),
                a.severity(),
                a.suspectedAddressType(),
                a.suspectedAddressSubtype(),
                a.alertConfidenceScore(),
                "STALE VERSION",
                a.volumeUsd(),
                a.evidenceJson(),
                a.riskIndicators()));
      }
      SotTableWriter.insert(ch, stale, 1);
      for (List<SotRecord> records : batch.values()) {
        SotTableWriter.insert(ch, records, 2);
      }
      SotTableWriter.insert(ch, labels, 1);
      // one malformed upstream row: an unknown severity
      SotTableWriter.insertRaw(
          ch,
          "analyzers_alerts",
          "network, processing_date, window_days, alert_id, address, typology_type, pattern_id,"
              + " pattern_type, severity, suspected_address_type, suspected_address_subtype,"
              + " alert_confidence_score, description, volume_usd, evidence_json, risk_indicators,"
              + " _version",
          "'ethereum', '"
              + DATE
              + "', 7, 'zz-bad', '0xbad', 'fan_in', '', 'rule', 'apocalyptic',"
              + " 'eoa', '', 0.5, '', 1.5, '', [], 1");
      // another network's batch on the same date must not leak into the replay
      SotTableWriter.insertRaw(
          ch,
          "analyzers_alerts",
          "network, processing_date, window_days, alert_id, address, typology_type, pattern_id,"
              + " pattern_type, severity, suspected_address_type, suspected_address_subtype,"
              + " alert_confidence_score, description, volume_usd, evidence_json, risk_indicators,"
              + " _version",
          "'bitcoin', '"
              + DATE
              + "', 7, 'b-1', 'bc1qx', 'fan_in', '', 'rule', 'low',"
              + " 'eoa', '', 0.5, '', 1.5, '', [], 1");

      ReplayITSupport.Run run =
          ReplayITSupport.replay(
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--network",
              "ethereum",
              "--date",
              DATE,
              "--from-clickhouse",
              ch.jdbcUrl());
      assertThat(run.status()).as(run.out() + run.err()).isZero();
      assertThat(run.err()).contains("bad row analyzers_alerts[zz-bad]").contains("severity");
      assertThat(run.out()).contains("1 bad source rows");

      TopicDump dump = new TopicDump(broker.bootstrapServers());
      assertThat(dump.of(RecordKind.ALERT)).hasSize(alerts.size());
      assertThat(dump.of(RecordKind.FEATURES)).hasSize(batch.get(RecordKind.FEATURES).size());
      assertThat(dump.of(RecordKind.CLUSTER)).hasSize(batch.get(RecordKind.CLUSTER).size());
      assertThat(dump.of(RecordKind.MONEY_FLOW)).hasSize(batch.get(RecordKind.MONEY_FLOW).size());
      assertThat(dump.of(RecordKind.ADDRESS_LABEL)).hasSize(labels.size());
      assertThat(dump.of(RecordKind.ALERT))
          .extracting(r -> ((Alert) r).description())
          .doesNotContain("STALE VERSION");
      Set<String> ids =
          dump.of(RecordKind.ALERT).stream().map(SotRecord::recordId).collect(Collectors.toSet());
      assertThat(ids).hasSize(alerts.size()).doesNotContain("zz-bad", "b-1");

      assertThat(dump.of(RecordKind.BATCH_CONTROL)).hasSize(1);
      BatchControl control = (BatchControl) dump.of(RecordKind.BATCH_CONTROL).get(0);
      assertThat(control.batchKey()).isEqualTo(key);
      assertThat(control.alertCount()).isEqualTo(alerts.size());
      assertThat(control.featureCount()).isEqualTo(batch.get(RecordKind.FEATURES).size());
      assertThat(control.clusterCount()).isEqualTo(batch.get(RecordKind.CLUSTER).size());
      assertThat(control.moneyFlowCount()).isEqualTo(batch.get(RecordKind.MONEY_FLOW).size());

      // records survive the trip through ClickHouse unchanged in what the job reads
      Alert original = (Alert) alerts.get(30);
      Alert replayed =
          (Alert)
              dump.of(RecordKind.ALERT).stream()
                  .filter(r -> r.recordId().equals(original.alertId()))
                  .findFirst()
                  .get();
      assertThat(replayed.address()).isEqualTo(original.address());
      assertThat(replayed.volumeUsd()).isEqualByComparingTo(original.volumeUsd());
      assertThat(replayed.riskIndicators()).isEqualTo(original.riskIndicators());
      assertThat(replayed.evidenceJson()).isEqualTo(original.evidenceJson());
    }
  }
}
