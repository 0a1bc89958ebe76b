package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.generator.source.GeneratedFilesSource;
import io.alertscoring.generator.source.SotSource;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.SotRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast file path (lines as they are) and the strict one (--validate) publish the same records
 * and the same counts, and report the same bad rows, on files with every kind of oddity.
 */
class FileReplayTest {

  record Outcome(
      Replayer.Report report, List<String> sent, List<BatchControl> controls, String err) {}

  static Outcome replay(SotSource source) throws Exception {
    ReplayCommandTest.ListPublisher publisher = new ReplayCommandTest.ListPublisher();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Replayer.Report report =
        new Replayer(
                source,
                publisher,
                new Replayer.Options(
                    "ethereum",
                    LocalDate.parse("2026-01-10"),
                    LocalDate.parse("2026-01-11"),
                    null,
                    0,
                    true),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false)
            .run();
    List<String> sent = new ArrayList<>();
    for (SotRecord r : publisher.sent) {
      sent.add(r.kind() + " " + r.batchKey() + " " + r.recordId());
    }
    sent.sort(null);
    return new Outcome(
        report,
        sent,
        publisher.controls.stream().map(BatchControl.class::cast).toList(),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void fastAndStrictPathsAgree(@TempDir Path tmp) throws Exception {
    new DatasetGenerator(GeneratorConfig.of("ethereum", "2026-01-10", 2, 150, 3, tmp), null).run();
    Path alerts = tmp.resolve("ethereum/2026-01-10/alerts.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(alerts));
    String first = lines.get(0);
    lines.add(first); // repeated identity
    lines.add(Files.readAllLines(tmp.resolve("ethereum/2026-01-11/alerts.jsonl")).get(0)); // stray
    lines.add(first.substring(0, first.length() - 10)); // truncated: bad row
    lines.add(""); // blank: bad row
    // a valid record in another field order: not canonical, decoded, published
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = (ObjectNode) mapper.readTree(lines.get(1));
    node.remove("network");
    node.put("network", "ethereum");
    lines.set(1, mapper.writeValueAsString(node));
    lines.add(lines.get(1)); // and its repetition
    Files.write(alerts, lines);
    Path flows = tmp.resolve("ethereum/2026-01-10/money_flows.jsonl");
    List<String> flowLines = new ArrayList<>(Files.readAllLines(flows));
    flowLines.add(flowLines.get(3) + "\r"); // repeated, CRLF
    Files.write(flows, flowLines);

    Outcome fast = replay(new GeneratedLinesSource(tmp));
    Outcome strict = replay(new GeneratedFilesSource(tmp));

    assertThat(fast.report().badRows()).isEqualTo(6).isEqualTo(strict.report().badRows());
    assertThat(fast.sent()).isEqualTo(strict.sent()).hasSize((int) fast.report().records() - 2);
    assertThat(fast.controls()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      BatchControl f = fast.controls().get(i);
      BatchControl s = strict.controls().get(i);
      assertThat(List.of(f.alertCount(), f.featureCount(), f.clusterCount(), f.moneyFlowCount()))
          .isEqualTo(
              List.of(s.alertCount(), s.featureCount(), s.clusterCount(), s.moneyFlowCount()));
    }
    assertThat(fast.controls().get(0).alertCount()).isEqualTo(150);
    for (String expected :
        List.of(
            "repeated record identity",
            "belongs to batch",
            "bad row ethereum/2026-01-10/alerts.jsonl:153",
            "bad row ethereum/2026-01-10/alerts.jsonl:154")) {
      assertThat(fast.err()).contains(expected);
      assertThat(strict.err()).contains(expected);
    }
    assertThat(fast.report().bytes()).isPositive();
  }
}
