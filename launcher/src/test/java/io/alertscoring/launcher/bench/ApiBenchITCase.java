package io.alertscoring.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench api} at a small scale: a ClickHouse started here, 9 dates x 2,000 alerts (a
 * superseded run, a FAILED one, duplicates and a PROCESSING date among them), the API's checks
 * passing and figures for the three request kinds, through the API and straight to ClickHouse.
 */
class ApiBenchITCase {
  @TempDir Path dir;

  @Test
  void fillsChecksAndMeasuresTheThreeKinds() throws Exception {
    Path json = dir.resolve("api.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BenchCommand.run(
            new String[] {
              "api",
              "--dates",
              "9",
              "--alerts-per-date",
              "2000",
              "--rate",
              "40",
              "--duration",
              "2",
              "--warmup",
              "1",
              "--json",
              json.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8) + printed).isZero();
    assertThat(printed).contains("checks passed").contains("p99 ms").contains("API / direct");
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertThat(r.path("alert_scores_rows").asLong()).isEqualTo(9 * 2000 + 2000 + 400 + 200 + 200);
    for (String kind : ApiBench.KINDS) {
      JsonNode api = r.path("results").path(kind).path("api");
      assertThat(api.path("requests").asLong()).as(kind).isEqualTo(80);
      assertThat(api.path("ok").asLong()).as(kind + " " + api).isPositive();
      assertThat(api.path("p50_ms").asDouble()).as(kind).isPositive();
      assertThat(r.path("results").path(kind).path("direct").path("requests").asLong())
          .isEqualTo(80);
    }
  }
}
