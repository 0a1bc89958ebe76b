package io.alertscoring.api.scoring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.api.ApiInfo;
import io.alertscoring.api.QueryApi;
import io.alertscoring.api.QueryApiMain;
import io.alertscoring.api.store.InMemoryScoreRepository;
import io.alertscoring.api.store.TestData;
import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.json.SotJson;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /score/alerts}, {@code GET /models} and what the model groups add to {@code /health}
 * and {@code /version}, over the shipped models and a batch of scoring-core's sample generator.
 */
class ScoringRoutesTest {

  static final Path MODELS = Path.of("..", "trained_models").toAbsolutePath().normalize();
  static final LoadedModels LOADED = LoadedModels.load(MODELS);
  static final BatchKey KEY = new BatchKey("ethereum", "2026-04-01", 7);
  static final SampleBatch BATCH = SampleBatchGenerator.generate(KEY, 60, 11);

  private final InMemoryScoreRepository repository = TestData.inMemory();

  private Javalin app(LoadedModels models, ScoringLimits limits) {
    return QueryApi.create(
        repository, ApiInfo.of("9.9.9"), QueryApiMain.scoringGroups(models, limits));
  }

  private Javalin app() {
    return app(LOADED, ScoringLimits.DEFAULTS);
  }

  private record Reply(int status, JsonNode body, String raw, String contentType) {}

  private static Reply post(HttpClient client, String body) throws IOException {
    Request request =
        new Request.Builder()
            .url(client.getOrigin() + OnDemandScoringRoutes.PATH)
            .post(RequestBody.create(body, MediaType.get("application/json")))
            .build();
    try (Response response = client.getOkHttp().newCall(request).execute()) {
      String raw = response.body().string();
      return new Reply(
          response.code(), OutputJson.mapper().readTree(raw), raw, response.header("Content-Type"));
    }
  }

  private static Reply get(HttpClient client, String path) throws IOException {
    try (Response response = client.get(path)) {
      String raw = response.body().string();
      return new Reply(
          response.code(), OutputJson.mapper().readTree(raw), raw, response.header("Content-Type"));
    }
  }

