package io.alertscoring.api;

import static io.alertscoring.api.store.TestData.BTC;
import static io.alertscoring.api.store.TestData.D0;
import static io.alertscoring.api.store.TestData.D1;
import static io.alertscoring.api.store.TestData.D2;
import static io.alertscoring.api.store.TestData.D3;
import static io.alertscoring.api.store.TestData.ETH;
import static io.alertscoring.api.store.TestData.LIVE_T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.api.store.InMemoryScoreRepository;
import io.alertscoring.api.store.RepositoryException;
import io.alertscoring.api.store.TestData;
import io.alertscoring.schemas.json.OutputJson;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryApiTest {

  private final InMemoryScoreRepository repository = TestData.inMemory();
  private final Javalin app =
      QueryApi.create(repository, new ApiInfo(ApiInfo.SERVICE, "9.9.9", Map.of("k", "v")));

  /** Status and parsed body of one GET. */
  private record Reply(int status, JsonNode body, String contentType, String raw) {}

  private static Reply get(HttpClient client, String path) throws IOException {
    try (Response response = client.get(path)) {
      String raw = response.body().string();
      return new Reply(
          response.code(), OutputJson.mapper().readTree(raw), response.header("Content-Type"), raw);
    }
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.get(field).asText()));
    return values;
  }

  private static void assertError(Reply reply, int status) {
    assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.body().get("status").asInt()).isEqualTo(status);
    assertThat(reply.body().get("error").asText()).isNotBlank();
    assertThat(reply.body().size()).isEqualTo(2);
  }

  // --- service ---------------------------------------------------------------------------------

  @Test
  void health_reports_the_repository() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply up = get(client, "/health");
          assertThat(up.status()).isEqualTo(200);
          assertThat(up.body().get("status").asText()).isEqualTo("ok");
          assertThat(up.body().get("repository").asText()).isEqualTo("up");
          assertThat(up.body().get("version").asText()).isEqualTo("9.9.9");

          repository.available(false);
          Reply down = get(client, "/health?network=" + ETH);
          assertThat(down.status()).isEqualTo(503);
          assertThat(down.body().get("status").asText()).isEqualTo("degraded");
          assertThat(down.body().get("repository").asText()).isEqualTo("down");
        });
  }

  // --- webhooks --------------------------------------------------------------------------------

  static io.alertscoring.schemas.output.WebhookDelivery delivery(
      String endpoint, String key, String status, double latency, long settledAt) {
    return new io.alertscoring.schemas.output.WebhookDelivery(
        endpoint,
        key,
        "ev-" + key,
        "alert",
        ETH,
        "2026-03-01",
        key,
        "high",
        "live",
        "r1",
        status,
        status.equals("DELIVERED") ? 1 : 6,
        status.equals("DELIVERED") ? 200 : 500,
        latency,
        settledAt - 10,
        settledAt,
        status.equals("DELIVERED") ? "" : "HTTP 500",
        settledAt);
  }

  @Test
  void webhooks_list_deliveries_and_summarise_each_endpoint() {
    InMemoryScoreRepository ledger =
        new InMemoryScoreRepository()
            .add(
                delivery("siem", "a-1", "DELIVERED", 100, 1_000),
                delivery("siem", "a-2", "DELIVERED", 300, 2_000),
                delivery("siem", "a-3", "FAILED", 0, 3_000),
                delivery("pager", "a-1", "DELIVERED", 50, 1_500));
    JavalinTest.test(
        QueryApi.create(ledger, ApiInfo.of("1")),
        (server, client) -> {
          Reply all = get(client, "/webhooks/deliveries");
          assertThat(all.status()).as(all.raw()).isEqualTo(200);
          assertThat(texts(all.body().get("items"), "dedup_key"))
              .containsExactly("a-3", "a-2", "a-1", "a-1");
          Reply failed = get(client, "/webhooks/deliveries?endpoint=siem&status=failed&limit=5");
          assertThat(texts(failed.body().get("items"), "dedup_key")).containsExactly("a-3");
          assertThat(failed.body().get("items").get(0).get("attempts").asInt()).isEqualTo(6);

          Reply endpoints = get(client, "/webhooks/endpoints");
          assertThat(texts(endpoints.body().get("items"), "endpoint_id"))
              .containsExactly("pager", "siem");
          JsonNode siem = endpoints.body().get("items").get(1);
          assertThat(siem.get("delivered").asLong()).isEqualTo(2);
          assertThat(siem.get("failed").asLong()).isEqualTo(1);
          assertThat(siem.get("attempts").asLong()).isEqualTo(8);
          assertThat(siem.get("latency_p99_ms").asDouble()).isEqualTo(300);

          assertError(get(client, "/webhooks/deliveries?status=maybe"), 400);
          assertError(get(client, "/webhooks/deliveries?limit=0"), 400);
        });
  }

  @Test
  void version_returns_the_api_info() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply reply = get(client, "/version?network=" + ETH);
          assertThat(reply.status()).isEqualTo(200);
          assertThat(reply.body().get("service").asText()).isEqualTo(ApiInfo.SERVICE);
          assertThat(reply.body().get("version").asText()).isEqualTo("9.9.9");
          assertThat(reply.body().get("details").get("k").asText()).isEqualTo("v");
        });
  }

  @Test
  void networks_lists_every_network_or_checks_one() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply all = get(client, "/networks");
          assertThat(all.status()).isEqualTo(200);
          assertThat(all.body().get("networks").toString()).isEqualTo("[\"bitcoin\",\"ethereum\"]");

          Reply one = get(client, "/networks?network=" + BTC);
          assertThat(one.body().get("networks").toString()).isEqualTo("[\"bitcoin\"]");

          assertError(get(client, "/networks?network=solana"), 404);
          assertError(get(client, "/networks?network=bit%20coin"), 400);
        });
  }

  // --- dates -----------------------------------------------------------------------------------

  @Test
  void dates_available_and_latest() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply all = get(client, "/dates/available");
          assertThat(all.status()).isEqualTo(200);
          assertThat(all.body().get("network").isNull()).isTrue();
          // bitcoin's D0 has only a PROCESSING run: not a date
          assertThat(all.body().get("dates").toString())
              .isEqualTo("[\"" + D2 + "\",\"" + D1 + "\"]");

          Reply btc = get(client, "/dates/available?network=" + BTC);
          assertThat(btc.body().get("network").asText()).isEqualTo(BTC);
          assertThat(btc.body().get("dates").toString()).isEqualTo("[\"" + D1 + "\"]");

          Reply window = get(client, "/dates/available?window_days=30");
          assertThat(window.body().get("dates").toString()).isEqualTo("[\"" + D1 + "\"]");

          Reply latest = get(client, "/dates/latest");
          assertThat(latest.status()).isEqualTo(200);
          assertThat(latest.body().get("processing_date").asText()).isEqualTo(D2);
          assertThat(
                  get(client, "/dates/latest?network=" + BTC)
                      .body()
                      .get("processing_date")
                      .asText())
              .isEqualTo(D1);

          assertError(get(client, "/dates/latest?network=solana"), 404);
          assertError(get(client, "/dates/available?network=solana"), 404);
          assertError(get(client, "/dates/latest?window_days=0"), 400);
          assertError(get(client, "/dates/latest?window_days=14"), 404);
        });
  }

  @Test
  void an_empty_repository_has_no_latest_anything() {
    Javalin empty = QueryApi.create(new InMemoryScoreRepository(), ApiInfo.of("1"));
    JavalinTest.test(
        empty,
        (server, client) -> {
          assertThat(get(client, "/networks").body().get("networks").size()).isZero();
          assertThat(get(client, "/dates/available").body().get("dates").size()).isZero();
          assertError(get(client, "/dates/latest"), 404);
          assertError(get(client, "/scores/alerts/latest"), 404);
          assertError(get(client, "/scores/rankings/latest"), 404);
          assertError(get(client, "/scores/rankings/top/5"), 404);
          assertError(get(client, "/scores/clusters/latest"), 404);
          assertError(get(client, "/metadata/latest"), 404);
          Reply history = get(client, "/metadata/history");
          assertThat(history.status()).isEqualTo(200);
          assertThat(history.body().get("items").size()).isZero();
        });
  }

  // --- alert scores ----------------------------------------------------------------------------

  @Test
  void latest_alert_scores_are_in_key_order_with_parsed_explanations() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply reply = get(client, "/scores/alerts/latest");
          assertThat(reply.status()).isEqualTo(200);
          JsonNode body = reply.body();
          assertThat(body.get("network").isNull()).isTrue();
          assertThat(body.get("processing_date").asText()).isEqualTo(D2);
          assertThat(body.get("total").asLong()).isEqualTo(5);
          assertThat(body.get("limit").asInt()).isEqualTo(100);
          assertThat(body.get("offset").asInt()).isZero();
          assertThat(texts(body.get("items"), "alert_id"))
              .containsExactly("eth-a1", "eth-a2", "eth-a3", "eth-a4", "eth-a5");
          assertThat(texts(body.get("items"), "run_id")).containsOnly(TestData.RUN_D2);

          JsonNode first = body.get("items").get(0);
          assertThat(first.get("score").asDouble()).isEqualTo(0.91);
          assertThat(first.get("priority").asText()).isEqualTo("high");
          assertThat(first.get("window_days").asInt()).isEqualTo(7);
          assertThat(first.get("model_sha256").asText()).isEqualTo("ab12cd");
          assertThat(first.get("version").asLong()).isEqualTo(TestData.CURRENT);
          assertThat(first.has("explanation_json")).isFalse();
          assertThat(first.get("explanation").isArray()).isTrue();
          assertThat(first.get("explanation").get(0).get("feature").asText())
              .isEqualTo("total_volume_usd");

          Reply btc = get(client, "/scores/alerts/latest?network=" + BTC);
          assertThat(btc.body().get("network").asText()).isEqualTo(BTC);
          assertThat(btc.body().get("processing_date").asText()).isEqualTo(D1);
          assertThat(texts(btc.body().get("items"), "alert_id"))
              .containsExactly("btc-a1", "btc-a2");
        });
  }

  @Test
  void alert_scores_of_a_date_use_the_smallest_window_unless_asked() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply eth = get(client, "/scores/alerts/" + D1 + "?network=" + ETH);
          assertThat(eth.status()).isEqualTo(200);
          assertThat(eth.body().get("processing_date").asText()).isEqualTo(D1);
          assertThat(texts(eth.body().get("items"), "alert_id"))
              .containsExactly("eth-b1", "eth-b2", "eth-b3");
          assertThat(texts(eth.body().get("items"), "window_days")).containsOnly("7");

          Reply wide = get(client, "/scores/alerts/" + D1 + "?network=" + ETH + "&window_days=30");
          assertThat(texts(wide.body().get("items"), "alert_id"))
              .containsExactly("eth-b1", "eth-c1");
          assertThat(wide.body().get("total").asLong()).isEqualTo(2);

          Reply everyNetwork = get(client, "/scores/alerts/" + D1);
          assertThat(everyNetwork.body().get("total").asLong()).isEqualTo(5);
          assertThat(texts(everyNetwork.body().get("items"), "alert_id"))
              .containsExactly("btc-a1", "btc-a2", "eth-b1", "eth-b2", "eth-b3");
          // a page spanning the two networks' runs
          Reply across = get(client, "/scores/alerts/" + D1 + "?limit=2&offset=1");
          assertThat(texts(across.body().get("items"), "alert_id"))
              .containsExactly("btc-a2", "eth-b1");
        });
  }

  @Test
  void alert_scores_paginate() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply page = get(client, "/scores/alerts/" + D2 + "?limit=2&offset=1");
          assertThat(page.status()).isEqualTo(200);
          assertThat(page.body().get("total").asLong()).isEqualTo(5);
          assertThat(page.body().get("limit").asInt()).isEqualTo(2);
          assertThat(page.body().get("offset").asInt()).isEqualTo(1);
          assertThat(texts(page.body().get("items"), "alert_id"))
              .containsExactly("eth-a2", "eth-a3");

          List<String> walked = new ArrayList<>();
          for (int offset = 0; offset < 5; offset += 2) {
            walked.addAll(
                texts(
                    get(client, "/scores/alerts/latest?limit=2&offset=" + offset)
                        .body()
                        .get("items"),
                    "alert_id"));
          }
          assertThat(walked).containsExactly("eth-a1", "eth-a2", "eth-a3", "eth-a4", "eth-a5");

          Reply beyond = get(client, "/scores/alerts/latest?offset=50");
          assertThat(beyond.status()).isEqualTo(200);
          assertThat(beyond.body().get("items").size()).isZero();
          assertThat(beyond.body().get("total").asLong()).isEqualTo(5);

          assertThat(get(client, "/scores/alerts/latest?limit=10000").status()).isEqualTo(200);
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/scores/alerts/latest?limit=0",
        "/scores/alerts/latest?limit=10001",
        "/scores/alerts/latest?limit=abc",
        "/scores/alerts/latest?limit=",
        "/scores/alerts/latest?limit=99999999999999999999",
        "/scores/alerts/latest?offset=-1",
        "/scores/alerts/latest?offset=1.5",
        "/scores/alerts/latest?window_days=-7",
        "/scores/alerts/2024-13-01",
        "/scores/alerts/2024-02-30",
        "/scores/alerts/2024-3-1",
        "/scores/alerts/yesterday",
        "/scores/rankings/20240301",
        "/scores/clusters/2024-03-01T00:00",
        "/scores/rankings/top/0",
        "/scores/rankings/top/10001",
        "/scores/rankings/top/ten",
        "/scores/rankings/top/-3",
        "/metadata/2024-00-10",
        "/metadata/history?limit=0",
        "/metadata/history?limit=x",
        "/scores/alerts/latest?network=ETH%27%20OR%201%3D1",
        "/scores/alerts/latest?network=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "/scores/live/latest?limit=0",
        "/scores/live/latest?limit=10001",
        "/scores/live/latest?limit=many",
        "/scores/live/latest?offset=-1",
        "/scores/live/latest?network=eth%20mainnet",
        "/scores/live/summary?limit=0",
        "/scores/live/summary?limit=x",
        "/scores/live/summary?network=ETH%27--",
        "/alerts/eth-a1?network=eth%20mainnet",
        "/alerts/%20",
      })
  void bad_parameters_are_400_json(String path) {
    JavalinTest.test(app, (server, client) -> assertError(get(client, path), 400));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/scores/alerts/2020-01-01",
        "/scores/alerts/latest?network=solana",
        "/scores/alerts/" + D2 + "?network=" + BTC,
        "/scores/alerts/" + D2 + "?window_days=30",
        "/scores/rankings/2020-01-01",
        "/scores/rankings/latest?network=solana",
        "/scores/rankings/top/3?network=solana",
        "/scores/clusters/2020-01-01",
        "/scores/clusters/latest?network=solana",
        "/metadata/2020-01-01",
        "/metadata/latest?network=solana",
        "/metadata/history?network=solana",
        "/alerts/nope",
        "/alerts/eth-a1?network=" + BTC,
        "/alerts/eth-a1?network=solana",
        "/alerts/eth-n1?network=" + BTC,
        "/scores/live/latest?network=solana",
        "/scores/live/summary?network=solana",
        "/scores/live",
        "/no/such/route",
        "/scores",
      })
  void unknown_things_are_404_json(String path) {
    JavalinTest.test(app, (server, client) -> assertError(get(client, path), 404));
  }

  @Test
  void sql_injection_in_network_is_rejected_before_storage() {
    JavalinTest.test(
        app,
        (server, client) -> {
          for (String attempt :
              List.of(
                  "ethereum' OR '1'='1",
                  "ethereum'; DROP TABLE alert_scores; --",
                  "x\\' UNION SELECT 1 --",
                  "ethereum--")) {
            String encoded = URLEncoder.encode(attempt, StandardCharsets.UTF_8);
            for (String route :
                List.of("/scores/alerts/latest", "/dates/available", "/metadata/history")) {
              Reply reply = get(client, route + "?network=" + encoded);
              assertThat(reply.status()).as(attempt).isIn(400, 404);
              assertThat(reply.raw()).doesNotContainIgnoringCase("sql");
            }
          }
        });
  }

  // --- one alert -------------------------------------------------------------------------------

  @Test
  void one_alert_with_its_explanation_as_json() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply reply = get(client, "/alerts/eth-a3");
          assertThat(reply.status()).isEqualTo(200);
          JsonNode alert = reply.body();
          assertThat(alert.get("alert_id").asText()).isEqualTo("eth-a3");
          assertThat(alert.get("network").asText()).isEqualTo(ETH);
          assertThat(alert.get("processing_date").asText()).isEqualTo(D2);
          assertThat(alert.get("address").asText()).isEqualTo("0xeth-a3");
          assertThat(alert.get("typology_type").asText()).isEqualTo("layering");
          assertThat(alert.get("latency_ms").asDouble()).isEqualTo(12.5);
          assertThat(alert.get("explanation").isArray()).isTrue();
          assertThat(alert.get("explanation")).hasSize(2);
          assertThat(alert.get("explanation").get(0).get("contribution").asDouble())
              .isEqualTo(0.42);
          assertThat(alert.has("explanation_json")).isFalse();

          // eth-b1 was scored at windows 7 and 30: the smallest window wins
          Reply twice = get(client, "/alerts/eth-b1?network=" + ETH);
          assertThat(twice.body().get("window_days").asInt()).isEqualTo(7);
          assertThat(twice.body().get("score").asDouble()).isEqualTo(0.40);
        });
  }

  // --- one alert: final and live stages -------------------------------------------------------

  @Test
  void an_alert_with_both_stages_of_one_batch_shows_the_final_one() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply reply = get(client, "/alerts/eth-a1?network=" + ETH);
          assertThat(reply.status()).isEqualTo(200);
          JsonNode alert = reply.body();
          assertThat(alert.get("stage").asText()).isEqualTo("final");
          // the top level is the final view, unchanged
          assertThat(alert.get("score").asDouble()).isEqualTo(0.91);
          assertThat(alert.get("priority").asText()).isEqualTo("high");
          assertThat(alert.get("model_version").asText()).isEqualTo("alert-scorer-1.2.0");
          assertThat(alert.get("processed_at").asLong()).isEqualTo(1_709_400_000_002L);
          assertThat(alert.get("explanation").isArray()).isTrue();
          assertThat(alert.has("explanation_json")).isFalse();
          assertThat(alert.has("features_missing")).isFalse();

          JsonNode stages = alert.get("stages");
          assertThat(stages.size()).isEqualTo(2);
          JsonNode fin = stages.get("final");
          assertThat(fin.get("score").asDouble()).isEqualTo(0.91);
          assertThat(fin.has("stages")).isFalse();
          assertThat(fin.has("stage")).isFalse();
          JsonNode live = stages.get("live");
          assertThat(live.get("alert_id").asText()).isEqualTo("eth-a1");
          assertThat(live.get("processing_date").asText()).isEqualTo(D2);
          assertThat(live.get("score").asDouble()).isEqualTo(0.86);
          assertThat(live.get("model_version").asText()).isEqualTo(TestData.LIVE_MODEL);
          assertThat(live.get("features_missing").asBoolean()).isFalse();
          assertThat(live.get("features_missing").isBoolean()).isTrue();
          assertThat(live.get("scored_at").asLong()).isEqualTo(LIVE_T + 2_000);
          assertThat(live.get("received_at").asLong()).isEqualTo(LIVE_T + 2_000 - 20);
          assertThat(live.get("latency_ms").asDouble()).isEqualTo(3.5);
          assertThat(live.get("version").asLong()).isEqualTo(LIVE_T + 2_000);
          assertThat(live.get("explanation").get(0).get("feature").asText())
              .isEqualTo("total_volume_usd");
          assertThat(live.has("explanation_json")).isFalse();

          // the final stage view is the one the old response had, field for field
          JsonNode withoutStages = alert.deepCopy();
          ((com.fasterxml.jackson.databind.node.ObjectNode) withoutStages).remove("stage");
          ((com.fasterxml.jackson.databind.node.ObjectNode) withoutStages).remove("stages");
          assertThat(withoutStages).isEqualTo(fin);
        });
  }

  @Test
  void an_alert_with_only_a_live_score_shows_the_live_stage() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply reply = get(client, "/alerts/eth-n3");
          assertThat(reply.status()).isEqualTo(200);
          JsonNode alert = reply.body();
          assertThat(alert.get("stage").asText()).isEqualTo("live");
          assertThat(alert.get("network").asText()).isEqualTo(ETH);
          assertThat(alert.get("processing_date").asText()).isEqualTo(D3);
          assertThat(alert.get("score").asDouble()).isEqualTo(0.45);
          assertThat(alert.get("priority").asText()).isEqualTo("medium");
          assertThat(alert.get("features_missing").asBoolean()).isTrue();
          assertThat(alert.get("scored_at").asLong()).isEqualTo(LIVE_T + 4_000);
          assertThat(alert.get("received_at").asLong()).isEqualTo(LIVE_T + 4_000 - 20);
          assertThat(alert.get("explanation").isArray()).isTrue();
          assertThat(alert.get("stages").get("final").isNull()).isTrue();
          assertThat(alert.get("stages").get("live").get("score").asDouble()).isEqualTo(0.45);

          Reply scoped = get(client, "/alerts/eth-n1?network=" + ETH);
          assertThat(scoped.body().get("stage").asText()).isEqualTo("live");
          assertThat(scoped.body().get("features_missing").asBoolean()).isFalse();
        });
  }

  @Test
  void an_alert_with_only_a_final_score_has_no_live_stage() {
    JavalinTest.test(
        app,
        (server, client) -> {
          JsonNode alert = get(client, "/alerts/eth-a3?network=" + ETH).body();
          assertThat(alert.get("stage").asText()).isEqualTo("final");
          assertThat(alert.get("score").asDouble()).isEqualTo(0.70);
          assertThat(alert.get("stages").get("final").get("alert_id").asText()).isEqualTo("eth-a3");
          assertThat(alert.get("stages").get("live").isNull()).isTrue();
        });
  }

  @Test
  void a_live_score_of_a_newer_open_batch_is_the_current_stage() {
    JavalinTest.test(
        app,
        (server, client) -> {
          // eth-b3: final score of 2024-03-01, live score of the open batch of 2024-03-03
          JsonNode alert = get(client, "/alerts/eth-b3").body();
          assertThat(alert.get("stage").asText()).isEqualTo("live");
          assertThat(alert.get("processing_date").asText()).isEqualTo(D3);
          assertThat(alert.get("score").asDouble()).isEqualTo(0.62);
          assertThat(alert.get("stages").get("final").get("processing_date").asText())
              .isEqualTo(D1);
          assertThat(alert.get("stages").get("final").get("score").asDouble()).isEqualTo(0.10);

          // eth-b1: both stages at 2024-03-01 and at two windows: the smallest window of each
          JsonNode b1 = get(client, "/alerts/eth-b1").body();
          assertThat(b1.get("stage").asText()).isEqualTo("final");
          assertThat(b1.get("window_days").asInt()).isEqualTo(7);
          assertThat(b1.get("stages").get("live").get("window_days").asInt()).isEqualTo(7);
          assertThat(b1.get("stages").get("live").get("score").asDouble()).isEqualTo(0.35);
        });
  }

  @Test
  void an_alert_with_neither_stage_is_404() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply none = get(client, "/alerts/eth-zz");
          assertError(none, 404);
          assertThat(none.body().get("error").asText()).contains("eth-zz");
          Reply elsewhere = get(client, "/alerts/eth-n1?network=" + BTC);
          assertError(elsewhere, 404);
          assertThat(elsewhere.body().get("error").asText()).contains("bitcoin");
        });
  }

  @Test
  void a_network_whose_first_batch_is_open_is_known() {
    repository.add(TestData.live("tron", D3, 7, "trx-1", 0.77, "high", false, LIVE_T, 9));
    repository.add(TestData.processing("tron", D3));
    JavalinTest.test(
        app,
        (server, client) -> {
          assertThat(get(client, "/networks").body().get("networks").toString())
              .isEqualTo("[\"bitcoin\",\"ethereum\",\"tron\"]");
          Reply alert = get(client, "/alerts/trx-1?network=tron");
          assertThat(alert.status()).isEqualTo(200);
          assertThat(alert.body().get("stage").asText()).isEqualTo("live");
          Reply latest = get(client, "/scores/live/latest?network=tron");
          assertThat(texts(latest.body().get("items"), "alert_id")).containsExactly("trx-1");
          // live scores alone make no processing date
          assertError(get(client, "/dates/latest?network=tron"), 404);
        });
  }

  @Test
  void a_brand_new_network_is_found_within_a_second() {
    AtomicLong clock = new AtomicLong();
    Javalin timed = QueryApi.create(repository, ApiInfo.of("1"), clock::get);
    JavalinTest.test(
        timed,
        (server, client) -> {
          assertThat(get(client, "/alerts/eth-a1?network=" + ETH).status()).isEqualTo(200);
          repository.add(TestData.live("tron", D3, 7, "trx-1", 0.77, "high", false, LIVE_T, 9));
          repository.add(TestData.processing("tron", D3));
          // the catalogue was loaded a moment ago: no reload yet
          assertError(get(client, "/alerts/trx-1?network=tron"), 404);
          clock.addAndGet(Duration.ofSeconds(1).toNanos());
          Reply found = get(client, "/alerts/trx-1?network=tron");
          assertThat(found.status()).isEqualTo(200);
          assertThat(found.body().get("stage").asText()).isEqualTo("live");

          assertThat(get(client, "/networks").body().get("networks").toString())
              .isEqualTo("[\"bitcoin\",\"ethereum\",\"tron\"]");
        });
  }

  // --- live lists ------------------------------------------------------------------------------

  @Test
  void latest_live_scores_are_newest_first_and_paginate() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply all = get(client, "/scores/live/latest");
          assertThat(all.status()).isEqualTo(200);
          JsonNode body = all.body();
          assertThat(body.properties())
              .extracting(Map.Entry::getKey)
              .containsExactly("network", "total", "limit", "offset", "items");
          assertThat(body.get("network").isNull()).isTrue();
          assertThat(body.get("total").asLong()).isEqualTo(9);
          assertThat(body.get("limit").asInt()).isEqualTo(100);
          assertThat(body.get("offset").asInt()).isZero();
          assertThat(texts(body.get("items"), "alert_id"))
              .containsExactly(
                  "btc-z2", "eth-n1", "eth-n2", "eth-n3", "eth-b3", "eth-a1", "eth-a2", "eth-b1",
                  "eth-b1");
          assertThat(texts(body.get("items"), "window_days"))
              .containsExactly("7", "7", "7", "7", "7", "7", "7", "30", "7");
          JsonNode first = body.get("items").get(0);
          assertThat(first.get("network").asText()).isEqualTo(BTC);
          assertThat(first.get("features_missing").asBoolean()).isTrue();
          assertThat(first.get("scored_at").asLong()).isEqualTo(LIVE_T + 6_000);
          assertThat(first.get("explanation").isArray()).isTrue();
          assertThat(first.has("explanation_json")).isFalse();
          // the stale first scores are replaced, never listed
          assertThat(texts(body.get("items"), "model_version")).containsOnly(TestData.LIVE_MODEL);

          Reply eth = get(client, "/scores/live/latest?network=" + ETH + "&limit=3&offset=1");
          assertThat(eth.body().get("network").asText()).isEqualTo(ETH);
          assertThat(eth.body().get("total").asLong()).isEqualTo(8);
          assertThat(eth.body().get("limit").asInt()).isEqualTo(3);
          assertThat(eth.body().get("offset").asInt()).isEqualTo(1);
          assertThat(texts(eth.body().get("items"), "alert_id"))
              .containsExactly("eth-n2", "eth-n3", "eth-b3");

          Reply beyond = get(client, "/scores/live/latest?offset=50");
          assertThat(beyond.status()).isEqualTo(200);
          assertThat(beyond.body().get("items").size()).isZero();
          assertThat(beyond.body().get("total").asLong()).isEqualTo(9);
        });
  }

  @Test
  void the_live_summary_counts_live_scores_per_batch_beside_its_status() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply reply = get(client, "/scores/live/summary");
          assertThat(reply.status()).isEqualTo(200);
          JsonNode body = reply.body();
          assertThat(body.get("network").isNull()).isTrue();
          assertThat(body.get("limit").asInt()).isEqualTo(10);
          assertThat(body.get("count").asInt()).isEqualTo(5);
          JsonNode items = body.get("items");
          assertThat(texts(items, "processing_date")).containsExactly(D3, D2, D1, D1, D0);
          assertThat(texts(items, "network")).containsExactly(ETH, ETH, ETH, ETH, BTC);
          assertThat(texts(items, "window_days")).containsExactly("7", "7", "7", "30", "7");
          assertThat(texts(items, "live_alerts")).containsExactly("4", "2", "1", "1", "1");
          assertThat(texts(items, "features_missing")).containsExactly("1", "0", "0", "0", "1");
          assertThat(texts(items, "batch_status"))
              .containsExactly("null", "COMPLETED", "COMPLETED", "COMPLETED", "PROCESSING");
          assertThat(texts(items, "final_scores_written"))
              .containsExactly("null", "5", "3", "2", "null");

          JsonNode open = items.get(0);
          assertThat(open.get("last_scored_at").asLong()).isEqualTo(LIVE_T + 5_000);
          assertThat(open.get("batch_status").isNull()).isTrue();
          assertThat(open.get("final_scores_written").isNull()).isTrue();
          assertThat(items.get(4).get("last_scored_at").asLong()).isEqualTo(LIVE_T + 6_000);

          Reply btc = get(client, "/scores/live/summary?network=" + BTC);
          assertThat(btc.body().get("network").asText()).isEqualTo(BTC);
          assertThat(texts(btc.body().get("items"), "processing_date")).containsExactly(D0);

          Reply two = get(client, "/scores/live/summary?limit=2");
          assertThat(two.body().get("limit").asInt()).isEqualTo(2);
          assertThat(texts(two.body().get("items"), "processing_date")).containsExactly(D3, D2);
        });
  }

  @Test
  void live_routes_of_an_empty_repository_are_empty_lists() {
    JavalinTest.test(
        QueryApi.create(new InMemoryScoreRepository(), ApiInfo.of("1")),
        (server, client) -> {
          Reply latest = get(client, "/scores/live/latest");
          assertThat(latest.status()).isEqualTo(200);
          assertThat(latest.body().get("total").asLong()).isZero();
          assertThat(latest.body().get("items").size()).isZero();
          Reply summary = get(client, "/scores/live/summary");
          assertThat(summary.status()).isEqualTo(200);
          assertThat(summary.body().get("count").asInt()).isZero();
          assertError(get(client, "/alerts/eth-a1"), 404);
        });
  }

  @Test
  void routes_are_listed_in_registration_order_with_literals_first() {
    assertThat(QueryApi.ROUTES)
        .containsSubsequence("/scores/live/latest", "/scores/live/summary", "/alerts/{alert_id}")
        .doesNotHaveDuplicates();
  }

  // --- rankings --------------------------------------------------------------------------------

  @Test
  void rankings_latest_and_of_a_date() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply latest = get(client, "/scores/rankings/latest");
          assertThat(latest.status()).isEqualTo(200);
          assertThat(latest.body().get("processing_date").asText()).isEqualTo(D2);
          assertThat(latest.body().get("total").asLong()).isEqualTo(6);
          assertThat(texts(latest.body().get("items"), "rank"))
              .containsExactly("1", "2", "3", "4", "5", "6");
          assertThat(texts(latest.body().get("items"), "alert_id"))
              .containsExactly("eth-a1", "eth-a3", "eth-a5", "eth-a4", "eth-a2", "eth-a6");
          assertThat(latest.body().get("items").get(0).get("ranker_score").asDouble())
              .isEqualTo(9.0);

          Reply page = get(client, "/scores/rankings/" + D2 + "?limit=2&offset=2");
          assertThat(texts(page.body().get("items"), "alert_id"))
              .containsExactly("eth-a5", "eth-a4");
          assertThat(page.body().get("total").asLong()).isEqualTo(6);

          Reply d1 = get(client, "/scores/rankings/" + D1);
          // the runs of a date in network order
          assertThat(texts(d1.body().get("items"), "alert_id"))
              .containsExactly("btc-a1", "btc-a2", "eth-b2", "eth-b1", "eth-b3");

          Reply wide =
              get(client, "/scores/rankings/" + D1 + "?network=" + ETH + "&window_days=30");
          assertThat(texts(wide.body().get("items"), "alert_id"))
              .containsExactly("eth-b1", "eth-c1");
        });
  }

  @Test
  void top_n_rankings_carry_score_priority_and_explanation() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply top = get(client, "/scores/rankings/top/3");
          assertThat(top.status()).isEqualTo(200);
          JsonNode body = top.body();
          assertThat(body.get("processing_date").asText()).isEqualTo(D2);
          assertThat(body.get("limit").asInt()).isEqualTo(3);
          assertThat(body.get("total").asLong()).isEqualTo(6);
          assertThat(texts(body.get("items"), "alert_id"))
              .containsExactly("eth-a1", "eth-a3", "eth-a5");
          JsonNode first = body.get("items").get(0);
          assertThat(first.get("rank").asInt()).isEqualTo(1);
          assertThat(first.get("scored").asBoolean()).isTrue();
          assertThat(first.get("score").asDouble()).isEqualTo(0.91);
          assertThat(first.get("priority").asText()).isEqualTo("high");
          assertThat(first.get("explanation").isArray()).isTrue();
          assertThat(first.get("explanation").get(0).get("feature").asText())
              .isEqualTo("total_volume_usd");

          Reply all = get(client, "/scores/rankings/top/10");
          JsonNode unscored = all.body().get("items").get(5);
          assertThat(unscored.get("alert_id").asText()).isEqualTo("eth-a6");
          assertThat(unscored.get("scored").asBoolean()).isFalse();
          assertThat(unscored.get("explanation").isNull()).isTrue();

          Reply btc = get(client, "/scores/rankings/top/1?network=" + BTC);
          assertThat(btc.body().get("processing_date").asText()).isEqualTo(D1);
          assertThat(texts(btc.body().get("items"), "alert_id")).containsExactly("btc-a1");
        });
  }

  // --- clusters --------------------------------------------------------------------------------

  @Test
  void cluster_scores_latest_and_of_a_date() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply latest = get(client, "/scores/clusters/latest");
          assertThat(latest.status()).isEqualTo(200);
          assertThat(latest.body().get("processing_date").asText()).isEqualTo(D2);
          assertThat(texts(latest.body().get("items"), "cluster_id"))
              .containsExactly("eth-c-1", "eth-c-2");
          JsonNode first = latest.body().get("items").get(0);
          assertThat(first.get("alert_count").asInt()).isEqualTo(3);
          assertThat(first.get("total_volume_usd").asDouble()).isEqualTo(3000.0);

          Reply d1 = get(client, "/scores/clusters/" + D1 + "?limit=1");
          assertThat(d1.body().get("total").asLong()).isEqualTo(2);
          assertThat(texts(d1.body().get("items"), "cluster_id")).containsExactly("btc-c-1");

          Reply wide = get(client, "/scores/clusters/" + D1 + "?window_days=30");
          assertThat(texts(wide.body().get("items"), "cluster_id")).containsExactly("eth-c-4");
        });
  }

  // --- metadata --------------------------------------------------------------------------------

  @Test
  void latest_metadata_is_one_object() {
    JavalinTest.test(
        app,
        (server, client) -> {
          // without a network: the greatest processed_at, which is bitcoin's 2024-03-01 batch
          Reply any = get(client, "/metadata/latest");
          assertThat(any.status()).isEqualTo(200);
          assertThat(any.body().get("network").asText()).isEqualTo(BTC);
          assertThat(any.body().get("processing_date").asText()).isEqualTo(D1);
          assertThat(any.body().get("status").asText()).isEqualTo("COMPLETED");
          assertThat(any.body().get("alerts_received").asLong()).isEqualTo(2);
          assertThat(any.body().get("alert_scores_written").asLong()).isEqualTo(2);
          assertThat(any.body().get("total_ms").asDouble()).isEqualTo(17.5);

          Reply eth = get(client, "/metadata/latest?network=" + ETH);
          assertThat(eth.body().get("processing_date").asText()).isEqualTo(D2);
          assertThat(eth.body().get("window_days").asInt()).isEqualTo(7);
        });
  }

  @Test
  void metadata_history_is_not_captured_by_the_date_route() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply history = get(client, "/metadata/history");
          assertThat(history.status()).isEqualTo(200);
          assertThat(history.body().get("limit").asInt()).isEqualTo(30);
          // the published runs' metadata: not the PROCESSING, FAILED or superseded runs
          assertThat(history.body().get("count").asInt()).isEqualTo(3);
          JsonNode items = history.body().get("items");
          assertThat(texts(items, "processing_date")).containsExactly(D2, D1, D1);
          assertThat(texts(items, "network")).containsExactly(ETH, BTC, ETH);
          assertThat(texts(items, "status")).containsOnly("COMPLETED");
          assertThat(texts(items, "run_id"))
              .containsExactly(TestData.RUN_D2, TestData.RUN, TestData.RUN);

          Reply limited = get(client, "/metadata/history?limit=2&network=" + ETH);
          assertThat(limited.body().get("network").asText()).isEqualTo(ETH);
          assertThat(texts(limited.body().get("items"), "processing_date")).containsExactly(D2, D1);

          Reply wide = get(client, "/metadata/history?window_days=30");
          assertThat(texts(wide.body().get("items"), "window_days")).containsExactly("30");

          // trailing slash too
          assertThat(get(client, "/metadata/history/").status()).isEqualTo(200);
        });
  }

  @Test
  void metadata_of_a_date() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply d1 = get(client, "/metadata/" + D1);
          assertThat(d1.status()).isEqualTo(200);
          assertThat(d1.body().get("processing_date").asText()).isEqualTo(D1);
          assertThat(d1.body().get("total").asInt()).isEqualTo(2);
          assertThat(texts(d1.body().get("items"), "network")).containsExactly(BTC, ETH);
          assertThat(texts(d1.body().get("items"), "window_days")).containsExactly("7", "7");

          Reply wide = get(client, "/metadata/" + D1 + "?network=" + ETH + "&window_days=30");
          assertThat(texts(wide.body().get("items"), "window_days")).containsExactly("30");
          assertThat(wide.body().get("items").get(0).get("total_ms").asDouble()).isEqualTo(17.5);
        });
  }

  @Test
  void the_runs_of_a_date_are_listed_with_the_current_one_marked() {
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply d2 = get(client, "/metadata/" + D2 + "/runs?network=" + ETH);
          assertThat(d2.status()).isEqualTo(200);
          assertThat(d2.body().get("total").asInt()).isEqualTo(3);
          JsonNode items = d2.body().get("items");
          assertThat(texts(items, "run_id"))
              .containsExactly(TestData.FAILED_D2, TestData.RUN_D2, TestData.SUPERSEDED_D2);
          assertThat(texts(items, "status")).containsExactly("FAILED", "COMPLETED", "COMPLETED");
          assertThat(texts(items, "current")).containsExactly("false", "true", "false");
          assertThat(items.get(0).get("error_message").asText()).isEqualTo("batch timed out");

          Reply d0 = get(client, "/metadata/" + D0 + "/runs");
          assertThat(texts(d0.body().get("items"), "status")).containsExactly("PROCESSING");
          assertThat(texts(d0.body().get("items"), "current")).containsExactly("false");
          assertError(get(client, "/metadata/2020-01-01/runs"), 404);
        });
  }

  @Test
  void only_the_published_run_of_a_date_is_served() {
    JavalinTest.test(
        app,
        (server, client) -> {
          // the superseded run had eth-gone and a seventh rank; the failed one eth-failed
          assertError(get(client, "/alerts/eth-gone?network=" + ETH), 404);
          assertError(get(client, "/alerts/eth-failed"), 404);
          Reply a1 = get(client, "/alerts/eth-a1?network=" + ETH);
          assertThat(a1.body().get("score").asDouble()).isEqualTo(0.91);
          assertThat(a1.body().get("run_id").asText()).isEqualTo(TestData.RUN_D2);
          Reply ranks = get(client, "/scores/rankings/" + D2 + "?network=" + ETH);
          assertThat(ranks.body().get("total").asLong()).isEqualTo(6);
          assertThat(texts(ranks.body().get("items"), "alert_id")).doesNotContain("eth-gone");
          Reply clusters = get(client, "/scores/clusters/" + D2 + "?network=" + ETH);
          assertThat(texts(clusters.body().get("items"), "cluster_id"))
              .containsExactly("eth-c-1", "eth-c-2");
          assertThat(get(client, "/metadata/" + D2 + "?network=" + ETH).body().get("items"))
              .extracting(m -> m.get("run_id").asText())
              .containsExactly(TestData.RUN_D2);
          // bitcoin's D0: only a PROCESSING run, whose rows are stored but not served
          assertError(get(client, "/scores/alerts/" + D0 + "?network=" + BTC), 404);
          assertError(get(client, "/metadata/" + D0), 404);
          assertError(get(client, "/alerts/btc-z1?network=" + BTC), 404);
        });
  }

  @Test
  void a_newly_published_run_replaces_the_old_one_whole() {
    AtomicLong clock = new AtomicLong();
    Javalin timed = QueryApi.create(repository, ApiInfo.of("1"), clock::get);
    JavalinTest.test(
        timed,
        (server, client) -> {
          assertThat(
                  get(client, "/scores/alerts/" + D1 + "?network=" + BTC)
                      .body()
                      .get("total")
                      .asLong())
              .isEqualTo(2);
          // a replay of bitcoin D1 with one alert: rows first, the pointer last
          repository.add(TestData.score(BTC, D1, 7, "run-9", "btc-new", 0.5, "medium", 9));
          repository.add(TestData.pointer(BTC, D1, 7, "run-9", 1, 0, 0, 9));
          clock.addAndGet(CatalogueCache.DEFAULT_MAX_AGE.toNanos());
          get(client, "/networks"); // starts the background refresh
          long deadline = System.nanoTime() + 5_000_000_000L;
          Reply page;
          do {
            page = get(client, "/scores/alerts/" + D1 + "?network=" + BTC);
          } while (page.body().get("total").asLong() != 1 && System.nanoTime() < deadline);
          assertThat(texts(page.body().get("items"), "alert_id")).containsExactly("btc-new");
          assertError(get(client, "/alerts/btc-a1?network=" + BTC), 404);
        });
  }

  // --- failures --------------------------------------------------------------------------------

  @Test
  void storage_failures_are_500_json_without_internals() {
    repository.failWith(
        new RepositoryException(
            "ClickHouse query failed: secret-host", new java.sql.SQLException("Code: 60")));
    JavalinTest.test(
        app,
        (server, client) -> {
          for (String path :
              List.of(
                  "/networks",
                  "/scores/alerts/latest",
                  "/alerts/x",
                  "/alerts/eth-a1?network=" + ETH,
                  "/metadata/history",
                  "/scores/live/latest",
                  "/scores/live/summary")) {
            Reply reply = get(client, path);
            assertError(reply, 500);
            assertThat(reply.raw()).doesNotContain("secret-host", "Code: 60", "at io.");
          }
        });
  }

  @Test
  void unexpected_exceptions_are_500_json() {
    repository.failWith(new IllegalStateException("bug details"));
    JavalinTest.test(
        app,
        (server, client) -> {
          Reply reply = get(client, "/dates/available");
          assertError(reply, 500);
          assertThat(reply.body().get("error").asText()).isEqualTo("internal server error");
          assertThat(reply.raw()).doesNotContain("bug details");
        });
  }

  @Test
  void every_route_answers_json() {
    JavalinTest.test(
        app,
        (server, client) -> {
          for (String route : QueryApi.ROUTES) {
            String path =
                route.replace("{date}", D1).replace("{alert_id}", "eth-a1").replace("{n}", "5");
            Reply reply = get(client, path + "?network=" + ETH);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.contentType()).as(path).startsWith("application/json");
          }
        });
  }
}
