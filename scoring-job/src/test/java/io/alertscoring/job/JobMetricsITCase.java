package io.alertscoring.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.infra.FreePorts;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.testing.CollectedOutputs;
import io.alertscoring.job.testing.RawRecords;
import io.alertscoring.job.testing.RegisteredRecordSource;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's counters as an operator scrapes them: the Prometheus text reporter the clusters run, on
 * a MiniCluster at parallelism 2, while the job runs.
 */
class JobMetricsITCase {
  static final int PORT = FreePorts.findOne();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(reporter())
              .build());

  private static Configuration reporter() {
    Configuration conf = new Configuration();
    for (var e :
        io.alertscoring.infra.FlinkClusterConfig.prometheusReporter(PORT + "").entrySet()) {
      conf.setString(e.getKey(), e.getValue());
    }
    return conf;
  }

  @Test
  void exposesRecordsPerKindDeadLettersPerReasonBatchesAndLiveLatency() throws Exception {
    BatchKey key = new BatchKey("ethereum", "2026-03-01", 7);
    SampleBatch batch = SampleBatchGenerator.generate(key, 40, 5);
    List<RawRecord> records = new ArrayList<>(RawRecords.rawBatch(batch));
    records.add(1, RawRecords.raw(RecordKind.ALERT, "{\"alert_id\": 42", 9001));
    records.add(
        2,
        RawRecords.raw(
            RecordKind.ALERT,
            io.alertscoring.schemas.json.SotJson.encode(batch.alerts().get(0))
                .replace("\"severity\":\"", "\"severity\":\"x"),
            9002));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CollectedOutputs outputs = CollectedOutputs.create();
    new ScoringJob(
            JobConfig.defaults(Path.of("..", "trained_models").toAbsolutePath().toString())
                .withBatchTimeout(Duration.ofMinutes(5)),
            e -> RegisteredRecordSource.streamThenIdle(e, records).rebalance(),
            outputs.sinks())
        .build(env);
    JobClient job = env.executeAsync("job-metrics-test");
    try {
      String text = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        text = scrape();
        if (sum(text, "batchesCompleted", "") >= 1) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(sum(text, "batchesCompleted", "")).as(text).isEqualTo(1);
      assertThat(sum(text, "records", "kind=\"alert\"")).isEqualTo(batch.alerts().size());
      assertThat(sum(text, "records", "kind=\"features\"")).isEqualTo(batch.features().size());
      assertThat(sum(text, "records", "kind=\"batch_control\"")).isEqualTo(1);
      assertThat(sum(text, "reason_deadLetters", "reason=\"invalid:record\"")).isEqualTo(1);
      assertThat(sum(text, "reason_deadLetters", "reason=\"invalid:severity\"")).isEqualTo(1);
      assertThat(sum(text, "batchesFailed", "")).isZero();
      assertThat(text)
          .contains("# TYPE flink_taskmanager_job_task_operator_liveScoreLatencyMs summary")
          .containsPattern("liveScoreLatencyMs_count\\{[^}]*\\} [1-9]");
      // one latency per live score (alerts without features are scored live after a wait)
      assertThat(sum(text, "liveScored", "")).isPositive();
      assertThat(sum(text, "liveScoreLatencyMs_count", "")).isEqualTo(sum(text, "liveScored", ""));
    } finally {
      job.cancel().get();
    }
  }

  private static String scrape() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /**
   * The sum over every operator subtask of the samples of {@code ..._<name>} with {@code label}.
   */
  private static long sum(String text, String name, String label) {
    Pattern line =
        Pattern.compile(
            "^flink_taskmanager_job_task_operator(?:_kind)?_" + name + "\\{([^}]*)\\} (\\S+)$",
            Pattern.MULTILINE);
    Matcher m = line.matcher(text);
    double total = 0;
    while (m.find()) {
      if (m.group(1).contains(label)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return Math.round(total);
  }
}
