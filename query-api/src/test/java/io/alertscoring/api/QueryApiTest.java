package io.alertscoring.api;

import static io.alertscoring.api.store.TestData.BTC;
import static io.alertscoring.api.store.TestData.D0;
import static io.alertscoring.api.store.TestData.D1;
import static io.alertscoring.api.store.TestData.D2;
import static io.alertscoring.api.store.TestData.ETH;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
          assertThat(all.body().get("dates").toString())
              .isEqualTo("[\"" + D2 + "\",\"" + D1 + "\",\"" + D0 + "\"]");

          Reply btc = get(client, "/dates/available?network=" + BTC);
          assertThat(btc.body().get("network").asText()).isEqualTo(BTC);
          assertThat(btc.body().get("dates").toString())
              .isEqualTo("[\"" + D1 + "\",\"" + D0 + "\"]");

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
  void latest_alert_scores_are_ordered_by_score_with_parsed_explanations() {
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
              .containsExactly("eth-a1", "eth-a3", "eth-a5", "eth-a4", "eth-a2");

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
              .containsExactly("eth-b2", "eth-b1", "eth-b3");
          assertThat(texts(eth.body().get("items"), "window_days")).containsOnly("7");

          Reply wide = get(client, "/scores/alerts/" + D1 + "?network=" + ETH + "&window_days=30");
          assertThat(texts(wide.body().get("items"), "alert_id"))
              .containsExactly("eth-b1", "eth-c1");
          assertThat(wide.body().get("total").asLong()).isEqualTo(2);

          Reply everyNetwork = get(client, "/scores/alerts/" + D1);
          assertThat(everyNetwork.body().get("total").asLong()).isEqualTo(5);
          assertThat(texts(everyNetwork.body().get("items"), "alert_id"))
              .containsExactly("btc-a1", "eth-b2", "eth-b1", "btc-a2", "eth-b3");
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
              .containsExactly("eth-a3", "eth-a5");

          List<String> walked = new ArrayList<>();
          for (int offset = 0; offset < 5; offset += 2) {
            walked.addAll(
                texts(
                    get(client, "/scores/alerts/latest?limit=2&offset=" + offset)
                        .body()
                        .get("items"),
                    "alert_id"));
          }
          assertThat(walked).containsExactly("eth-a1", "eth-a3", "eth-a5", "eth-a4", "eth-a2");

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
          assertThat(texts(d1.body().get("items"), "alert_id"))
              .containsExactly("btc-a1", "eth-b2", "btc-a2", "eth-b1", "eth-b3");

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
          assertThat(history.body().get("count").asInt()).isEqualTo(4);
          JsonNode items = history.body().get("items");
          assertThat(texts(items, "processing_date")).containsExactly(D2, D1, D1, D0);
          assertThat(texts(items, "network")).containsExactly(ETH, BTC, ETH, BTC);
          assertThat(texts(items, "status"))
              .containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "PROCESSING");

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
              List.of("/networks", "/scores/alerts/latest", "/alerts/x", "/metadata/history")) {
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
