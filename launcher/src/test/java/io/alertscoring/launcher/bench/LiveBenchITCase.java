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
 * {@code bench live} at a small scale: real ClickHouse, the embedded broker, the job and the API;
 * two short dates, the first closed during the run, every sampled alert served by the API.
 */
class LiveBenchITCase {
  @TempDir Path dir;

  @Test
  void measuresPublicationToServedLiveScoreWithTheBatchPathRunning() throws Exception {
    Path json = dir.resolve("live.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BenchCommand.run(
            new String[] {
              "live",
              "--rate",
              "200",
              "--duration",
              "8",
              "--warmup",
              "2",
              "--alerts-per-date",
              "800",
              "--sample-every",
              "10",
              "--data",
              dir.resolve("data").toString(),
              "--json",
              json.toString(),
              "--models-dir",
              Path.of("..", "trained_models").toString(),
              "--managed-memory",
              "256m"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("latency_p99_ms");
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    long published = r.path("alerts_published").asLong();
    assertThat(published).isBetween(1500L, 2100L);
    assertThat(r.path("dates_closed_during_run").asInt()).isPositive();
    assertThat(r.path("samples_measured").asLong()).isGreaterThan(100);
    assertThat(r.path("samples_missed").asLong()).isZero();
    assertThat(r.path("latency_p50_ms").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(r.path("latency_p99_ms").asDouble());
    assertThat(r.path("live_alerts_stored").asLong()).isEqualTo(published);
  }
}
