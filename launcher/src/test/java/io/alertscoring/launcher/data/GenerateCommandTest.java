package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        GenerateCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void generatesAndPrintsThroughput(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Run r =
        run(
            "--network",
            "ethereum,bitcoin",
            "--start-date",
            "2026-01-01",
            "--days",
            "2",
            "--alerts-per-day",
            "120",
            "--seed",
            "42",
            "--out",
            out.toString(),
            "--window-days",
            "5",
            "--gzip");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("ethereum 2026-01-01: 120 alerts")
        .contains("bitcoin 2026-01-02: 120 alerts")
        .contains("records/s")
        .contains("alerts/s");
    assertThat(out.resolve("manifest.json")).exists();
    assertThat(out.resolve("bitcoin/2026-01-02/alerts.jsonl.gz")).exists();
    assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"window_days\": 5");
  }

  @Test
  void badArgumentsAreOneLineUsageErrors(@TempDir Path tmp) throws Exception {
    String dir = tmp.resolve("o").toString();
    String[][] cases = {
      {"--start-date", "2026-01-01", "--out", dir},
      {"--network", "ETH", "--start-date", "2026-01-01", "--out", dir},
      {"--network", "ethereum", "--start-date", "2026-02-30", "--out", dir},
      {"--network", "ethereum", "--start-date", "2026-01-01"},
      {
        "--network", "ethereum", "--start-date", "2026-01-01", "--out", dir, "--alerts-per-day", "0"
      },
      {"--network", "ethereum", "--start-date", "2026-01-01", "--out", dir, "--days", "x"},
      {"--network", "ethereum", "--start-date", "2026-01-01", "--out", dir, "--label-noise", "0.9"},
      {"--network", "ethereum,ethereum", "--start-date", "2026-01-01", "--out", dir},
    };
    for (String[] c : cases) {
      Run r = run(c);
      assertThat(r.status()).as(String.join(" ", c)).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("alert-scoring: generate: ").doesNotContain("\n");
    }
    Files.createDirectories(tmp.resolve("full"));
    Files.writeString(tmp.resolve("full/x"), "x");
    Run r =
        run(
            "--network",
            "ethereum",
            "--start-date",
            "2026-01-01",
            "--out",
            tmp.resolve("full").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("not empty");
  }
}
