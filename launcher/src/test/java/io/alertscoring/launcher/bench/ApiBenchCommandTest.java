package io.alertscoring.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApiBenchCommandTest {
  private static int run(ByteArrayOutputStream err, String... args) {
    return BenchCommand.run(
        args,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void usageErrorsAreOneLineWithStatusTwo() {
    for (String[] bad :
        new String[][] {
          {"api", "--rate", "0"},
          {"api", "--rate", "fast"},
          {"api", "--duration", "0"},
          {"api", "--warmup", "-1"},
          {"api", "--dates", "0"},
          {"api", "--alerts-per-date", "10"},
          {"api", "--kinds", "top,everything"},
          {"api", "--max-in-flight", "0"},
          {"api", "--start-date", "March"},
          {"api", "--network", "Bad Net"},
          {"api", "--json", "/no/such/dir/x.json"},
          {"api", "--clickhouse-url", "http://localhost:8123"},
          {"api", "--unknown"},
        }) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(run(err, bad)).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8).strip())
          .as(String.join(" ", bad))
          .startsWith("alert-scoring: bench")
          .doesNotContain("\n");
    }
  }

  @Test
  void helpIsStatusZero() {
    assertThat(run(new ByteArrayOutputStream(), "api", "--help")).isZero();
  }

  @Test
  void jdbcUrlsBecomeTheHttpEndpointAndTheBenchDatabase() {
    assertThat(ApiBench.httpBase("jdbc:clickhouse://127.0.0.1:8123/default?compress=false"))
        .isEqualTo("http://127.0.0.1:8123/");
    assertThat(ApiBench.jdbcUrlWithDatabase("jdbc:clickhouse://h:1/default?compress=false", "b"))
        .isEqualTo("jdbc:clickhouse://h:1/b?compress=false");
    assertThat(ApiBench.jdbcUrlWithDatabase("jdbc:clickhouse://h:1", "b"))
        .isEqualTo("jdbc:clickhouse://h:1/b");
  }

  @Test
  void theFillHasSupersededFailedAndProcessingRuns() {
    ApiBenchData data = new ApiBenchData("ethereum", LocalDate.parse("2026-01-01"), 30, 1000);
    assertThat(data.currentRun(2)).isEqualTo("run-2026-01-03-2");
    assertThat(data.currentRun(3)).isEqualTo("run-2026-01-04-1");
    assertThat(data.failedDate()).isEqualTo(28);
    assertThat(data.processingDate()).isEqualTo(LocalDate.parse("2026-01-31"));
    assertThat(data.steps())
        .extracting(ApiBenchData.Step::what)
        .anyMatch(w -> w.contains("FAILED"))
        .anyMatch(w -> w.contains("PROCESSING"));
    // 30 current runs, 4 superseded ones (dates 2, 9, 16, 23), a failed fifth, duplicates, open
    assertThat(data.alertScoreRows()).isEqualTo(30 * 1000 + 4 * 1000 + 200 + 100 + 100);
  }

  @Test
  void directQueriesNameTheCurrentRunThroughPublishedRuns() {
    ApiBench bench =
        new ApiBench(
            new ApiBenchOptions().settingsForTest(), new PrintStream(new ByteArrayOutputStream()));
    for (String kind : ApiBench.KINDS) {
      assertThat(bench.directSql(kind, new Random(1)))
          .contains("published_runs FINAL")
          .endsWith("FORMAT JSONEachRow");
    }
  }
}
