package io.alertscoring.api;

import io.javalin.config.JavalinConfig;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import java.util.Set;

/**
 * The API's own description: {@code /openapi.json} and Swagger UI at {@code /docs}.
 *
 * <p>The spec is written at <b>compile time</b> by javalin-openapi's annotation processor from the
 * {@code @OpenApi} annotations on the handler methods of this module (configured in query-api's
 * pom), and {@link OpenApiPlugin} serves that resource. A handler is described where it is written:
 *
 * <pre>{@code
 * @OpenApi(
 *     path = "/score/alerts",                    // the route template, as registered
 *     methods = HttpMethod.POST,
 *     tags = ApiDocs.TAG_SCORING,
 *     summary = "Scores alerts on demand",
 *     requestBody = @OpenApiRequestBody(content = @OpenApiContent(from = MyRequest.class)),
 *     responses = {
 *       @OpenApiResponse(status = "200", content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
 *       @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class))
 *     })
 * private void score(Context ctx) { ... }
 * }</pre>
 *
 * The annotation must sit on a method (a lambda cannot carry one), and the path and method are what
 * ties it to the route: nothing checks that at compile time, {@code OpenApiTest} does at test time
 * for every route the running application registers. Only one module may run the processor for one
 * application: each writes the same resource name ({@code openapi-plugin/ openapi-default.json}),
 * so route groups live in query-api.
 */
public final class ApiDocs {

  /** Where the spec is served. */
  public static final String SPEC_PATH = "/openapi.json";

  /** Where Swagger UI is served. */
  public static final String UI_PATH = "/docs";

  /** Where the Swagger UI webjar's files are served from (by the Swagger plugin). */
  public static final String WEBJAR_PREFIX = "/webjars/";

  /** Paths of the documentation itself, which the spec does not describe. */
  static final Set<String> DOCUMENTATION_PATHS = Set.of(SPEC_PATH, UI_PATH);

  // tags
  public static final String TAG_SERVICE = "service";
  public static final String TAG_CATALOGUE = "catalogue";
  public static final String TAG_SCORES = "scores";
  public static final String TAG_LIVE = "live scores";
  public static final String TAG_METADATA = "batch metadata";
  public static final String TAG_WEBHOOKS = "webhooks";
  public static final String TAG_SCORING = "on-demand scoring";
  public static final String TAG_MODELS = "models";
  public static final String TAG_PAGE = "analyst page";

  /** HTML pages and htmx fragments of the analyst page. */
  public static final String HTML = "text/html";

  // a body that is a JSON object (described in words: its fields are the snake_case columns)
  public static final String JSON_OBJECT = "object";

  public static final String JSON = "application/json";

  // parameter descriptions
  public static final String NETWORK =
      "Network name (letters, digits, '_', '-', '.'; at most 64). Empty or absent: all networks.";
  public static final String WINDOW_DAYS =
      "Window length in days (1..65535). Absent: the smallest window of each processing date.";
  public static final String LIMIT = "Items per page, 1..10000 (default 100).";
  public static final String OFFSET = "Items to skip, at least 0 (default 0).";
  public static final String DATE = "A processing date, YYYY-MM-DD, that has a published run.";
  public static final String PAGE =
      "A page: {network, processing_date, total, limit, offset, items}, items in key order.";
  public static final String ERROR = "The error: {error, status}.";
  public static final String BAD_REQUEST = "A malformed parameter.";
  public static final String NOT_FOUND = "Unknown network, processing date or alert.";
  public static final String UNAUTHORIZED =
      "An API key is configured and X-Api-Key is missing or wrong.";
  public static final String TOO_MANY =
      "Over the client's rate limit; Retry-After says when to retry.";
  public static final String FAILED = "Storage did not answer, or another server error.";

  /** The header that carries the API key. */
  public static final String API_KEY_HEADER = "X-Api-Key";

  private ApiDocs() {}

  /** Registers the spec and the UI; the spec names the API key scheme when a key is required. */
  static void register(JavalinConfig config, ApiInfo info, boolean apiKeyRequired) {
    config.registerPlugin(
        new OpenApiPlugin(
            openApi ->
                openApi
                    .withDocumentationPath(SPEC_PATH)
                    .withDefinitionConfiguration(
                        (version, definition) -> {
                          definition.withInfo(
                              i ->
                                  i.title("Alert scoring query API")
                                      .version(info.version())
                                      .description(
                                          "Reads the published runs of the alert-scoring job."
                                              + " Errors are JSON {error, status}."));
                          definition.withDefinitionProcessor(ApiDocs::addCommonResponses);
                          if (apiKeyRequired) {
                            definition.withSecurity(
                                security ->
                                    security
                                        .withApiKeyAuth("ApiKey", API_KEY_HEADER)
                                        .withGlobalSecurity("ApiKey"));
                          }
                        })));
    config.registerPlugin(
        new SwaggerPlugin(
            swagger -> {
              swagger.setDocumentationPath(SPEC_PATH);
              swagger.setUiPath(UI_PATH);
              swagger.setTitle("Alert scoring query API");
            }));
  }

  /**
   * Every operation can answer 401 (a key is configured and missing or wrong), 429 (over its
   * client's rate) and 500: added here once instead of on every handler's annotation. Their body is
   * the JSON error, or an HTML fragment where the operation answers HTML (the analyst page).
   */
  static String addCommonResponses(com.fasterxml.jackson.databind.node.ObjectNode spec) {
    java.util.Map<String, String> common = new java.util.LinkedHashMap<>();
    common.put("401", UNAUTHORIZED);
    common.put("429", TOO_MANY);
    common.put("500", FAILED);
    spec.path("paths")
        .forEach(
            path ->
                path.forEach(
                    operation -> {
                      if (!(operation.path("responses")
                          instanceof com.fasterxml.jackson.databind.node.ObjectNode responses)) {
                        return;
                      }
                      boolean html = responses.path("200").path("content").has(HTML);
                      common.forEach(
                          (status, description) -> {
                            if (responses.has(status)) {
                              return;
                            }
                            com.fasterxml.jackson.databind.node.ObjectNode response =
                                responses.putObject(status);
                            response.put("description", description);
                            com.fasterxml.jackson.databind.node.ObjectNode schema =
                                response
                                    .putObject("content")
                                    .putObject(html ? HTML : JSON)
                                    .putObject("schema");
                            if (html) {
                              schema.put("type", "string");
                            } else {
                              schema.put("$ref", "#/components/schemas/ErrorBody");
                            }
                          });
                    }));
    return spec.toString();
  }

  /** Whether {@code path} is the documentation (the spec, the UI page or its static files). */
  static boolean isDocumentation(String path) {
    return DOCUMENTATION_PATHS.contains(path) || path.startsWith(WEBJAR_PREFIX);
  }
}
