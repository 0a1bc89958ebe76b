package io.alertscoring.api;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics}: Prometheus text of this API's own registry (one per application, not
 * Micrometer's global one, so two APIs in one JVM count apart).
 *
 * <ul>
 *   <li>{@code http_server_requests_seconds} ({@code _count}, {@code _sum}, {@code _bucket}) per
 *       {@code method}, {@code route} and {@code status}. The route is the <b>template</b> a
 *       request matched ({@code /alerts/{alert_id}}), never the raw path, so a scan of ids adds no
 *       series; a request no route matches is {@code route="NOT_FOUND"}. A request refused before
 *       routing (401, 413, 429) still gets the template it would have matched. Buckets are fixed (5
 *       ms to 10 s) rather than Micrometer's ~70 percentile buckets: a handful of buckets per
 *       series keeps a scrape small and is enough for a p99 against an SLO.
 *   <li>JVM memory, GC, threads, class loading, CPU and uptime.
 * </ul>
 *
 * Times are measured by Javalin's request logger: from the start of the request to the end of the
 * last handler, error handlers included (the status is final there).
 */
final class ApiMetrics {

  static final String PATH = "/metrics";
  static final String REQUESTS = "http.server.requests";
  static final String NOT_FOUND = "NOT_FOUND";

  /** Prometheus text format 0.0.4, what {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile InternalRouter router;

  ApiMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Times every request and serves {@code /metrics}. */
  void register(JavalinConfig config) {
    config.requestLogger.http(this::record);
    config.router.apiBuilder(() -> get(PATH, this::scrape));
  }

  /** The application's router, to name the route of a request refused before routing. */
  void bind(Javalin app) {
    this.router = app.unsafeConfig().pvt.internalRouter;
  }

  void stop() {
    gc.close();
    registry.close();
  }

  @OpenApi(
      path = PATH,
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SERVICE,
      summary = "Prometheus metrics: requests per route template, method and status; the JVM",
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "Prometheus text format 0.0.4.",
            content = @OpenApiContent(mimeType = "text/plain", type = "string"))
      })
  private void scrape(Context ctx) {
    ctx.contentType(CONTENT_TYPE).result(registry.scrape());
  }

  private void record(Context ctx, Float millis) {
    Timer.builder(REQUESTS)
        .description("HTTP requests of the query API")
        .tag("method", ctx.method().name())
        .tag("route", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record((long) (millis * 1_000_000.0), TimeUnit.NANOSECONDS);
  }

  /** The template the request matched, or would have matched when refused in a before handler. */
  private String route(Context ctx) {
    String matched;
    try {
      matched = ctx.endpointHandlerPath();
    } catch (IllegalStateException refusedBeforeRouting) {
      matched = "";
    }
    if (matched != null && !matched.isEmpty()) {
      return matched;
    }
    InternalRouter r = router;
    if (r == null || !ctx.method().isHttpMethod()) {
      return NOT_FOUND;
    }
    return r.findHttpHandlerEntries(ctx.method(), ctx.path())
        .findFirst()
        .map(ParsedEndpoint::getEndpoint)
        .map(e -> e.getPath())
        .orElse(NOT_FOUND);
  }

  /** For tests: the registry this API records into. */
  PrometheusMeterRegistry registry() {
    return registry;
  }
}
