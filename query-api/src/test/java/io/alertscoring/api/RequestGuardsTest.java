package io.alertscoring.api;

import static io.javalin.apibuilder.ApiBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.api.store.TestData;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The API key, the body size limit and the rate limit of {@link AccessPolicy}. */
class RequestGuardsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "s3cret-key";

  /** A route that reads its body, as POST /score/alerts will. */
  private static final class EchoGroup implements RouteGroup {
    @Override
    public void addRoutes() {
      post("/echo", ctx -> ctx.json(java.util.Map.of("bytes", ctx.bodyAsBytes().length)));
    }
  }

  private record Reply(int status, JsonNode body, String retryAfter) {}

  private static Reply get(HttpClient client, String path, String key) throws Exception {
    try (Response r =
        client.request(
            path,
            b -> {
              if (key != null) {
                b.header(ApiDocs.API_KEY_HEADER, key);
              }
            })) {
      String raw = r.body().string();
      return new Reply(
          r.code(), raw.startsWith("{") ? JSON.readTree(raw) : null, r.header("Retry-After"));
    }
  }

  private static void assertError(Reply reply, int status) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.body()).as("a JSON error body").isNotNull();
    assertThat(reply.body().get("status").asInt()).isEqualTo(status);
    assertThat(reply.body().get("error").asText()).isNotBlank();
    assertThat(reply.body().size()).isEqualTo(2);
  }

  private static Javalin app(AccessPolicy policy, AtomicLong clock) {
    return QueryApi.create(
        TestData.inMemory(), ApiInfo.of("t"), List.of(new EchoGroup()), policy, clock::get);
  }

  @Test
  void with_a_key_every_route_but_health_and_the_docs_needs_it() {
    JavalinTest.test(
        app(AccessPolicy.open().withApiKey(KEY), new AtomicLong()),
        (server, client) -> {
          for (String path : List.of("/networks", "/version", "/alerts/a1", ApiMetrics.PATH)) {
            Reply missing = get(client, path, null);
            assertError(missing, 401);
            assertThat(missing.body().get("error").asText()).contains("missing X-Api-Key");
            Reply wrong = get(client, path, KEY + "x");
            assertError(wrong, 401);
            assertThat(wrong.body().get("error").asText()).contains("wrong API key");
            assertError(get(client, path, "s"), 401); // shorter than the key
          }
          assertThat(get(client, "/networks", KEY).status()).isEqualTo(200);
          assertThat(get(client, ApiMetrics.PATH, KEY).status()).isEqualTo(200);
          assertThat(get(client, "/alerts/unknown", KEY).status()).isEqualTo(404);
          // open: the health probe and the documentation
          assertThat(get(client, "/health", null).status()).isEqualTo(200);
          assertThat(get(client, "/health/", null).status()).isEqualTo(200);
          assertThat(get(client, ApiDocs.SPEC_PATH, null).status()).isEqualTo(200);
          assertThat(get(client, ApiDocs.UI_PATH, null).status()).isEqualTo(200);
          // an unknown route is a 401 too: without the key nothing tells which routes exist
          assertError(get(client, "/no/such/route", null), 401);
        });
  }

  @Test
  void without_a_key_nothing_is_asked() {
    JavalinTest.test(
        app(AccessPolicy.open(), new AtomicLong()),
        (server, client) -> {
          assertThat(get(client, "/networks", null).status()).isEqualTo(200);
          assertThat(get(client, "/networks", "anything").status()).isEqualTo(200);
        });
  }

  @Test
  void a_body_over_the_limit_is_a_413_and_one_without_length_a_411() {
    JavalinTest.test(
        app(AccessPolicy.open().withMaxRequestBytes(100), new AtomicLong()),
        (server, client) -> {
          MediaType json = MediaType.get("application/json");
          try (Response ok =
              client.request("/echo", b -> b.post(RequestBody.create(new byte[100], json)))) {
            assertThat(ok.code()).isEqualTo(200);
            assertThat(JSON.readTree(ok.body().string()).get("bytes").asInt()).isEqualTo(100);
          }
          try (Response big =
              client.request("/echo", b -> b.post(RequestBody.create(new byte[101], json)))) {
            String raw = big.body().string();
            assertError(new Reply(big.code(), JSON.readTree(raw), null), 413);
            assertThat(raw).contains("over the limit of 100");
          }
          // a route that never reads its body is refused as well
          try (Response big =
              client.request("/networks", b -> b.post(RequestBody.create(new byte[5000], json)))) {
            assertThat(big.code()).isEqualTo(413);
          }
          // chunked: no Content-Length to check before reading
          HttpResponse<String> chunked =
              java.net.http.HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create(client.getOrigin() + "/echo"))
                          .POST(
                              HttpRequest.BodyPublishers.ofInputStream(
                                  () -> new ByteArrayInputStream(new byte[50])))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
          assertError(new Reply(chunked.statusCode(), JSON.readTree(chunked.body()), null), 411);
        });
  }

  @Test
  void a_client_over_its_rate_gets_429_with_retry_after_until_its_bucket_refills() {
    AtomicLong clock = new AtomicLong(1_000_000_000L);
    JavalinTest.test(
        app(AccessPolicy.open().withRateLimit(0.5, 3), clock),
        (server, client) -> {
          for (int i = 0; i < 3; i++) {
            assertThat(get(client, "/networks", null).status()).as("request %d", i).isEqualTo(200);
          }
          Reply limited = get(client, "/networks", null);
          assertError(limited, 429);
          assertThat(limited.retryAfter()).isEqualTo("2"); // one token at 0.5/s
          assertError(get(client, ApiDocs.SPEC_PATH, null), 429);
          // the health probe is never limited
          assertThat(get(client, "/health", null).status()).isEqualTo(200);

          clock.addAndGet(1_000_000_000L); // half a token back
          Reply still = get(client, "/networks", null);
          assertError(still, 429);
          assertThat(still.retryAfter()).isEqualTo("1");
          clock.addAndGet(1_000_000_000L);
          assertThat(get(client, "/networks", null).status()).isEqualTo(200);
          assertError(get(client, "/networks", null), 429);
        });
  }

  @Test
  void the_buckets_refill_to_their_burst_and_forget_idle_clients_when_full() {
    AtomicLong clock = new AtomicLong();
    TokenBuckets buckets = new TokenBuckets(10, 2, clock::get);
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("a")).isEqualTo(100_000_000L); // 0.1 s to the next token
    assertThat(buckets.take("b")).as("each client has its own bucket").isZero();
    clock.addAndGet(10_000_000_000L); // long idle: back to 2, not 100
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("a")).isPositive();
    int most = 0;
    for (int i = 0; i < 3 * TokenBuckets.MAX_CLIENTS; i++) {
      buckets.take("client-" + i);
      most = Math.max(most, buckets.clients());
    }
    assertThat(most).as("clients held at most").isEqualTo(TokenBuckets.MAX_CLIENTS);
    String newest = "client-" + (3 * TokenBuckets.MAX_CLIENTS - 1);
    assertThat(buckets.take(newest)).isZero();
    assertThat(buckets.take(newest)).as("the newest client keeps its emptied bucket").isPositive();
  }

  @Test
  void a_policy_refuses_nonsense() {
    assertThatThrownBy(() -> AccessPolicy.open().withApiKey(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessPolicy.open().withMaxRequestBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessPolicy.open().withRateLimit(-1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessPolicy.open().withRateLimit(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AccessPolicy.open().withApiKey(KEY).toString()).doesNotContain(KEY);
  }
}
