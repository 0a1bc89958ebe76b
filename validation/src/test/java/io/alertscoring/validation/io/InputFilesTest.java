package io.alertscoring.validation.io;

import static io.alertscoring.validation.Runs.BATCH;
import static io.alertscoring.validation.Runs.label;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.validation.InputAlerts;
import io.alertscoring.validation.LabelSet;
import io.alertscoring.validation.Trap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path dir;

  @Test
  void labelsOfTheNetworkWithTheLatestLabelWinning() throws Exception {
    AddressLabel old = label("ethereum", "0xa", false);
    AddressLabel newer =
        new AddressLabel(
            "ethereum", "2026-02-01", 7, "0xa", "scam", "eoa", Severity.CRITICAL, 1.0, "x");
    Path file =
        Files2.jsonl(
            dir.resolve("labels.jsonl"),
            List.of(newer, old, label("bitcoin", "0xb", true), label("ethereum", "0xc", false)));
    LabelSet labels = InputFiles.labels(file, "ethereum");
    assertThat(labels.byAddress()).containsOnlyKeys("0xa", "0xc");
    assertThat(labels.byAddress().get("0xa").isPositive()).isTrue();
    assertThat(labels.source()).contains("2 addresses on ethereum");
  }

  @Test
  void aMalformedLabelLineIsReportedWithItsNumber() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(
        file,
        io.alertscoring.schemas.json.SotJson.encode(label("ethereum", "0xa", true))
            + "\n\n{\"network\":\"ethereum\",\"risk_level\":\"extreme\"}\n");
    assertThatThrownBy(() -> InputFiles.labels(file, "ethereum"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("line 3");
  }

  @Test
  void alertsOfTheBatchOnly() throws Exception {
    BatchKey other = new BatchKey("ethereum", "2026-01-06", 7);
    Path file =
        Files2.jsonl(
            dir.resolve("alerts.jsonl"),
            List.of(
                Files2.alert(BATCH, "a1", "0x1"),
                Files2.alert(other, "a2", "0x2"),
                Files2.alert(BATCH, "a3", "0x3")));
    InputAlerts alerts = InputFiles.alerts(file, BATCH);
    assertThat(alerts.alertIds()).containsExactly("a1", "a3");
  }

  @Test
  void trapLists() throws Exception {
    Path file = dir.resolve("traps.json");
    Files.writeString(
        file,
        "[{\"alert_id\": \"a1\", \"expected_score\": 0.42}, {\"alert_id\": \"a2\", \"expected_score\": 1}]");
    assertThat(InputFiles.traps(file)).containsExactly(new Trap("a1", 0.42), new Trap("a2", 1.0));

    Files.writeString(file, "{\"alert_id\": \"a1\"}");
    assertThatThrownBy(() -> InputFiles.traps(file)).hasMessageContaining("JSON array");
    Files.writeString(file, "[{\"alert_id\": \"a1\", \"expected_score\": \"high\"}]");
    assertThatThrownBy(() -> InputFiles.traps(file)).hasMessageContaining("element 0");
    Files.writeString(file, "[{\"alert_id\": ");
    assertThatThrownBy(() -> InputFiles.traps(file)).hasMessageContaining("malformed JSON");
  }
}
