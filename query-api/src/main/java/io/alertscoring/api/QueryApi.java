package io.alertscoring.api;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.api.store.LiveSummary;
import io.alertscoring.api.store.Page;
import io.alertscoring.api.store.RankedAlert;
import io.alertscoring.api.store.RepositoryException;
import io.alertscoring.api.store.Scope;
import io.alertscoring.api.store.ScoreRepository;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.LongSupplier;
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
 * score while the batch is open. A {@code ?network=} is checked against a {@link NetworkCatalogue}
 * held in memory, not against storage.
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
          "/metadata/{date}");

  private final ScoreRepository repository;
  private final ApiInfo info;
  private final NetworkCatalogue networks;
  private final ObjectMapper mapper = OutputJson.mapper();

  private QueryApi(ScoreRepository repository, ApiInfo info, LongSupplier nanoClock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.info = Objects.requireNonNull(info, "info");
    this.networks = NetworkCatalogue.over(repository::networks, nanoClock);
  }

  /** A configured, not started, application serving {@code repository}. */
  public static Javalin create(ScoreRepository repository, ApiInfo info) {
    return create(repository, info, System::nanoTime);
  }

  /** The same, with the network catalogue's ages measured on {@code nanoClock}. */
  static Javalin create(ScoreRepository repository, ApiInfo info, LongSupplier nanoClock) {
    QueryApi api = new QueryApi(repository, info, nanoClock);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.events(events -> events.serverStopped(api.networks::close));
              config.jsonMapper(new JavalinJackson(OutputJson.mapper(), false));
              config.http.defaultContentType = "application/json";
              config.router.ignoreTrailingSlashes = true;
              config.router.apiBuilder(api::routes);
            });
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
    get("/scores/alerts/latest", ctx -> alertScores(ctx, latest(ctx)));
    get("/scores/alerts/{date}", ctx -> alertScores(ctx, knownDate(ctx)));
    get("/scores/live/latest", this::latestLiveScores);
    get("/scores/live/summary", this::liveSummary);
    get("/alerts/{alert_id}", this::alert);
    get("/scores/rankings/latest", ctx -> rankings(ctx, latest(ctx)));
    get("/scores/rankings/top/{n}", this::topRankings);
    get("/scores/rankings/{date}", ctx -> rankings(ctx, knownDate(ctx)));
    get("/scores/clusters/latest", ctx -> clusterScores(ctx, latest(ctx)));
    get("/scores/clusters/{date}", ctx -> clusterScores(ctx, knownDate(ctx)));
    get("/metadata/latest", this::latestMetadata);
    get("/metadata/history", this::metadataHistory);
    get("/metadata/{date}", this::metadataOfDate);
  }

  // ---------------------------------------------------------------------------------------------
  // handlers

  private void health(Context ctx) {
    boolean up = repository.isAvailable();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "ok" : "degraded");
    body.put("repository", up ? "up" : "down");
    body.put("service", info.service());
    body.put("version", info.version());
    ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  private void version(Context ctx) {
    ctx.json(info);
  }

  private void networks(Context ctx) {
    Optional<String> network = knownNetwork(ctx);
    List<String> known = network.map(List::of).orElseGet(networks::networks);
    ctx.json(Map.of("networks", known));
  }

  private void availableDates(Context ctx) {
    Scope scope = scope(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("dates", repository.availableDates(scope));
    ctx.json(body);
  }

  private void latestDate(Context ctx) {
    Scope scope = scope(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("processing_date", latest(ctx, scope));
    ctx.json(body);
  }

  private void alertScores(Context ctx, DatedScope dated) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT, Params.MAX_LIMIT);
    int offset = Params.offset(ctx);
    Page<AlertScore> page = repository.alertScores(dated.scope, dated.date, limit, offset);
    ctx.json(listBody(dated.scope, page, limit, offset, this::alertView));
  }

  /**
   * The alert's current stage at the top level, plus {@code stage} ("final" or "live") and {@code
   * stages: {final, live}} with each stage's full view (null when it has none). The final score is
   * current unless the live score belongs to a more recent processing date than it: a final score
   * supersedes the live ones of its own batch, not those of a newer batch still open.
   */
  private void alert(Context ctx) {
    String alertId = Params.alertId(ctx);
    Optional<String> network = knownNetwork(ctx);
    Optional<AlertScore> finalScore = repository.alertScore(alertId, network);
    Optional<LiveAlertScore> liveScore = repository.liveScore(alertId, network);
    if (finalScore.isEmpty() && liveScore.isEmpty()) {
      throw new NotFoundResponse("unknown alert_id '" + alertId + "'" + networkSuffix(network));
    }
    boolean finalIsCurrent =
        finalScore.isPresent()
            && liveScore
                .map(l -> finalScore.get().processingDate().compareTo(l.processingDate()) >= 0)
                .orElse(true);
    ObjectNode finalView = finalScore.map(this::alertView).orElse(null);
    ObjectNode liveView = liveScore.map(this::liveView).orElse(null);
    ObjectNode body = (finalIsCurrent ? finalView : liveView).deepCopy();
    body.put("stage", finalIsCurrent ? "final" : "live");
    ObjectNode stages = body.putObject("stages");
    stages.set("final", finalView == null ? mapper.nullNode() : finalView);
    stages.set("live", liveView == null ? mapper.nullNode() : liveView);
    ctx.json(body);
  }

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

  private void liveSummary(Context ctx) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIVE_SUMMARY_LIMIT, Params.MAX_LIMIT);
    Optional<String> network = knownNetwork(ctx);
    List<LiveSummary> rows = repository.liveSummary(network, limit);
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
            repository.rankings(dated.scope, dated.date, limit, offset),
            limit,
            offset,
            Function.identity()));
  }

  private void topRankings(Context ctx) {
    int n = Params.topN(ctx);
    Scope scope = scope(ctx);
    Page<RankedAlert> page = repository.topRankings(scope, n).orElseThrow(() -> noDate(scope));
    ctx.json(listBody(scope, page, n, 0, this::rankedView));
  }

  private void clusterScores(Context ctx, DatedScope dated) {
    int limit = Params.limit(ctx, Params.DEFAULT_LIMIT, Params.MAX_LIMIT);
    int offset = Params.offset(ctx);
    ctx.json(
        listBody(
            dated.scope,
            repository.clusterScores(dated.scope, dated.date, limit, offset),
            limit,
            offset,
            Function.identity()));
  }

  private void latestMetadata(Context ctx) {
    Scope scope = scope(ctx);
    BatchMetadata metadata =
        repository
            .latestMetadata(scope)
            .orElseThrow(
                () -> new NotFoundResponse("no batch metadata stored" + scopeSuffix(scope)));
    ctx.json(metadata);
  }

  private void metadataHistory(Context ctx) {
    int limit = Params.limit(ctx, Params.DEFAULT_HISTORY_LIMIT, Params.MAX_LIMIT);
    Scope scope = scope(ctx);
    List<BatchMetadata> rows = repository.metadataHistory(scope, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("network", scope.network().orElse(null));
    body.put("limit", limit);
    body.put("count", rows.size());
    body.put("items", rows);
    ctx.json(body);
  }

  private void metadataOfDate(Context ctx) {
    String date = Params.date(ctx, "date");
    Scope scope = scope(ctx);
    List<BatchMetadata> rows = repository.metadata(scope, date);
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
    if (network.isPresent() && !networks.contains(network.get())) {
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
    return repository.latestDate(scope).orElseThrow(() -> noDate(scope));
  }

  /** The {@code {date}} path parameter, which must be a stored processing date of the scope. */
  private DatedScope knownDate(Context ctx) {
    String date = Params.date(ctx, "date");
    Scope scope = scope(ctx);
    if (!repository.availableDates(scope).contains(date)) {
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
