package io.alertscoring.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
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
          {},
          {"pipeline"},
          {"pipeline", "--alerts-per-day", "many"},
          {"pipeline", "--alerts-per-day", "0"},
          {"pipeline", "--alerts-per-day", "100", "--date", "March"},
          {"pipeline", "--alerts-per-day", "100", "--parallelism", "0"},
          {"pipeline", "--alerts-per-day", "100", "--json", "/no/such/dir/x.json"},
          {"pipeline", "--alerts-per-day", "100", "--models-dir", "/no/such/models"},
          {"live", "--rate", "0"},
          {"live", "--rate", "fast"},
          {"live", "--duration", "0"},
          {"live", "--sample-every", "0"},
          {"live", "--start-date", "March"},
          {"live", "--network", "Bad Net"},
          {"live", "--models-dir", "/no/such/models"},
          {"walk"},
        }) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(run(err, bad)).as(String.join(" ", bad)).isEqualTo(2);
      String text = err.toString(StandardCharsets.UTF_8).strip();
      if (bad.length > 0) {
        assertThat(text)
            .as(String.join(" ", bad))
            .startsWith("alert-scoring: bench")
            .doesNotContain("\n");
      }
    }
  }

  @Test
  void helpIsStatusZero() {
    assertThat(run(new ByteArrayOutputStream(), "pipeline", "--help")).isZero();
    assertThat(run(new ByteArrayOutputStream(), "live", "--help")).isZero();
  }
}
