package io.alertscoring.generator.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedFilesSourceTest {

  @Test
  void readsBatchesBackAndReportsBadLines(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    new DatasetGenerator(GeneratorConfig.of("ethereum", "2026-01-01", 2, 300, 5, out), null).run();
    GeneratedFilesSource source = new GeneratedFilesSource(out);
    List<BatchKey> batches =
        source.batches("ethereum", LocalDate.parse("2025-12-01"), LocalDate.parse("2026-12-31"));
    assertThat(batches)
        .containsExactly(
            new BatchKey("ethereum", "2026-01-01", 7), new BatchKey("ethereum", "2026-01-02", 7));
    assertThat(source.batches("bitcoin", LocalDate.MIN, LocalDate.MAX)).isEmpty();

    CollectingVisitor v = new CollectingVisitor();
    source.read(batches.get(0), v);
    assertThat(v.bad).isEmpty();
    assertThat(v.of(RecordKind.ALERT)).hasSize(300);
    long expected = source.estimate(batches.get(0));
    assertThat(
            v.of(RecordKind.ALERT).size()
                + v.of(RecordKind.FEATURES).size()
                + v.of(RecordKind.CLUSTER).size()
                + v.of(RecordKind.MONEY_FLOW).size())
        .isEqualTo(expected);
    assertThat(v.of(RecordKind.BATCH_CONTROL)).isEmpty();

    // corrupt two lines: they are reported with file and line, the others still read
    Path alerts = out.resolve("ethereum/2026-01-02/alerts.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(alerts));
    lines.set(3, "{not json");
    lines.set(7, lines.get(7).replace("\"severity\":\"", "\"severity\":\"x"));
    Files.write(alerts, lines);
    CollectingVisitor w = new CollectingVisitor();
    source.read(batches.get(1), w);
    assertThat(w.of(RecordKind.ALERT)).hasSize(298);
    assertThat(w.bad).hasSize(2);
    assertThat(w.bad.get(0))
        .startsWith("ethereum/2026-01-02/alerts.jsonl:4")
        .contains("malformed JSON");
    assertThat(w.bad.get(1)).startsWith("ethereum/2026-01-02/alerts.jsonl:8").contains("severity");
  }
}