  private static void assertError(Reply reply, int status, String... fragments) {
    assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.body().get("status").asInt()).isEqualTo(status);
    assertThat(reply.body().size()).as("the ErrorBody shape").isEqualTo(2);
    assertThat(reply.body().get("error").asText()).contains(fragments);
  }

  private static ScoreRequest request(SampleBatch batch) {
    return new ScoreRequest(
        KEY, batch.alerts(), batch.features(), batch.clusters(), batch.moneyFlows());
  }

  private static String body(SampleBatch batch) {
    return request(batch).encode();
  }

  /** The body with the alert at {@code index} replaced by {@code json}. */
  private static String withAlert(int index, String json) {
    List<String> alerts = new ArrayList<>();
    for (Alert alert : BATCH.alerts()) {
      alerts.add(SotJson.encode(alert));
    }
    alerts.set(index, json);
    return "{\"alerts\":[" + String.join(",", alerts) + "]}";
  }

  // --- POST /score/alerts -------------------------------------------------------------------

  @Test
  void scores_a_batch_exactly_as_the_reference_scorer_does() {
    BatchScoringResult expected =
        new BatchScorer(io.alertscoring.core.model.ModelBundle.load(MODELS))
            .score(
                new AssembledBatch(
                    KEY, BATCH.alerts(), BATCH.features(), BATCH.clusters(), BATCH.moneyFlows()),
                0,
                0);
    assertThat(BATCH.clusters()).isNotEmpty();
    assertThat(BATCH.moneyFlows()).isNotEmpty();
    JavalinTest.test(
        app(),
        (server, client) -> {
          Reply reply = post(client, body(BATCH));
          assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
          JsonNode body = reply.body();
          assertThat(body.get("network").asText()).isEqualTo("ethereum");
          assertThat(body.get("processing_date").asText()).isEqualTo("2026-04-01");
          assertThat(body.get("window_days").asInt()).isEqualTo(7);
          assertThat(body.get("input_counts").toString())
              .isEqualTo(
                  "{\"alerts\":60,\"features\":"
                      + BATCH.features().size()
                      + ",\"clusters\":"
                      + BATCH.clusters().size()
                      + ",\"money_flows\":"
                      + BATCH.moneyFlows().size()
                      + "}");
          JsonNode alerts = body.get("alert_scores");
          assertThat(alerts).hasSize(60);
          for (int i = 0; i < 60; i++) {
            AlertScore want = expected.alertScores().get(i);
            JsonNode got = alerts.get(i);
            assertThat(got.get("alert_id").asText()).isEqualTo(want.alertId());
            assertThat(got.get("score").doubleValue()).isEqualTo(want.score());
            assertThat(got.get("priority").asText()).isEqualTo(want.priority());
            assertThat(got.get("model_version").asText()).isEqualTo(want.modelVersion());
            assertThat(got.get("model_sha256").asText()).isEqualTo(want.modelSha256());
            assertThat(got.get("explanation"))
                .isEqualTo(OutputJson.mapper().readTree(want.explanationJson()));
            assertThat(got.get("explanation").size()).isPositive();
            assertThat(got.get("latency_ms").doubleValue()).isPositive();
            assertThat(got.get("run_id").asText()).isEqualTo(BatchScorer.REFERENCE_RUN);
            assertThat(got.has("explanation_json")).isFalse();
          }
          JsonNode rankings = body.get("rankings");
          assertThat(rankings).hasSize(60);
          for (int i = 0; i < 60; i++) {
            AlertRanking want = expected.rankings().get(i);
            assertThat(rankings.get(i).get("rank").asInt()).isEqualTo(i + 1);
            assertThat(rankings.get(i).get("alert_id").asText()).isEqualTo(want.alertId());
            assertThat(rankings.get(i).get("ranker_score").doubleValue())
                .isEqualTo(want.rankerScore());
          }
          JsonNode clusters = body.get("cluster_scores");
          assertThat(clusters).hasSize(BATCH.clusters().size());
          for (int i = 0; i < clusters.size(); i++) {
            ClusterScore want = expected.clusterScores().get(i);
            assertThat(clusters.get(i).get("cluster_id").asText()).isEqualTo(want.clusterId());
            assertThat(clusters.get(i).get("score").doubleValue()).isEqualTo(want.score());
            assertThat(clusters.get(i).get("priority").asText()).isEqualTo(want.priority());
          }
        });
  }

  @Test
  void the_posted_order_of_the_records_does_not_change_the_answer() {
    List<Alert> alerts = new ArrayList<>(BATCH.alerts());
    Collections.shuffle(alerts, new Random(3));
    var features = new ArrayList<>(BATCH.features());
    Collections.reverse(features);
    var flows = new ArrayList<>(BATCH.moneyFlows());
    Collections.shuffle(flows, new Random(4));
    SampleBatch shuffled = new SampleBatch(alerts, features, BATCH.clusters(), flows, null);
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode first = post(client, body(BATCH)).body();
          JsonNode second = post(client, body(shuffled)).body();
          for (String field : List.of("alert_scores", "rankings", "cluster_scores")) {
            assertThat(withoutTimes(second.get(field)))
                .as(field)
                .isEqualTo(withoutTimes(first.get(field)));
          }
        });
  }

  /** The rows without their latency and processing time, which differ from request to request. */
  private static List<JsonNode> withoutTimes(JsonNode rows) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode row : rows) {
      var copy = row.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) copy)
          .remove(List.of("latency_ms", "processed_at", "version"));
      out.add(copy);
    }
    return out;
  }

  @Test
  void a_record_failing_validation_is_a_400_naming_the_record_and_the_field() {
    Alert third = BATCH.alerts().get(2);
    String bad = SotJson.encode(third).replace("\"severity\":\"", "\"severity\":\"urgent-");
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertError(
              post(client, withAlert(2, bad)),
              400,
              "alerts[2]",
              "alert_id '" + third.alertId() + "'",
              "severity");
          // a missing field, the way the job's dead letters word it
          String missing =
              SotJson.encode(third).replace("\"alert_confidence_score\":", "\"confidence\":");
          assertError(
              post(client, withAlert(2, missing)), 400, "alerts[2]", "alert_confidence_score");
          // no readable id: the index alone
          assertError(post(client, withAlert(0, "{\"alert_id\":7}")), 400, "alerts[0] rejected");
          // a feature record of another processing date
          String features =
              SotJson.encode(BATCH.features().get(1))
                  .replace(
                      "\"processing_date\":\"2026-04-01\"", "\"processing_date\":\"2026-04-02\"");
          String body =
              body(new SampleBatch(BATCH.alerts(), List.of(), List.of(), List.of(), null))
                  .replace(
                      "\"features\":[]",
                      "\"features\":["
                          + SotJson.encode(BATCH.features().get(0))
                          + ","
                          + features
                          + "]");
          assertError(
              post(client, body),
              400,
              "features[1] (address '" + BATCH.features().get(1).address() + "')",
              "processing_date: '2026-04-02' differs from the batch's '2026-04-01'",
              "alerts[0]");
          // window_days differs
          assertError(
              post(
                  client,
                  withAlert(
                      5,
                      SotJson.encode(BATCH.alerts().get(5))
                          .replace("\"window_days\":7", "\"window_days\":30"))),
              400,
              "alerts[5]",
              "window_days: 30 differs");
          // an alert twice
          assertError(
              post(client, withAlert(4, SotJson.encode(BATCH.alerts().get(1)))),
              400,
              "alerts[4]",
              "repeats alerts[1]");
        });
  }

  @Test
  void malformed_or_misshapen_requests_are_400s() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertError(
              post(client, "{\"alerts\":[{\"alert_id\":"), 400, "malformed JSON", "alerts[0]");
          assertError(post(client, "[1,2]"), 400, "JSON object");
          assertError(post(client, ""), 400, "JSON object");
          assertError(post(client, "{\"alerts\":{}}"), 400, "'alerts' must be an array");
          assertError(post(client, "{\"alerts\":[3]}"), 400, "alerts[0]", "expected a JSON object");
          assertError(post(client, "{\"alerts\":[]}"), 400, "no alerts");
          assertError(
              post(client, body(BATCH).replace("\"money_flows\"", "\"money_flow\"")),
              400,
              "unknown field 'money_flow'");
          assertError(post(client, body(BATCH) + "{}"), 400, "malformed JSON");
          // NaN is not JSON: the job refuses it too
          assertError(
              post(
                  client,
                  withAlert(
                      1,
                      SotJson.encode(BATCH.alerts().get(1))
                          .replaceFirst(
                              "\"alert_confidence_score\":[^,]+",
                              "\"alert_confidence_score\":NaN"))),
              400,
              "alerts[1]");
        });
  }

  @Test
  void a_request_over_the_size_limit_is_a_413_saying_the_limit() {
    String body = body(BATCH);
    JavalinTest.test(
        app(LOADED, new ScoringLimits(body.length() - 1, 20_000)),
        (server, client) ->
            assertError(
                post(client, body),
                413,
                "request too large",
                "the limit is " + (body.length() - 1) + " bytes"));
    JavalinTest.test(
        app(LOADED, new ScoringLimits(body.length(), 20_000)),
        (server, client) -> assertThat(post(client, body).status()).isEqualTo(200));
  }

  @Test
  void a_request_over_the_alert_limit_is_a_413_saying_the_limit() {
    JavalinTest.test(
        app(LOADED, new ScoringLimits(ScoringLimits.DEFAULT_MAX_REQUEST_BYTES, 59)),
        (server, client) ->
            assertError(post(client, body(BATCH)), 413, "too many alerts", "limit of 59"));
    JavalinTest.test(
        app(LOADED, new ScoringLimits(ScoringLimits.DEFAULT_MAX_REQUEST_BYTES, 60)),
        (server, client) -> assertThat(post(client, body(BATCH)).status()).isEqualTo(200));
  }

  @Test
  void the_default_limits_are_32_mib_and_20000_alerts() {
    assertThat(ScoringLimits.DEFAULTS.maxRequestBytes()).isEqualTo(32 * 1024 * 1024);
    assertThat(ScoringLimits.DEFAULTS.maxAlerts()).isEqualTo(20_000);
    assertThatThrownBy(() -> new ScoringLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScoringLimits(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void without_models_scoring_is_a_503_and_models_an_empty_list() {
    JavalinTest.test(
        app(LoadedModels.none(), ScoringLimits.DEFAULTS),
        (server, client) -> {
          assertError(post(client, body(BATCH)), 503, "no models loaded");
          Reply models = get(client, "/models");
          assertThat(models.status()).isEqualTo(200);
          assertThat(models.body().get("models")).isEmpty();
          assertThat(models.body().get("training_report").isNull()).isTrue();
          assertThat(get(client, "/health").body().get("models")).isEmpty();
          assertThat(get(client, "/version").body().get("models")).isEmpty();
        });
  }

  // --- GET /models, /health, /version -------------------------------------------------------

  @Test
  void models_lists_every_manifest_as_shipped_and_the_training_report() throws IOException {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Reply reply = get(client, "/models");
          assertThat(reply.status()).isEqualTo(200);
          JsonNode models = reply.body().get("models");
          List<String> names = new ArrayList<>();
          models.forEach(m -> names.add(m.get("name").asText()));
          assertThat(names)
              .containsExactly(
                  "alert-scorer", "alert-ranker", "cluster-scorer", "alert-live-scorer");
          for (JsonNode model : models) {
            JsonNode shipped =
                OutputJson.mapper()
                    .readTree(
                        MODELS
                            .resolve(model.get("name").asText())
                            .resolve("manifest.json")
                            .toFile());
            assertThat(model).isEqualTo(shipped);
          }
          JsonNode scorer = models.get(0);
          assertThat(scorer.get("version").asText())
              .isEqualTo(LOADED.scorer().orElseThrow().models().alertScorer().manifest().version());
          assertThat(scorer.get("sha256").asText()).hasSize(64);
          assertThat(scorer.get("feature_names").size()).isGreaterThan(100);
          assertThat(scorer.get("thresholds").has("high")).isTrue();
          assertThat(scorer.get("training").get("metrics_test").get("auc_roc").asDouble())
              .isBetween(0.5, 1.0);
          // which order the rankings are served in, and each scorer's calibration (issue 13)
          assertThat(models.get(1).get("serving_order").asText()).isIn("ranker", "scorer");
          assertThat(scorer.get("calibration").isObject()).isTrue();
          JsonNode report = reply.body().get("training_report");
          assertThat(report.get("file").asText()).isEqualTo("reports/training-report.md");
          assertThat(report.get("text").asText())
              .isEqualTo(Files.readString(MODELS.resolve("reports/training-report.md")));
          assertThat(reply.body().get("report_files").toString())
              .contains("training-report.md", "alert-scorer-pr.png");

          try (Response png = client.get("/models/reports/alert-scorer-pr.png")) {
            assertThat(png.code()).isEqualTo(200);
            assertThat(png.header("Content-Type")).startsWith("image/png");
            assertThat(png.body().bytes())
                .isEqualTo(Files.readAllBytes(MODELS.resolve("reports/alert-scorer-pr.png")));
          }
          assertError(get(client, "/models/reports/..%2Fmanifest.json"), 404, "no report file");
          assertError(get(client, "/models/reports/nothing.png"), 404, "no report file");
        });
  }

  @Test
  void health_adds_models_uptime_heap_and_clickhouse_and_keeps_its_fields() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode up = get(client, "/health").body();
          assertThat(up.get("status").asText()).isEqualTo("ok");
          assertThat(up.get("repository").asText()).isEqualTo("up");
          assertThat(up.get("clickhouse").asText()).isEqualTo("up");
          assertThat(up.get("service").asText()).isEqualTo(ApiInfo.SERVICE);
          assertThat(up.get("version").asText()).isEqualTo("9.9.9");
          assertThat(up.get("uptime_seconds").asDouble()).isGreaterThanOrEqualTo(0);
          assertThat(java.time.Instant.parse(up.get("started_at").asText()))
              .isBeforeOrEqualTo(java.time.Instant.now());
          JsonNode jvm = up.get("jvm");
          assertThat(jvm.get("heap_used_bytes").asLong()).isPositive();
          assertThat(jvm.get("heap_committed_bytes").asLong())
              .isGreaterThanOrEqualTo(jvm.get("heap_used_bytes").asLong());
          assertThat(jvm.get("heap_max_bytes").asLong())
              .isEqualTo(Runtime.getRuntime().maxMemory());
          assertModelSummaries(up.get("models"));

          repository.available(false);
          Reply down = get(client, "/health");
          assertThat(down.status()).isEqualTo(503);
          assertThat(down.body().get("clickhouse").asText()).isEqualTo("down");
        });
  }

  @Test
  void version_adds_the_models_and_the_library_versions_and_keeps_its_fields() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          JsonNode version = get(client, "/version").body();
          assertThat(version.get("service").asText()).isEqualTo(ApiInfo.SERVICE);
          assertThat(version.get("version").asText()).isEqualTo("9.9.9");
          assertThat(version.get("details").isObject()).isTrue();
          JsonNode libraries = version.get("libraries");
          assertThat(libraries.get("javalin").asText())
              .isEqualTo(io.javalin.Javalin.class.getPackage().getImplementationVersion());
          assertThat(libraries.get("jackson").asText())
              .isEqualTo(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
          assertThat(libraries.get("clickhouse_jdbc").asText()).matches("\\d+\\.\\d+\\.\\d+");
          assertThat(libraries.get("java").asText()).isEqualTo(Runtime.version().toString());
          assertModelSummaries(version.get("models"));
        });
  }

  private static void assertModelSummaries(JsonNode models) {
    assertThat(models).hasSize(4);
    for (int i = 0; i < 4; i++) {
      LoadedModels.Model loaded = LOADED.models().get(i);
      assertThat(models.get(i).get("name").asText()).isEqualTo(loaded.role());
      assertThat(models.get(i).get("version").asText()).isEqualTo(loaded.manifest().version());
      assertThat(models.get(i).get("sha256").asText()).isEqualTo(loaded.manifest().sha256());
    }
    assertThat(models.get(0).get("name").asText()).isEqualTo("alert-scorer");
  }

  // --- loading ------------------------------------------------------------------------------

  @Test
  void a_bad_models_directory_fails_fast_with_a_clear_message(@TempDir Path temp)
      throws IOException {
    assertThatThrownBy(() -> LoadedModels.load(temp.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
    Files.createDirectories(temp.resolve("alert-scorer"));
    assertThatThrownBy(() -> LoadedModels.load(temp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be used")
        .hasMessageContaining("manifest.json");
    assertThatThrownBy(
            () -> QueryApiMain.start("jdbc:clickhouse://127.0.0.1:1/default", 0, temp.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("models directory");
  }

  @Test
  void loaded_models_name_their_directory_and_reports() {
    assertThat(LOADED.loaded()).isTrue();
    assertThat(LOADED.directory()).contains(MODELS);
    assertThat(LOADED.reportFiles()).contains("training-report.md");
    assertThat(LoadedModels.none().loaded()).isFalse();
    assertThat(LoadedModels.none().models()).isEmpty();
  }

  @Test
  void the_reader_gives_the_records_the_job_decodes_from_the_same_messages() throws Exception {
    ScoreRequest read = new ScoreRequestReader(100).read(body(BATCH).getBytes(UTF_8));
    assertThat(read.key()).isEqualTo(KEY);
    // what the job holds after decoding each record's Kafka message (a decoded amount may differ
    // from the generated one in its scale, 2084.00 -> 2084, in the job as here)
    List<io.alertscoring.schemas.input.SotRecord> generated = new ArrayList<>();
    generated.addAll(BATCH.alerts());
    generated.addAll(BATCH.features());
    generated.addAll(BATCH.clusters());
    generated.addAll(BATCH.moneyFlows());
    List<String> decodedByTheJob = new ArrayList<>();
    for (var record : generated) {
      decodedByTheJob.add(SotJson.encode(SotJson.decode(record.kind(), SotJson.encode(record))));
    }
    List<String> decodedHere = new ArrayList<>();
    for (List<? extends io.alertscoring.schemas.input.SotRecord> records :
        List.of(read.alerts(), read.features(), read.clusters(), read.moneyFlows())) {
      records.forEach(r -> decodedHere.add(SotJson.encode(r)));
    }
    assertThat(decodedHere).isEqualTo(decodedByTheJob);
  }
}
