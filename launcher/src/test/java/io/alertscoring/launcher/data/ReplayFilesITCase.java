package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.SotRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated gzip files of two processing dates replayed into a real KRaft broker: every record
 * arrives once, the batch-control records carry the counts published, labels go apart; a corrupted
 * line is a counted bad row and is left out of the counts.
 */
class ReplayFilesITCase {

  @Test
  void replaysAGeneratedDateRangeIntoKafka(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("gen");
    new DatasetGenerator(
            GeneratorConfig.of("ethereum", "2026-01-10", 2, 300, 11, out).withGzip(true), null)
        .run();
    // a third processing date with one corrupted alert line (plain file next to the gzip ones)
    Path extra = tmp.resolve("gen2");
    new DatasetGenerator(GeneratorConfig.of("ethereum", "2026-01-12", 1, 100, 11, extra), null)
        .run();
    Path alerts = extra.resolve("ethereum/2026-01-12/alerts.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(alerts));
    lines.set(5, "{\"network\":\"ethereum\"");
    Files.write(alerts, lines);
    Files.move(extra.resolve("ethereum/2026-01-12"), out.resolve("ethereum/2026-01-12"));

    try (EmbeddedKafkaBroker broker = ReplayITSupport.broker()) {
      ReplayITSupport.Run run =
          ReplayITSupport.replay(
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--network",
              "ethereum",
              "--date",
              "2026-01-10",
              "--to-date",
              "2026-01-12",
              "--from-files",
              out.toString(),
              "--rate",
              "50000");
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).contains("3 batch(es)").contains("1 bad source rows");
      assertThat(run.err()).contains("bad row ethereum/2026-01-12/alerts.jsonl:6");

      TopicDump dump = new TopicDump(broker.bootstrapServers());
      List<SotRecord> controls = dump.of(RecordKind.BATCH_CONTROL);
      assertThat(controls).hasSize(3);
      for (SotRecord r : controls) {
        BatchControl c = (BatchControl) r;
        String d = c.processingDate();
        assertThat(c.alertCount()).isEqualTo(dump.count(RecordKind.ALERT, "ethereum", d));
        assertThat(c.featureCount()).isEqualTo(dump.count(RecordKind.FEATURES, "ethereum", d));
        assertThat(c.clusterCount()).isEqualTo(dump.count(RecordKind.CLUSTER, "ethereum", d));
        assertThat(c.moneyFlowCount()).isEqualTo(dump.count(RecordKind.MONEY_FLOW, "ethereum", d));
        assertThat(c.alertCount()).isEqualTo(d.equals("2026-01-12") ? 99 : 300);
        assertThat(c.moneyFlowCount()).isPositive();
      }
      // for intact dates the published counts are those of the generator's own control records
      for (String d : List.of("2026-01-10", "2026-01-11")) {
        Path file = out.resolve("ethereum/" + d + "/batch_control.jsonl.gz");
        String line;
        try (var in =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(
                    new java.util.zip.GZIPInputStream(Files.newInputStream(file)),
                    java.nio.charset.StandardCharsets.UTF_8))) {
          line = in.readLine();
        }
        BatchControl generated =
            (BatchControl)
                io.alertscoring.schemas.json.SotJson.decode(RecordKind.BATCH_CONTROL, line);
        BatchControl published =
            controls.stream()
                .map(BatchControl.class::cast)
                .filter(c -> c.processingDate().equals(d))
                .findFirst()
                .get();
        assertThat(published.alertCount()).isEqualTo(generated.alertCount());
        assertThat(published.featureCount()).isEqualTo(generated.featureCount());
        assertThat(published.clusterCount()).isEqualTo(generated.clusterCount());
        assertThat(published.moneyFlowCount()).isEqualTo(generated.moneyFlowCount());
      }
      // labels that arrived on the replayed dates: none (they arrive 7..30 days after alerts)
      assertThat(dump.of(RecordKind.ADDRESS_LABEL)).isEmpty();
    }
  }
}
