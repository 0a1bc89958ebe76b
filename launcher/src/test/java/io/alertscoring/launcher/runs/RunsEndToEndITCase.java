package io.alertscoring.launcher.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.api.QueryApiMain;
import io.alertscoring.api.RunningApi;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.infra.FreePorts;
import io.alertscoring.infra.SotKafkaPublisher;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.ScoringJobMain;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.SotRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's acceptance end to end, through the API: three back-to-back publications of one date
 * (the second with fewer alerts, the third scored by a job with another model directory) each give
 * a complete run, and the API serves exactly the last published run's rows. Real Kafka, real
 * ClickHouse, the real job graph and the real API; no server means a failure.
 */
class RunsEndToEndITCase {
  static ClickHouseServer clickHouse;
  static EmbeddedKafkaBroker kafka;
  static RunningApi api;
  static int port;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final BatchKey KEY = new BatchKey("ethereum", "2026-05-01", 7);
  static final Path MODELS = Path.of("..", "trained_models").toAbsolutePath();

  @TempDir static Path temp;

  @BeforeAll
  static void start() throws Exception {
    clickHouse = ClickHouseServer.start();
    kafka = EmbeddedKafkaBroker.start();
    kafka.createProductTopics(2);
    port = FreePorts.findOne();
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (clickHouse != null) {
      clickHouse.close();
    }
  }

