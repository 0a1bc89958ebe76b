package io.alertscoring.api;

import io.javalin.config.JavalinConfig;

/**
 * A group of routes served beside the stored reads of {@link QueryApi}: on-demand scoring, models,
 * the analyst page. Each group is one class with its own handlers, so the stored reads do not grow
 * with every new concern; {@link QueryApi#create(io.alertscoring.api.store.ScoreRepository,
 * ApiInfo, java.util.List)} registers the groups after its own routes, in list order.
 *
 * <p>Every route must be described for {@code /openapi.json}: put
 * {@code @io.javalin.openapi.OpenApi} (path as registered, methods, tags, params, responses with
 * {@code ErrorBody} for errors) on the handler <b>method</b> the route refers to ({@code
 * post("/score/alerts", this::score)}, not a lambda); {@link ApiDocs} shows one and holds the
 * shared descriptions. {@code OpenApiTest} fails for a registered route the spec lacks. The group's
 * routes pass the same {@link RequestGuards} (API key, body size, rate) and are counted in {@code
 * /metrics} without anything to do.
 */
public interface RouteGroup {

  /**
   * Registers this group's routes with Javalin's {@code ApiBuilder} static methods ({@code get},
   * {@code post}, ...); called inside {@code config.router.apiBuilder}.
   */
  void addRoutes();

  /** Anything else this group needs from the configuration (static files, plugins). */
  default void configure(JavalinConfig config) {}

  /**
   * Fields this group adds to {@code GET /health} (e.g. the models it serves with), each a
   * top-level field of the answer after the API's own; none by default.
   */
  default java.util.Map<String, Object> health() {
    return java.util.Map.of();
  }

  /** Fields this group adds to {@code GET /version}, as {@link #health()} does; none by default. */
  default java.util.Map<String, Object> version() {
    return java.util.Map.of();
  }

  /** Releases what the group holds when the server stops. */
  default void stop() {}
}
