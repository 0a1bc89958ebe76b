package io.alertscoring.api;

import io.javalin.config.JavalinConfig;

/**
 * A group of routes served beside the stored reads of {@link QueryApi}: on-demand scoring, models,
 * the analyst page. Each group is one class with its own handlers, so the stored reads do not grow
 * with every new concern; {@link QueryApi#create(io.alertscoring.api.store.ScoreRepository,
 * ApiInfo, java.util.List)} registers the groups after its own routes, in list order.
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