  private static JobClient startJob(Path models) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    // one consumer group: the second job starts from the first one's committed offsets
    ScoringJobMain.build(
        env,
        JobConfig.defaults(models.toString()),
        new ScoringJobMain.Wiring(
            kafka.bootstrapServers(), clickHouse.jdbcUrl(), "runs-e2e", 1000));
    return env.executeAsync("runs-e2e");
  }

  private static void publish(SampleBatch batch, String runId) {
    try (SotKafkaPublisher publisher = new SotKafkaPublisher(kafka.bootstrapServers())) {
      publisher.startRun(runId);
      for (SotRecord record : batch.dataRecords()) {
        publisher.publish(record);
      }
      publisher.flush();
      // published now, as a real publisher stamps it: the later publication is the one served
      BatchControl control = batch.control();
      publisher.publishAndWait(
          new BatchControl(
              control.network(),
              control.processingDate(),
              control.windowDays(),
              control.alertCount(),
              control.featureCount(),
              control.clusterCount(),
              control.moneyFlowCount(),
              System.currentTimeMillis()));
    }
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String publishedRun() {
    return clickHouse
        .query(
            "SELECT run_id FROM published_runs FINAL WHERE network = 'ethereum'"
                + " AND processing_date = '2026-05-01'")
        .strip();
  }

  /** Why the last poll of {@link #await} said no, for the failure message. */
  static volatile String lastProblem = "";

  private static void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting for "
                + what
                + ": "
                + lastProblem
                + "\npublished_runs:\n"
                + clickHouse.query("SELECT * FROM published_runs FINAL")
                + "batch_metadata:\n"
                + clickHouse.query(
                    "SELECT run_id, status, alerts_received, error_message, version FROM"
                        + " batch_metadata FINAL")
                + "alert_scores per run:\n"
                + clickHouse.query("SELECT run_id, count() FROM alert_scores GROUP BY run_id"));
      }
      Thread.sleep(200);
    }
  }

  /** Every alert the API serves for the date, all pages. */
  private static List<JsonNode> servedAlerts() throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (int offset = 0; ; offset += 100) {
      JsonNode page = get("/scores/alerts/2026-05-01?network=ethereum&limit=100&offset=" + offset);
      page.get("items").forEach(all::add);
      if (page.get("items").size() < 100) {
        assertThat(page.get("total").asLong()).isEqualTo(all.size());
        return all;
      }
    }
  }

  /**
   * Whether the job's consumer group has committed (on a checkpoint) every SOT record published so
   * far: a job started after this reads nothing of the runs before.
   */
  private static boolean caughtUp() {
    java.util.Properties props = new java.util.Properties();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(props)) {
      java.util.Map<
              org.apache.kafka.common.TopicPartition,
              org.apache.kafka.clients.consumer.OffsetAndMetadata>
          committed =
              admin
                  .listConsumerGroupOffsets("runs-e2e")
                  .partitionsToOffsetAndMetadata()
                  .get(10, java.util.concurrent.TimeUnit.SECONDS);
      java.util.Map<
              org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
          latest = new java.util.HashMap<>();
      for (RecordKind kind : RecordKind.values()) {
        if (kind == RecordKind.ADDRESS_LABEL) {
          continue; // not read by the job
        }
        for (int partition = 0; partition < 2; partition++) {
          latest.put(
              new org.apache.kafka.common.TopicPartition(kind.defaultTopic(), partition),
              org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
      }
      var ends = admin.listOffsets(latest).all().get(10, java.util.concurrent.TimeUnit.SECONDS);
      for (var end : ends.entrySet()) {
        var done = committed.get(end.getKey());
        long at = done == null ? 0 : done.offset();
        if (at < end.getValue().offset()) {
          lastProblem = end.getKey() + " committed " + at + " of " + end.getValue().offset();
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      lastProblem = e.toString();
      return false;
    }
  }

  private static TreeSet<String> ids(SampleBatch batch) {
    TreeSet<String> ids = new TreeSet<>();
    batch.alerts().forEach(a -> ids.add(a.alertId()));
    return ids;
  }

  private static TreeSet<String> ids(List<JsonNode> served) {
    TreeSet<String> ids = new TreeSet<>();
    served.forEach(a -> ids.add(a.get("alert_id").asText()));
    return ids;
  }

  private static java.util.Map<String, Double> scores(List<JsonNode> served) {
    java.util.Map<String, Double> scores = new java.util.TreeMap<>();
    served.forEach(a -> scores.put(a.get("alert_id").asText(), a.get("score").asDouble()));
    return scores;
  }

  /** The shipped models with the alert scorer's version renamed: the same trees, another name. */
  private static Path renamedModels() throws Exception {
    Path copy = temp.resolve("models-v2");
    try (Stream<Path> files = Files.walk(MODELS)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(MODELS.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Path manifest = copy.resolve("alert-scorer/manifest.json");
    String text = Files.readString(manifest);
    // the shipped version, whatever the models are: renamed, every other byte kept
    String version = JSON.readTree(text).get("version").asText();
    String field = "\"version\" : \"" + version + "\"";
    assertThat(text).contains(field);
    Files.writeString(manifest, text.replace(field, "\"version\" : \"v2-e2e\""));
    return copy;
  }

  @Test
  void threeBackToBackRunsEachCompleteAndTheApiServesExactlyTheLastOne() throws Exception {
    JobClient first = startJob(MODELS);
    api = QueryApiMain.start(port, clickHouse.jdbcUrl());
    SampleBatch larger = SampleBatchGenerator.generate(KEY, 160, 31);
    SampleBatch smaller = SampleBatchGenerator.generate(KEY, 90, 32);

    // Back to back: the second publication starts before the first run is even closed.
    publish(larger, "e2e-1");
    publish(smaller, "e2e-2");
    await("run e2e-2 published", () -> publishedRun().equals("e2e-2"));
    // the runs are independent: the smaller e2e-2 may be published before e2e-1 completes, and
    // e2e-1 completing later must not take the date back (its publication order is lower)
    String runs =
        "SELECT run_id, status, alerts_received FROM batch_metadata FINAL"
            + " WHERE processing_date = '2026-05-01' ORDER BY run_id";
    await(
        "both runs COMPLETED",
        () -> clickHouse.query(runs).strip().equals("e2e-1\tCOMPLETED\t160\ne2e-2\tCOMPLETED\t90"));
    assertThat(clickHouse.query(runs).strip())
        .isEqualTo("e2e-1\tCOMPLETED\t160\ne2e-2\tCOMPLETED\t90");
    assertThat(publishedRun()).isEqualTo("e2e-2");
    await(
        "the API on run e2e-2",
        () -> {
          try {
            JsonNode metadata = get("/metadata/2026-05-01?network=ethereum").get("items").get(0);
            lastProblem = metadata.toString();
            return metadata.get("alerts_received").asLong() == 90
                && metadata.get("run_id").asText().equals("e2e-2");
          } catch (Exception | AssertionError e) {
            lastProblem = e.toString();
            return false;
          }
        });
    List<JsonNode> second = servedAlerts();
    assertThat(ids(second)).isEqualTo(ids(smaller)); // none of the larger run's 160 is left
    JsonNode top = get("/scores/rankings/top/500?network=ethereum");
    JsonNode ranks = top.has("items") ? top.get("items") : top;
    assertThat(ranks).hasSize(90);
    for (int i = 0; i < 90; i++) {
      assertThat(ranks.get(i).get("rank").asInt()).isEqualTo(i + 1);
      assertThat(ids(smaller)).contains(ranks.get(i).get("alert_id").asText());
    }

    // Stop the job once its offsets are committed, and start one with another model directory.
    await(
        "the first job's offsets committed to the end of every topic",
        RunsEndToEndITCase::caughtUp);
    first.cancel().get();
    JobClient upgraded = startJob(renamedModels());
    try {
      publish(smaller, "e2e-3");
      await("run e2e-3 published", () -> publishedRun().equals("e2e-3"));
      await(
          "the API on run e2e-3",
          () -> {
            try {
              return servedAlerts().stream()
                  .allMatch(a -> a.get("model_version").asText().equals("v2-e2e"));
            } catch (Exception | AssertionError e) {
              lastProblem = e.toString();
              return false;
            }
          });
      List<JsonNode> third = servedAlerts();
      assertThat(ids(third)).isEqualTo(ids(smaller));
      // the same trees under another name: the same scores, bit for bit
      assertThat(scores(third)).isEqualTo(scores(second));
      assertThat(
              clickHouse
                  .query(
                      "SELECT count() FROM batch_metadata FINAL WHERE processing_date ="
                          + " '2026-05-01' AND status = 'COMPLETED'")
                  .strip())
          .isEqualTo("3");
    } finally {
      upgraded.cancel().get();
    }
  }
}
