package io.alertscoring.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole benchmark on a small date: real ClickHouse, the embedded KRaft broker, the job at
 * parallelism 2 on RocksDB, the replay and the decode-only pass; then a second run reuses the data.
 */
class PipelineBenchITCase {
  @TempDir Path dir;

  @Test
  void measuresADateEndToEndAndReusesItsData() throws Exception {
    Path data = dir.resolve("data");
    Path json = dir.resolve("bench.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BenchCommand.run(
            new String[] {
              "pipeline",
              "--alerts-per-day",
              "3000",
              "--data",
              data.toString(),
              "--json",
              json.toString(),
              "--models-dir",
              Path.of("..", "trained_models").toString(),
              "--checkpoint-interval-ms",
              "1000",
              "--checkpoint-min-pause-ms",
              "200",
              "--managed-memory",
              "256m",
              "--timeout-s",
              "300"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed).contains("Pipeline benchmark", "ratio job rate / decode-only rate");
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertThat(r.path("alerts_published").asLong()).isEqualTo(3000);
    assertThat(r.path("alert_scores_rows").asLong()).isEqualTo(3000);
    assertThat(r.path("alert_rankings_rows").asLong()).isEqualTo(3000);
    assertThat(r.path("cluster_scores_rows").asLong())
        .isEqualTo(r.path("cluster_scores_expected").asLong())
        .isPositive();
    assertThat(r.path("decode_only_records").asLong())
        .isEqualTo(r.path("records_published").asLong());
    assertThat(r.path("job_to_decode_only_ratio").asDouble()).isPositive();
    assertThat(r.path("flink_state_backend").asText()).isEqualTo("EmbeddedRocksDBStateBackend");
    assertThat(r.path("flink_checkpoint_storage").asText())
        .isEqualTo("FileSystemCheckpointStorage");
    assertThat(r.path("checkpoints_completed").asInt()).isPositive();
    assertThat(r.path("peak_heap_bytes").asLong()).isPositive();
    assertThat(r.path("seconds_first_record_to_queryable").asDouble())
        .isGreaterThanOrEqualTo(r.path("seconds_first_record_to_completed").asDouble() - 0.5);
    assertThat(Files.isRegularFile(data.resolve("manifest.json"))).isTrue();

    // a different size over the same directory is refused in one line
    ByteArrayOutputStream err2 = new ByteArrayOutputStream();
    int refused =
        BenchCommand.run(
            new String[] {
              "pipeline",
              "--alerts-per-day",
              "4000",
              "--data",
              data.toString(),
              "--models-dir",
              Path.of("..", "trained_models").toString()
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err2, true, StandardCharsets.UTF_8));
    assertThat(refused).isEqualTo(1);
    assertThat(err2.toString(StandardCharsets.UTF_8)).contains("3000 alerts/day");
  }
}
