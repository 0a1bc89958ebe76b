package io.alertscoring.api;

import static io.javalin.apibuilder.ApiBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.api.store.TestData;
import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.testtools.JavalinTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} describes every route the running application registers (read from its
 * router, not from a list), with its method; {@code /docs} is Swagger UI loading that spec.
 */
class OpenApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A group whose route has no {@code @OpenApi}: the check must name it. */
  private static final class UndocumentedGroup implements RouteGroup {
    @Override
    public void addRoutes() {
      post("/undocumented/{id}", ctx -> ctx.result("x"));
    }
  }

  /** {@code METHOD path} of every HTTP endpoint of the running app, documentation aside. */
  static List<String> registeredRoutes(Javalin app) {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(ParsedEndpoint::getEndpoint)
        .filter(e -> e.getMethod().isHttpMethod())
        .filter(e -> !ApiDocs.isDocumentation(e.getPath()) && !e.getPath().startsWith("/webjars"))
        .map(OpenApiTest::key)
        .distinct()
        .toList();
  }

  /** {@code METHOD path}, Javalin's {@code <param>} written as OpenAPI's {@code {param}}. */
  private static String key(Endpoint e) {
    return e.getMethod().name() + " " + e.getPath().replaceAll("<([^>]+)>", "{$1}");
  }

  /** The registered routes that the spec does not describe with their method. */
  static List<String> undescribed(List<String> routes, JsonNode spec) {
    return routes.stream()
        .filter(
            route -> {
              String[] parts = route.split(" ", 2);
              JsonNode operation =
                  spec.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
              return !operation.isObject() || !operation.path("responses").isObject();
            })
        .toList();
  }

  private static JsonNode spec(io.javalin.testtools.HttpClient client) throws Exception {
    try (Response response = client.get(ApiDocs.SPEC_PATH)) {
      assertThat(response.code()).isEqualTo(200);
      return JSON.readTree(response.body().string());
    }
  }

  @Test
  void every_registered_route_is_in_the_spec_with_its_method() {
    // the whole service, as QueryApiMain starts it: the stored reads and every route group
    var repository = TestData.inMemory();
    Javalin app =
        QueryApi.create(
            repository,
            ApiInfo.of("1.2.3"),
            QueryApiMain.allGroups(
                repository,
                io.alertscoring.api.scoring.LoadedModels.none(),
                io.alertscoring.api.scoring.ScoringLimits.DEFAULTS));
    JavalinTest.test(
        app,
        (server, client) -> {
          List<String> routes = registeredRoutes(app);
          // the router holds QueryApi's own routes, as GETs, /metrics and the groups' routes
          assertThat(routes)
              .containsAll(QueryApi.ROUTES.stream().map(r -> "GET " + r).toList())
              .contains("GET " + ApiMetrics.PATH)
              .contains("POST /score/alerts", "GET /models", "GET /models/reports/{file}")
              .contains("GET /", "GET /page/alerts", "GET /page/alerts/{alert_id}")
              .hasSize(QueryApi.ROUTES.size() + 1 + 3 + 5);
          JsonNode spec = spec(client);
          assertThat(undescribed(routes, spec)).isEmpty();
          assertThat(spec.path("info").path("version").asText()).isEqualTo("1.2.3");

          // and the spec describes nothing that is not served
          List<String> described = new java.util.ArrayList<>();
          spec.path("paths")
              .fields()
              .forEachRemaining(
                  p ->
                      p.getValue()
                          .fieldNames()
                          .forEachRemaining(
                              m -> described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
          assertThat(described).containsExactlyInAnyOrderElementsOf(routes);

          // path and query parameters, and the error shape
          JsonNode alert = spec.path("paths").path("/alerts/{alert_id}").path("get");
          assertThat(parameters(alert)).containsEntry("alert_id", "path");
          assertThat(parameters(alert)).containsEntry("network", "query");
          JsonNode scores = spec.path("paths").path("/scores/alerts/{date}").path("get");
          assertThat(parameters(scores))
              .containsEntry("date", "path")
              .containsEntry("network", "query")
              .containsEntry("window_days", "query")
              .containsEntry("limit", "query")
              .containsEntry("offset", "query");
          assertThat(scores.path("tags").get(0).asText()).isEqualTo(ApiDocs.TAG_SCORES);
          assertThat(scores.path("responses").fieldNames())
              .toIterable()
              .contains("200", "400", "404", "401", "429", "500");
          assertThat(scores.at("/responses/404/content/application~1json/schema/$ref").asText())
              .isEqualTo("#/components/schemas/ErrorBody");
          JsonNode error = spec.at("/components/schemas/ErrorBody/properties");
          assertThat(error.path("error").path("type").asText()).isEqualTo("string");
          assertThat(error.path("status").path("type").asText()).isEqualTo("integer");
          // no key configured: no security scheme
          assertThat(spec.at("/components/securitySchemes/ApiKey").isMissingNode()).isTrue();
        });
  }

  @Test
  void a_route_without_a_description_is_reported() {
    Javalin app =
        QueryApi.create(TestData.inMemory(), ApiInfo.of("t"), List.of(new UndocumentedGroup()));
    JavalinTest.test(
        app,
        (server, client) ->
            assertThat(undescribed(registeredRoutes(app), spec(client)))
                .containsExactly("POST /undocumented/{id}"));
  }

  @Test
  void the_spec_names_the_api_key_when_one_is_required() {
    Javalin app =
        QueryApi.create(
            TestData.inMemory(),
            ApiInfo.of("t"),
            List.of(),
            AccessPolicy.open().withApiKey("secret"));
    JavalinTest.test(
        app,
        (server, client) -> {
          JsonNode spec = spec(client); // served without the key: Swagger UI fetches it plainly
          JsonNode scheme = spec.at("/components/securitySchemes/ApiKey");
          assertThat(scheme.path("type").asText()).isEqualTo("apiKey");
          assertThat(scheme.path("in").asText()).isEqualTo("header");
          assertThat(scheme.path("name").asText()).isEqualTo(ApiDocs.API_KEY_HEADER);
        });
  }

  @Test
  void docs_serve_swagger_ui_loading_the_spec() {
    Javalin app = QueryApi.create(TestData.inMemory(), ApiInfo.of("t"));
    JavalinTest.test(
        app,
        (server, client) -> {
          String html;
          try (Response response = client.get(ApiDocs.UI_PATH)) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/html");
            html = response.body().string();
          }
          assertThat(html).contains("SwaggerUIBundle").contains(ApiDocs.SPEC_PATH);
          // the page's own script and stylesheet are served (the webjar)
          Matcher script = Pattern.compile("src=\"([^\"]*swagger-ui-bundle\\.js)\"").matcher(html);
          assertThat(script.find()).as("the bundle script in %s", html).isTrue();
          try (Response bundle = client.get(script.group(1))) {
            assertThat(bundle.code()).isEqualTo(200);
            assertThat(bundle.body().string()).contains("SwaggerUIBundle");
          }
        });
  }

  private static Map<String, String> parameters(JsonNode operation) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    operation
        .path("parameters")
        .forEach(p -> out.put(p.path("name").asText(), p.path("in").asText()));
    return out;
  }
}
