package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.derive.DerivedBatch;
import io.alertscoring.generator.source.AmlSimSource;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.SotRecord;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The shared datasets replayed into a real broker, counts checked against the sources. */
class ReplayDatasetsITCase {

  @Test
  void replaysTheEthereumIllicitAccountsAsOneDate() throws Exception {
    Path csv = ReplayITSupport.datasets().resolve("eth-illicit/transaction_dataset.csv");
    try (EmbeddedKafkaBroker broker = ReplayITSupport.broker()) {
      ReplayITSupport.Run run =
          ReplayITSupport.replay(
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--network",
              "ethereum",
              "--date",
              "2026-03-01",
              "--from-eth-illicit",
              csv.toString());
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).contains("25 bad source rows");
      assertThat(run.err()).contains("duplicate address");

      TopicDump dump = new TopicDump(broker.bootstrapServers());
      assertThat(dump.of(RecordKind.ALERT)).hasSize(9_816);
      assertThat(dump.of(RecordKind.FEATURES)).hasSize(9_816);
      assertThat(dump.of(RecordKind.ADDRESS_LABEL)).hasSize(9_816);
      assertThat(
              dump.of(RecordKind.ADDRESS_LABEL).stream()
                  .filter(l -> ((AddressLabel) l).isPositive()))
          .hasSize(2_179);
      BatchControl control = (BatchControl) dump.of(RecordKind.BATCH_CONTROL).get(0);
      assertThat(control.batchKey()).isEqualTo(new BatchKey("ethereum", "2026-03-01", 7));
      assertThat(control.alertCount()).isEqualTo(9_816);
      assertThat(control.featureCount()).isEqualTo(9_816);
      assertThat(control.clusterCount()).isZero();
      assertThat(control.moneyFlowCount()).isZero();
    }
  }

  @Test
  void replaysAnAmlSimDateRange() throws Exception {
    Path archive = ReplayITSupport.datasets().resolve("amlsim-ibm-20k/20K_cycle200.tgz");
    LocalDate stepOne = LocalDate.parse("2026-01-01");
    LocalDate from = LocalDate.parse("2026-02-10");
    LocalDate to = LocalDate.parse("2026-02-12");
    AmlSimSource expected = new AmlSimSource(archive, stepOne, 7);
    try (EmbeddedKafkaBroker broker = ReplayITSupport.broker()) {
      ReplayITSupport.Run run =
          ReplayITSupport.replay(
              "--bootstrap-servers", broker.bootstrapServers(),
              "--network", "amlsim",
              "--date", from.toString(),
              "--to-date", to.toString(),
              "--from-amlsim", archive.toString());
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).contains("3 batch(es)");
      assertThat(run.out()).contains(expected.badRowCount() + " bad source rows");

      TopicDump dump = new TopicDump(broker.bootstrapServers());
      assertThat(dump.of(RecordKind.BATCH_CONTROL)).hasSize(3);
      long alerts = 0;
      for (SotRecord r : dump.of(RecordKind.BATCH_CONTROL)) {
        BatchControl c = (BatchControl) r;
        DerivedBatch d = expected.derive(c.batchKey());
        assertThat(c.alertCount()).isEqualTo(d.alerts().size()).isPositive();
        assertThat(c.featureCount()).isEqualTo(d.features().size());
        assertThat(c.clusterCount()).isEqualTo(d.clusters().size());
        assertThat(c.moneyFlowCount()).isEqualTo(d.moneyFlows().size());
        String date = c.processingDate();
        assertThat(dump.count(RecordKind.ALERT, "amlsim", date)).isEqualTo(c.alertCount());
        assertThat(dump.count(RecordKind.MONEY_FLOW, "amlsim", date)).isEqualTo(c.moneyFlowCount());
        alerts += c.alertCount();
      }
      assertThat(dump.of(RecordKind.ALERT)).hasSize((int) alerts);
      assertThat(dump.of(RecordKind.ADDRESS_LABEL)).isNotEmpty();
    }
  }
}
