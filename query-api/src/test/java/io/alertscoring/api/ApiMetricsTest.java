package io.alertscoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.api.store.TestData;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: request counts and latency buckets per route template, method and status. */
class ApiMetricsTest {

  private static String scrape(HttpClient client) throws Exception {
    try (Response response = client.get(ApiMetrics.PATH)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/plain");
      return response.body().string();
    }
  }

  private static int code(HttpClient client, String path) throws Exception {
    try (Response response = client.get(path)) {
      return response.code();
    }
  }

  /** The value of {@code http_server_requests_seconds_count} for these labels, or -1. */
  private static double count(String text, String route, String status) {
    Matcher m =
        Pattern.compile(
                "(?m)^http_server_requests_seconds_count\\{method=\"GET\",route=\""
                    + Pattern.quote(route)
                    + "\",status=\""
                    + status
                    + "\"} (\\S+)$")
            .matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  /**
   * Polls until the counts show up: Javalin's request logger, which records, runs after the reply
   * was written, so the client may ask {@code /metrics} a moment before the last request is in.
   */
  private static String scrapeUntil(HttpClient client, String route, String status, double n)
      throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    String text = scrape(client);
    while (count(text, route, status) < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
      text = scrape(client);
    }
    return text;
  }

  @Test
  void requests_are_counted_per_route_template_method_and_status() {
    Javalin app = QueryApi.create(TestData.inMemory(), ApiInfo.of("t"));
    JavalinTest.test(
        app,
        (server, client) -> {
          assertThat(code(client, "/alerts/no-such-alert-1")).isEqualTo(404);
          assertThat(code(client, "/alerts/no-such-alert-2")).isEqualTo(404);
          assertThat(code(client, "/networks")).isEqualTo(200);
          assertThat(code(client, "/networks?network=b@d")).isEqualTo(400);
          assertThat(code(client, "/no/such/route")).isEqualTo(404);
          String text = scrapeUntil(client, ApiMetrics.NOT_FOUND, "404", 1);

          assertThat(count(text, "/alerts/{alert_id}", "404")).isEqualTo(2);
          assertThat(count(text, "/networks", "200")).isEqualTo(1);
          assertThat(count(text, "/networks", "400")).isEqualTo(1);
          assertThat(count(text, ApiMetrics.NOT_FOUND, "404")).isEqualTo(1);
          // raw paths never become labels
          assertThat(text).doesNotContain("no-such-alert").doesNotContain("/no/such/route");
          // latency histogram: fixed buckets, cumulative up to +Inf
          assertThat(text)
              .containsPattern(
                  "http_server_requests_seconds_bucket\\{method=\"GET\","
                      + "route=\"/networks\",status=\"200\",le=\"0\\.005\"} ")
              .contains(
                  "http_server_requests_seconds_bucket{method=\"GET\","
                      + "route=\"/alerts/{alert_id}\",status=\"404\",le=\"+Inf\"} 2")
              .contains("http_server_requests_seconds_sum{method=\"GET\",route=\"/networks\"");
          // JVM metrics
          assertThat(text)
              .contains("jvm_memory_used_bytes")
              .contains("jvm_threads_live_threads")
              .contains("jvm_classes_loaded_classes")
              .contains("process_uptime_seconds");
        });
  }

  @Test
  void a_request_refused_before_routing_is_counted_under_its_template() {
    Javalin app =
        QueryApi.create(
            TestData.inMemory(),
            ApiInfo.of("t"),
            java.util.List.of(),
            AccessPolicy.open().withApiKey("k"));
    JavalinTest.test(
        app,
        (server, client) -> {
          assertThat(code(client, "/alerts/x")).isEqualTo(401);
          String text;
          try (Response response =
              client.request(ApiMetrics.PATH, b -> b.header(ApiDocs.API_KEY_HEADER, "k"))) {
            text = response.body().string();
          }
          long deadline = System.nanoTime() + 5_000_000_000L;
          while (count(text, "/alerts/{alert_id}", "401") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            try (Response response =
                client.request(ApiMetrics.PATH, b -> b.header(ApiDocs.API_KEY_HEADER, "k"))) {
              text = response.body().string();
            }
          }
          assertThat(count(text, "/alerts/{alert_id}", "401")).isEqualTo(1);
        });
  }
}
