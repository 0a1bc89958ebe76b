package io.alertscoring.api;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.api.store.Catalogue;
import io.alertscoring.api.store.LiveSummary;
import io.alertscoring.api.store.Page;
import io.alertscoring.api.store.RankedAlert;
import io.alertscoring.api.store.RepositoryException;
import io.alertscoring.api.store.Scope;
import io.alertscoring.api.store.ScoreRepository;
import io.alertscoring.api.store.WebhookEndpointSummary;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import io.alertscoring.schemas.output.WebhookDelivery;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API's routes over a {@link ScoreRepository}. {@link #create} returns a configured, not
 * started, {@link Javalin}; start it with {@code app.start(port)} or through {@link
 * QueryApiMain#start}.
 *
 * <p>Every route is a GET and accepts {@code ?network=} (empty: all networks) and, where a
 * processing date is involved, {@code ?window_days=} (absent: the smallest window of each date).
 * Paginated lists take {@code ?limit=} (1..10000, default 100) and {@code ?offset=} and answer
 * {@code {network, processing_date, total, limit, offset, items}} (no {@code processing_date} for
 * the live list, which spans dates).
 *
 * <p>{@code GET /alerts/{alert_id}} answers the alert's current stage: its final score, or its live
 * score while the batch is open.
 *
 * <p>Reads are of <b>published runs</b> only. The {@link Catalogue} of runs ({@code published_runs}
 * and every run's {@code batch_metadata} row) is held in memory by a {@link CatalogueCache}: a
 * {@code ?network=}, a date, the run of a date, its counts and its metadata cost no query. A date
 * is served when it has a published run (404 otherwise, whatever runs are PROCESSING or FAILED),
 * and every row served belongs to the run the catalogue names: the previous complete run or the new
 * complete run, never a mix. Lists of a date page over its runs (one per network of the scope) in
 * network order, with totals from {@code published_runs}.
 *
 * <p>A published run never changes, so the top-N of a run is cached here ({@link #TOP_CACHE_SIZE}
 * answers, least recently used dropped); the other reads go to storage.
 */
public final class QueryApi {

  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);

  /** Every route this API serves, in registration order. */
  public static final List<String> ROUTES =
      List.of(
          "/health",
          "/version",
          "/networks",
          "/dates/available",
          "/dates/latest",
          "/scores/alerts/latest",
          "/scores/alerts/{date}",
          "/scores/live/latest",
          "/scores/live/summary",
          "/alerts/{alert_id}",
          "/scores/rankings/latest",
          "/scores/rankings/top/{n}",
          "/scores/rankings/{date}",
          "/scores/clusters/latest",
          "/scores/clusters/{date}",
          "/metadata/latest",
          "/metadata/history",
          "/metadata/{date}",
          "/metadata/{date}/runs",
          "/webhooks/endpoints",
          "/webhooks/deliveries");

  /** How many of the newest published runs are prepared in the background (older: on demand). */
  static final int PREPARED_RUNS = 64;

  /** Top-N answers of published runs kept in memory. */
  static final int TOP_CACHE_SIZE = 256;

  private final ScoreRepository repository;
  private final ApiInfo info;
  private final List<RouteGroup> groups;
  private final RuntimeFacts runtime = new RuntimeFacts();
  private final CatalogueCache catalogue;
  private final java.util.Set<PublishedRun> prepared =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Runs the live lookup of an alert beside its final lookup (two queries at once). */
  private final java.util.concurrent.ExecutorService lookups =
      java.util.concurrent.Executors.newFixedThreadPool(
          8,
          task -> {
            Thread t = new Thread(task, "query-api-live-lookup");
            t.setDaemon(true);
            return t;
          });

  private final java.util.concurrent.ExecutorService preparer =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "query-api-run-preparer");
            t.setDaemon(true);
            return t;
          });
  private final ObjectMapper mapper = OutputJson.mapper();
  private final Map<String, List<RankedAlert>> topCache = lru(TOP_CACHE_SIZE);
  private final Map<String, String> topBodies = lru(TOP_CACHE_SIZE);

  private static <V> Map<String, V> lru(int size) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > size;
      }
    };
  }

  private static String runKey(PublishedRun run) {
    return run.network() + "/" + run.processingDate() + "/" + run.windowDays() + "/" + run.runId();
  }

  private QueryApi(
      ScoreRepository repository, ApiInfo info, LongSupplier nanoClock, List<RouteGroup> groups) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.info = Objects.requireNonNull(info, "info");
    this.groups = List.copyOf(groups);
    this.catalogue = CatalogueCache.over(this::loadCatalogue, nanoClock);
  }

  /**
   * The catalogue from storage; its {@value #PREPARED_RUNS} newest runs not seen before are handed
   * to the preparer thread, which lets the repository get ready to read them (newest first) before
   * a request does.
   */
  private Catalogue loadCatalogue() {
    Catalogue loaded = repository.catalogue();
    List<PublishedRun> newest = loaded.published();
    for (PublishedRun run : newest.subList(0, Math.min(PREPARED_RUNS, newest.size()))) {
      if (prepared.add(run)) {
        try {
          preparer.execute(() -> prepare(run));
        } catch (java.util.concurrent.RejectedExecutionException e) {
          prepared.remove(run); // stopped
        }
      }
    }
    return loaded;
  }

  private void prepare(PublishedRun run) {
    try {
      repository.prepare(run);
    } catch (RuntimeException e) {
      prepared.remove(run); // tried again at the next load; a request would prepare it anyway
      LOG.warn(
          "could not prepare run {} of {}: {}", run.runId(), run.processingDate(), e.toString());
    }
  }

  private void stop() {
    catalogue.close();
    preparer.shutdownNow();
    lookups.shutdownNow();
  }

  /** A configured, not started, application serving {@code repository}. */
  public static Javalin create(ScoreRepository repository, ApiInfo info) {
    return create(repository, info, List.of());
  }

  /**
   * A configured, not started, application serving {@code repository}, with {@code groups}
   * registered after the stored reads.
   */
  public static Javalin create(ScoreRepository repository, ApiInfo info, List<RouteGroup> groups) {
    return create(repository, info, groups, AccessPolicy.open());
  }

  /**
   * A configured, not started, application serving {@code repository} and {@code groups} under
   * {@code access} (API key, body size and rate limits: {@link RequestGuards}), with {@code
   * /metrics} ({@link ApiMetrics}), {@code /openapi.json} and {@code /docs} ({@link ApiDocs}).
   */
  public static Javalin create(
      ScoreRepository repository, ApiInfo info, List<RouteGroup> groups, AccessPolicy access) {
    return create(repository, info, groups, access, System::nanoTime);
  }

  /** The same, with the catalogue's ages measured on {@code nanoClock}. */
  static Javalin create(ScoreRepository repository, ApiInfo info, LongSupplier nanoClock) {
    return create(repository, info, List.of(), AccessPolicy.open(), nanoClock);
  }

  /** The same, with the catalogue's ages and the rate limit's buckets on {@code nanoClock}. */
  static Javalin create(
      ScoreRepository repository,
      ApiInfo info,
      List<RouteGroup> groups,
      AccessPolicy access,
      LongSupplier nanoClock) {
    List<RouteGroup> extra = List.copyOf(groups);
    QueryApi api = new QueryApi(repository, info, nanoClock, extra);
    ApiMetrics metrics = new ApiMetrics();
    RequestGuards guards = new RequestGuards(Objects.requireNonNull(access, "access"), nanoClock);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.events(
                  events ->
                      events.serverStopped(
                          () -> {
                            api.stop();
                            extra.forEach(RouteGroup::stop);
                            metrics.stop();
                          }));
              config.jsonMapper(new JavalinJackson(OutputJson.mapper(), false));
              config.http.defaultContentType = "application/json";
              config.router.ignoreTrailingSlashes = true;
              guards.register(config);
              metrics.register(config);
              ApiDocs.register(config, info, access.key().isPresent());
              config.router.apiBuilder(api::routes);
              for (RouteGroup group : extra) {
                group.configure(config);
                config.router.apiBuilder(group::addRoutes);
              }
            });
    metrics.bind(app);
    app.exception(HttpResponseException.class, api::httpError);
    app.exception(Exception.class, api::internalError);
    return app;
  }

  /** Literal routes come before the parameterised ones that could capture them. */
  private void routes() {
    get("/health", this::health);
    get("/version", this::version);
    get("/networks", this::networks);
    get("/dates/available", this::availableDates);
    get("/dates/latest", this::latestDate);
    get("/scores/alerts/latest", this::latestAlertScores);
    get("/scores/alerts/{date}", this::alertScoresOfDate);
    get("/scores/live/latest", this::latestLiveScores);
    get("/scores/live/summary", this::liveSummary);
    get("/alerts/{alert_id}", this::alert);
    get("/scores/rankings/latest", this::latestRankings);
    get("/scores/rankings/top/{n}", this::topRankings);
    get("/scores/rankings/{date}", this::rankingsOfDate);
    get("/scores/clusters/latest", this::latestClusterScores);
    get("/scores/clusters/{date}", this::clusterScoresOfDate);
    get("/metadata/latest", this::latestMetadata);
    get("/metadata/history", this::metadataHistory);
    get("/metadata/{date}", this::metadataOfDate);
    get("/metadata/{date}/runs", this::runsOfDate);
    get("/webhooks/endpoints", this::webhookEndpoints);
    get("/webhooks/deliveries", this::webhookDeliveries);
  }

  // ---------------------------------------------------------------------------------------------
  // handlers

  @OpenApi(
      path = "/health",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SERVICE,
      summary = "Liveness and storage reachability",
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{status, repository, service, version}: status ok and repository up.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "503",
            description = "Storage unreachable: status degraded, repository down.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT))
      })
  private void health(Context ctx) {
    boolean up = repository.isAvailable();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "ok" : "degraded");
    body.put("repository", up ? "up" : "down");
    body.put("service", info.service());
    body.put("version", info.version());
    body.put("clickhouse", up ? "up" : "down");
    body.putAll(runtime.health());
    groups.forEach(group -> body.putAll(group.health()));
    ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  /** {@code service}, {@code version}, {@code details}, {@code libraries}, then the groups'. */
  @OpenApi(
      path = "/version",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SERVICE,
      summary = "The service name, version and details",
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{service, version, details}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT))
      })
  private void version(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", info.service());
    body.put("version", info.version());
    body.put("details", info.details());
    body.put("libraries", RuntimeFacts.libraries());
    groups.forEach(group -> body.putAll(group.version()));
    ctx.json(body);
  }

  @OpenApi(
      path = "/networks",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_CATALOGUE,
      summary = "Networks with a published run",
      queryParams = {@OpenApiParam(name = "network", description = ApiDocs.NETWORK)},
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{networks: [name, ...]}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void networks(Context ctx) {
    Optional<String> network = knownNetwork(ctx);
    List<String> known = network.map(List::of).orElseGet(catalogue::networks);
    ctx.json(Map.of("networks", known));
  }

  @OpenApi(
      path = "/dates/available",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_CATALOGUE,
      summary = "Processing dates with a published run",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(name = "window_days", type = Integer.class, description = ApiDocs.WINDOW_DAYS)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{network, dates: [YYYY-MM-DD, ...]}, newest first.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void availableDates(Context ctx) {
    Scope scope = scope(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("dates", catalogue.catalogue().dates(scope));
    ctx.json(body);
  }

  @OpenApi(
      path = "/dates/latest",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_CATALOGUE,
      summary = "The newest processing date with a published run",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(name = "window_days", type = Integer.class, description = ApiDocs.WINDOW_DAYS)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{network, processing_date}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void latestDate(Context ctx) {
    Scope scope = scope(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("processing_date", latest(ctx, scope));
    ctx.json(body);
  }

  @OpenApi(
      path = "/scores/alerts/latest",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SCORES,
      summary = "Final alert scores of the newest date",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(
            name = "window_days",
            type = Integer.class,
            description = ApiDocs.WINDOW_DAYS),
        @OpenApiParam(name = "limit", type = Integer.class, description = ApiDocs.LIMIT),
        @OpenApiParam(name = "offset", type = Integer.class, description = ApiDocs.OFFSET)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = ApiDocs.PAGE,
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void latestAlertScores(Context ctx) {
    alertScores(ctx, latest(ctx));
  }

  @OpenApi(
      path = "/scores/alerts/{date}",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SCORES,
      summary = "Final alert scores of a date",
      pathParams = {@OpenApiParam(name = "date", required = true, description = ApiDocs.DATE)},
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(
            name = "window_days",
            type = Integer.class,
            description = ApiDocs.WINDOW_DAYS),
        @OpenApiParam(name = "limit", type = Integer.class, description = ApiDocs.LIMIT),
        @OpenApiParam(name = "offset", type = Integer.class, description = ApiDocs.OFFSET)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = ApiDocs.PAGE,
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void alertScoresOfDate(Context ctx) {
    alertScores(ctx, knownDate(ctx));
  }

  @OpenApi(
      path = "/scores/rankings/latest",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SCORES,
      summary = "Alert rankings of the newest date",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(
            name = "window_days",
            type = Integer.class,
            description = ApiDocs.WINDOW_DAYS),
        @OpenApiParam(name = "limit", type = Integer.class, description = ApiDocs.LIMIT),
        @OpenApiParam(name = "offset", type = Integer.class, description = ApiDocs.OFFSET)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = ApiDocs.PAGE,
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void latestRankings(Context ctx) {
    rankings(ctx, latest(ctx));
  }

  @OpenApi(
      path = "/scores/rankings/{date}",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SCORES,
      summary = "Alert rankings of a date",
      pathParams = {@OpenApiParam(name = "date", required = true, description = ApiDocs.DATE)},
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(
            name = "window_days",
            type = Integer.class,
            description = ApiDocs.WINDOW_DAYS),
        @OpenApiParam(name = "limit", type = Integer.class, description = ApiDocs.LIMIT),
        @OpenApiParam(name = "offset", type = Integer.class, description = ApiDocs.OFFSET)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = ApiDocs.PAGE,
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void rankingsOfDate(Context ctx) {
    rankings(ctx, knownDate(ctx));
  }

  @OpenApi(
      path = "/scores/clusters/latest",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SCORES,
      summary = "Cluster scores of the newest date",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(
            name = "window_days",
            type = Integer.class,
            description = ApiDocs.WINDOW_DAYS),
        @OpenApiParam(name = "limit", type = Integer.class, description = ApiDocs.LIMIT),
        @OpenApiParam(name = "offset", type = Integer.class, description = ApiDocs.OFFSET)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = ApiDocs.PAGE,
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void latestClusterScores(Context ctx) {
    clusterScores(ctx, latest(ctx));
  }

  @OpenApi(
      path = "/scores/clusters/{date}",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SCORES,
      summary = "Cluster scores of a date",
      pathParams = {@OpenApiParam(name = "date", required = true, description = ApiDocs.DATE)},
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(
            name = "window_days",
            type = Integer.class,
            description = ApiDocs.WINDOW_DAYS),
        @OpenApiParam(name = "limit", type = Integer.class, description = ApiDocs.LIMIT),
        @OpenApiParam(name = "offset", type = Integer.class, description = ApiDocs.OFFSET)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = ApiDocs.PAGE,
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void clusterScoresOfDate(Context ctx) {
    clusterScores(ctx, knownDate(ctx));
  }

  private void alertScores(Context ctx, DatedScope dated) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT, Params.MAX_LIMIT);
    int offset = Params.offset(ctx);
    Page<AlertScore> page =
        across(dated, PublishedRun::alertScores, offset, limit, repository::alertScores);
    ctx.json(listBody(dated.scope, page, limit, offset, this::alertView));
  }

  /**
   * The alert's current stage at the top level, plus {@code stage} ("final" or "live") and {@code
   * stages: {final, live}} with each stage's full view (null when it has none). The final score is
   * current unless the live score belongs to a more recent processing date than it: a final score
   * supersedes the live ones of its own batch, not those of a newer batch still open.
   */
  @OpenApi(
      path = "/alerts/{alert_id}",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SCORES,
      summary = "One alert's current score (final, or live while its batch is open)",
      pathParams = {
        @OpenApiParam(
            name = "alert_id",
            required = true,
            description = "The alert id, 1..256 characters.")
      },
      queryParams = {@OpenApiParam(name = "network", description = ApiDocs.NETWORK)},
      responses = {
        @OpenApiResponse(
            status = "200",
            description =
                "The current stage's score, with stage (final or live) and stages {final, live}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void alert(Context ctx) {
    String alertId = Params.alertId(ctx);
    Optional<String> network = knownNetwork(ctx);
    java.util.concurrent.CompletableFuture<Optional<LiveAlertScore>> live =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> repository.liveScore(alertId, network), lookups);
    Optional<AlertScore> finalScore;
    Optional<LiveAlertScore> liveScore;
    try {
      finalScore = repository.alertScore(alertId, network, catalogue.catalogue());
    } finally {
      liveScore = joined(live);
    }
    if (finalScore.isEmpty() && liveScore.isEmpty()) {
      throw new NotFoundResponse("unknown alert_id '" + alertId + "'" + networkSuffix(network));
    }
    boolean finalIsCurrent = CurrentStage.finalIsCurrent(finalScore, liveScore);
    ObjectNode finalView = finalScore.map(this::alertView).orElse(null);
    ObjectNode liveView = liveScore.map(this::liveView).orElse(null);
    ObjectNode body = (finalIsCurrent ? finalView : liveView).deepCopy();
    body.put("stage", finalIsCurrent ? "final" : "live");
    ObjectNode stages = body.putObject("stages");
    stages.set("final", finalView == null ? mapper.nullNode() : finalView);
    stages.set("live", liveView == null ? mapper.nullNode() : liveView);
    ctx.json(body);
  }

  /** The live lookup's answer; its failure is rethrown as it was. */
  private static <T> T joined(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  @OpenApi(
      path = "/scores/live/latest",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_LIVE,
      summary = "Live scores of open batches, newest first",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(name = "limit", type = Integer.class, description = ApiDocs.LIMIT),
        @OpenApiParam(name = "offset", type = Integer.class, description = ApiDocs.OFFSET)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "A page: {network, total, limit, offset, items}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void latestLiveScores(Context ctx) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT, Params.MAX_LIMIT);
    int offset = Params.offset(ctx);
    Optional<String> network = knownNetwork(ctx);
    Page<LiveAlertScore> page = repository.latestLiveScores(network, limit, offset);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", network.orElse(null));
    body.put("total", page.total());
    body.put("limit", limit);
    body.put("offset", offset);
    body.put("items", page.items().stream().map(this::liveView).toList());
    ctx.json(body);
  }

  @OpenApi(
      path = "/scores/live/summary",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_LIVE,
      summary = "Live scoring per open batch",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(
            name = "limit",
            type = Integer.class,
            description = "Batches, 1..10000 (default 10).")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{network, limit, count, items}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void liveSummary(Context ctx) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIVE_SUMMARY_LIMIT, Params.MAX_LIMIT);
    Optional<String> network = knownNetwork(ctx);
    List<LiveSummary> rows = repository.liveSummary(network, limit, catalogue.catalogue());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", network.orElse(null));
    body.put("limit", limit);
    body.put("count", rows.size());
    body.put("items", rows);
    ctx.json(body);
  }

  private void rankings(Context ctx, DatedScope dated) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT, Params.MAX_LIMIT);
    int offset = Params.offset(ctx);
    ctx.json(
        listBody(
            dated.scope,
            across(dated, PublishedRun::rankings, offset, limit, repository::rankings),
            limit,
            offset,
            Function.identity()));
  }

  /**
   * The rendered answer is cached too: it is a function of the scope's network, the runs and {@code
   * n}, and a run never changes (the request then costs no query and no JSON parsing).
   */
  @OpenApi(
      path = "/scores/rankings/top/{n}",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_SCORES,
      summary = "The top n ranked alerts of the newest date",
      pathParams = {
        @OpenApiParam(
            name = "n",
            type = Integer.class,
            required = true,
            description = "How many, 1..10000.")
      },
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(name = "window_days", type = Integer.class, description = ApiDocs.WINDOW_DAYS)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = ApiDocs.PAGE,
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void topRankings(Context ctx) throws JsonProcessingException {
    int n = Params.topN(ctx);
    DatedScope dated = latest(ctx);
    List<PublishedRun> runs = runs(dated);
    StringBuilder key = new StringBuilder(dated.scope.network().orElse("*")).append('|').append(n);
    for (PublishedRun run : runs) {
      key.append('|').append(runKey(run));
    }
    String cached;
    synchronized (topBodies) {
      cached = topBodies.get(key.toString());
    }
    if (cached == null) {
      cached = mapper.writeValueAsString(topBody(dated, runs, n));
      synchronized (topBodies) {
        topBodies.put(key.toString(), cached);
      }
    }
    ctx.contentType("application/json").result(cached);
  }

  private Map<String, Object> topBody(DatedScope dated, List<PublishedRun> runs, int n) {
    List<RankedAlert> items = new ArrayList<>();
    long total = 0;
    for (PublishedRun run : runs) {
      items.addAll(top(run, n));
      total += run.rankings();
    }
    items.sort(Comparator.comparingInt(RankedAlert::rank).thenComparing(RankedAlert::network));
    Page<RankedAlert> page =
        new Page<>(dated.date, total, items.size() > n ? items.subList(0, n) : items);
    return listBody(dated.scope, page, n, 0, this::rankedView);
  }

  private void clusterScores(Context ctx, DatedScope dated) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT, Params.MAX_LIMIT);
    int offset = Params.offset(ctx);
    ctx.json(
        listBody(
            dated.scope,
            across(dated, PublishedRun::clusterScores, offset, limit, repository::clusterScores),
            limit,
            offset,
            this::clusterView));
  }

  /**
   * With a network: the current run's metadata of its latest date; without: of the published run
   * with the greatest {@code processed_at} over all networks.
   */
  @OpenApi(
      path = "/metadata/latest",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_METADATA,
      summary = "Batch metadata of the newest published run",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(name = "window_days", type = Integer.class, description = ApiDocs.WINDOW_DAYS)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "One batch_metadata row.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void latestMetadata(Context ctx) {
    Scope scope = scope(ctx);
    Catalogue c = catalogue.catalogue();
    List<BatchMetadata> rows = new ArrayList<>();
    for (PublishedRun run : c.select(scope)) {
      c.metadata(run).ifPresent(rows::add);
    }
    Optional<BatchMetadata> metadata =
        scope.network().isPresent()
            ? rows.stream().findFirst()
            : rows.stream().max(Comparator.comparingLong(BatchMetadata::processedAt));
    ctx.json(
        metadata.orElseThrow(
            () -> new NotFoundResponse("no batch metadata stored" + scopeSuffix(scope))));
  }

  /** The current runs' metadata, most recent date first (then network). */
  @OpenApi(
      path = "/metadata/history",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_METADATA,
      summary = "The published runs' metadata, newest date first",
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(
            name = "window_days",
            type = Integer.class,
            description = ApiDocs.WINDOW_DAYS),
        @OpenApiParam(
            name = "limit",
            type = Integer.class,
            description = "Rows, 1..10000 (default 30).")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{network, limit, count, items}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void metadataHistory(Context ctx) {
    int limit = Params.limit(ctx, Params.DEFAULT_HISTORY_LIMIT, Params.MAX_LIMIT);
    Scope scope = scope(ctx);
    Catalogue c = catalogue.catalogue();
    List<BatchMetadata> rows = new ArrayList<>();
    for (PublishedRun run : c.select(scope)) {
      if (rows.size() == limit) {
        break;
      }
      c.metadata(run).ifPresent(rows::add);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("limit", limit);
    body.put("count", rows.size());
    body.put("items", rows);
    ctx.json(body);
  }

  /** The metadata of the date's current run, one per network of the scope. */
  @OpenApi(
      path = "/metadata/{date}",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_METADATA,
      summary = "The metadata of a date's published runs",
      pathParams = {@OpenApiParam(name = "date", required = true, description = ApiDocs.DATE)},
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(name = "window_days", type = Integer.class, description = ApiDocs.WINDOW_DAYS)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{network, processing_date, total, items}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void metadataOfDate(Context ctx) {
    String date = Params.date(ctx, "date");
    Scope scope = scope(ctx);
    Catalogue c = catalogue.having(k -> !k.select(scope, date).isEmpty());
    List<BatchMetadata> rows = new ArrayList<>();
    for (PublishedRun run : c.select(scope, date)) {
      c.metadata(run).ifPresent(rows::add);
    }
    rows.sort(Comparator.comparing(BatchMetadata::network));
    if (rows.isEmpty()) {
      throw new NotFoundResponse(
          "no batch metadata for processing date " + date + scopeSuffix(scope));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("processing_date", date);
    body.put("total", rows.size());
    body.put("items", rows);
    ctx.json(body);
  }

  /**
   * Every run of the date, published or not (PROCESSING, FAILED, superseded), newest first per
   * network and window, each with {@code current}: whether it is the run the API serves.
   */
  @OpenApi(
      path = "/webhooks/endpoints",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_WEBHOOKS,
      summary = "Webhook endpoints and their delivery counts",
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{count, items}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT))
      })
  private void webhookEndpoints(Context ctx) {
    List<WebhookEndpointSummary> endpoints = repository.webhookEndpoints();
    ctx.json(Map.of("count", endpoints.size(), "items", endpoints));
  }

  @OpenApi(
      path = "/webhooks/deliveries",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_WEBHOOKS,
      summary = "Recent webhook deliveries, newest first",
      queryParams = {
        @OpenApiParam(name = "endpoint", description = "Only this endpoint."),
        @OpenApiParam(name = "status", description = "delivered or failed."),
        @OpenApiParam(name = "limit", type = Integer.class, description = ApiDocs.LIMIT)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{endpoint, status, limit, count, items}.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void webhookDeliveries(Context ctx) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT, Params.MAX_LIMIT);
    Optional<String> endpoint = Optional.ofNullable(ctx.queryParam("endpoint"));
    Optional<String> status =
        Optional.ofNullable(ctx.queryParam("status")).map(v -> v.toUpperCase(Locale.ROOT));
    if (status.isPresent()
        && !status.get().equals(WebhookDelivery.DELIVERED)
        && !status.get().equals(WebhookDelivery.FAILED)) {
      throw new BadRequestResponse(
          "status must be delivered or failed, got '" + ctx.queryParam("status") + "'");
    }
    List<WebhookDelivery> items = repository.webhookDeliveries(endpoint, status, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("endpoint", endpoint.orElse(null));
    body.put("status", status.orElse(null));
    body.put("limit", limit);
    body.put("count", items.size());
    body.put("items", items);
    ctx.json(body);
  }

  @OpenApi(
      path = "/metadata/{date}/runs",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_METADATA,
      summary = "Every run of a date, published or not",
      pathParams = {
        @OpenApiParam(
            name = "date",
            required = true,
            description = "A processing date, YYYY-MM-DD, with at least one run.")
      },
      queryParams = {
        @OpenApiParam(name = "network", description = ApiDocs.NETWORK),
        @OpenApiParam(name = "window_days", type = Integer.class, description = ApiDocs.WINDOW_DAYS)
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "{network, processing_date, total, items}, each item with current.",
            content = @OpenApiContent(mimeType = ApiDocs.JSON, type = ApiDocs.JSON_OBJECT)),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(from = ErrorBody.class)),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(from = ErrorBody.class))
      })
  private void runsOfDate(Context ctx) {
    String date = Params.date(ctx, "date");
    Scope scope = scope(ctx);
    Catalogue c = catalogue.having(k -> !k.runsOf(scope, date).isEmpty());
    List<BatchMetadata> runs = c.runsOf(scope, date);
    if (runs.isEmpty()) {
      throw new NotFoundResponse("no runs for processing date " + date + scopeSuffix(scope));
    }
    List<ObjectNode> items = new ArrayList<>();
    for (BatchMetadata m : runs) {
      ObjectNode node = mapper.valueToTree(m);
      node.put("current", c.isCurrent(m.network(), m.processingDate(), m.windowDays(), m.runId()));
      items.add(node);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("processing_date", date);
    body.put("total", items.size());
    body.put("items", items);
    ctx.json(body);
  }

  // ---------------------------------------------------------------------------------------------
  // reads over the runs of a date

  /** Reads {@code limit} rows from a position of one run. */
  @FunctionalInterface
  private interface RunReader<T> {
    List<T> read(PublishedRun run, long offset, int limit);
  }

  /** The published runs of a dated scope, by network. */
  private List<PublishedRun> runs(DatedScope dated) {
    List<PublishedRun> runs =
        new ArrayList<>(catalogue.catalogue().select(dated.scope, dated.date));
    runs.sort(Comparator.comparing(PublishedRun::network));
    return runs;
  }

  /**
   * One page over the date's runs in network order: each run's size from the catalogue tells which
   * runs the page spans, and only those are read.
   */
  private <T> Page<T> across(
      DatedScope dated,
      ToLongFunction<PublishedRun> size,
      long offset,
      int limit,
      RunReader<T> reader) {
    List<T> items = new ArrayList<>();
    long total = 0;
    long skip = offset;
    for (PublishedRun run : runs(dated)) {
      long n = size.applyAsLong(run);
      total += n;
      if (items.size() == limit) {
        continue;
      }
      if (skip >= n) {
        skip -= n;
        continue;
      }
      items.addAll(reader.read(run, skip, limit - items.size()));
      skip = 0;
    }
    return new Page<>(dated.date, total, items);
  }

  /** The top {@code n} of a published run, from the cache when asked before. */
  private List<RankedAlert> top(PublishedRun run, int n) {
    String key = runKey(run) + "/" + n;
    synchronized (topCache) {
      List<RankedAlert> hit = topCache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    List<RankedAlert> loaded = List.copyOf(repository.topRankings(run, n));
    synchronized (topCache) {
      topCache.put(key, loaded);
    }
    return loaded;
  }

  // ---------------------------------------------------------------------------------------------
  // errors

  private void httpError(HttpResponseException e, Context ctx) {
    ctx.status(e.getStatus()).json(new ErrorBody(e.getMessage(), e.getStatus()));
  }

  private void internalError(Exception e, Context ctx) {
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    String message =
        e instanceof RepositoryException
            ? "storage did not answer the query"
            : "internal server error";
    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .json(new ErrorBody(message, HttpStatus.INTERNAL_SERVER_ERROR.getCode()));
  }

  // ---------------------------------------------------------------------------------------------
  // scope and date resolution

  private record DatedScope(Scope scope, String date) {}

  /** {@code ?network=} checked for syntax (400) and existence (404, from the catalogue). */
  private Optional<String> knownNetwork(Context ctx) {
    Optional<String> network = Params.network(ctx);
    if (network.isPresent() && !catalogue.contains(network.get())) {
      throw new NotFoundResponse("unknown network '" + network.get() + "'");
    }
    return network;
  }

  private Scope scope(Context ctx) {
    Optional<Integer> window = Params.windowDays(ctx);
    Optional<String> network = knownNetwork(ctx);
    return new Scope(network, window.map(OptionalInt::of).orElseGet(OptionalInt::empty));
  }

  private DatedScope latest(Context ctx) {
    Scope scope = scope(ctx);
    return new DatedScope(scope, latest(ctx, scope));
  }

  private String latest(Context ctx, Scope scope) {
    return catalogue.catalogue().latestDate(scope).orElseThrow(() -> noDate(scope));
  }

  /**
   * The {@code {date}} path parameter, which must have a published run in the scope (a date not in
   * the catalogue in hand is looked up again, at most once a second).
   */
  private DatedScope knownDate(Context ctx) {
    String date = Params.date(ctx, "date");
    Scope scope = scope(ctx);
    Catalogue c = catalogue.having(k -> !k.select(scope, date).isEmpty());
    if (c.select(scope, date).isEmpty()) {
      throw new NotFoundResponse("unknown processing date " + date + scopeSuffix(scope));
    }
    return new DatedScope(scope, date);
  }

  private static NotFoundResponse noDate(Scope scope) {
    return new NotFoundResponse("no processing date stored" + scopeSuffix(scope));
  }

  private static String scopeSuffix(Scope scope) {
    String suffix = networkSuffix(scope.network());
    if (scope.windowDays().isPresent()) {
      suffix += " with window_days " + scope.windowDays().getAsInt();
    }
    return suffix;
  }

  private static String networkSuffix(Optional<String> network) {
    return network.map(n -> " for network '" + n + "'").orElse("");
  }

  // ---------------------------------------------------------------------------------------------
  // response bodies

  private static <T> Map<String, Object> listBody(
      Scope scope, Page<T> page, int limit, int offset, Function<T, ?> view) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("processing_date", page.processingDate());
    body.put("total", page.total());
    body.put("limit", limit);
    body.put("offset", offset);
    body.put("items", page.items().stream().map(view).toList());
    return body;
  }

  /** An alert score with {@code explanation} as JSON instead of the stored string. */
  private ObjectNode alertView(AlertScore score) {
    ObjectNode node = mapper.valueToTree(score);
    node.remove("explanation_json");
    node.set("explanation", explanation(score.explanationJson(), score.alertId()));
    return node;
  }

  /** A cluster score with {@code alert_ids} (its members in the batch) as a JSON array. */
  private ObjectNode clusterView(ClusterScore score) {
    ObjectNode node = mapper.valueToTree(score);
    node.remove("alert_ids_json");
    JsonNode ids;
    try {
      ids = mapper.readTree(score.alertIdsJson().isEmpty() ? "[]" : score.alertIdsJson());
    } catch (JsonProcessingException e) {
      LOG.warn(
          "cluster {} has unreadable alert ids: {}", score.clusterId(), e.getOriginalMessage());
      ids = mapper.createArrayNode();
    }
    node.set("alert_ids", ids);
    return node;
  }

  /** A live score, explanation parsed like {@link #alertView}'s. */
  private ObjectNode liveView(LiveAlertScore score) {
    ObjectNode node = mapper.valueToTree(score);
    node.remove("explanation_json");
    node.set("explanation", explanation(score.explanationJson(), score.alertId()));
    return node;
  }

  private JsonNode rankedView(RankedAlert ranked) {
    ObjectNode node = mapper.valueToTree(ranked);
    node.remove("explanation_json");
    node.set(
        "explanation",
        ranked.scored()
            ? explanation(ranked.explanationJson(), ranked.alertId())
            : mapper.nullNode());
    return node;
  }

  /**
   * The stored explanation parsed; an empty one is an empty array, and one that is not JSON is
   * passed through as a string (and logged) rather than failing the whole response.
   */
  private JsonNode explanation(String json, String alertId) {
    if (json == null || json.isBlank()) {
      return mapper.createArrayNode();
    }
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      LOG.warn("alert {} has an explanation that is not JSON: {}", alertId, e.getOriginalMessage());
      return mapper.getNodeFactory().textNode(json);
    }
  }
}
