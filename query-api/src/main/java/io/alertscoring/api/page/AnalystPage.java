package io.alertscoring.api.page;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.alertscoring.api.ApiDocs;
import io.alertscoring.api.CatalogueCache;
import io.alertscoring.api.CurrentStage;
import io.alertscoring.api.RouteGroup;
import io.alertscoring.api.store.Catalogue;
import io.alertscoring.api.store.RankedAlert;
import io.alertscoring.api.store.RepositoryException;
import io.alertscoring.api.store.Scope;
import io.alertscoring.api.store.ScoreRepository;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyst page: at {@code /} the top-ranked alerts of one network and processing date, each
 * with its score, priority, typology, volume and top-5 explanation as sentences with bars; filters
 * by priority and typology; one alert's final and live scores; the batch metadata of the date.
 * Server-rendered HTML; the page's one script is htmx, served by this application from its webjar
 * ({@value #WEBJARS}), and the controls swap the fragments below.
 *
 * <ul>
 *   <li>{@code GET /?network=&date=&priority=&typology=&limit=}: the whole page. Without a network,
 *       ethereum when it has a published run, else the first network (by name) that has one;
 *       without a date, the network's latest published date.
 *   <li>{@code GET /page/view?network=&date=&priority=&typology=&limit=}: the page's body
 *       (controls, alerts, metadata), swapped when the network or date changes.
 *   <li>{@code GET /page/alerts?network=&date=&priority=&typology=&limit=}: the alerts table.
 *   <li>{@code GET /page/alerts/{alert_id}?network=}: one alert, as {@code GET /alerts/{alert_id}}
 *       answers it: its final score and its live score, and which is current.
 *   <li>{@code GET /page/metadata?network=&date=}: the batch metadata of the date's published run.
 * </ul>
 *
 * <p>Filters apply to the date's {@link #DEFAULT_WINDOW} best-ranked alerts (read once per run with
 * {@link ScoreRepository#topRankings} and kept: a published run never changes), and the table says
 * so: "the top 10 high-priority alerts" means the 10 best-ranked high-priority alerts of that
 * window, not of the whole batch. Reading the whole batch's scores for every filter would cost a
 * scan of a million rows per request; an analyst works from the top of the ranking anyway.
 *
 * <p>Errors are HTML fragments (whole pages for {@code /}), not the JSON of the stored reads, so
 * the browser shows them where the swapped content would be: 400 for a malformed parameter, 404 for
 * an unknown network, date or alert. The page's htmx configuration swaps 4xx answers.
 *
 * <p>Reads go through the repository and a {@link CatalogueCache} of its own over the same
 * catalogue (the stored reads keep theirs; both are refreshed within seconds of a publication).
 */
public final class AnalystPage implements RouteGroup {

  private static final Logger LOG = LoggerFactory.getLogger(AnalystPage.class);

  /** Where Javalin serves webjars from the classpath. */
  static final String WEBJARS = "/webjars/";

  /** The routes of the page, in registration order. */
  public static final List<String> ROUTES =
      List.of("/", "/page/view", "/page/alerts", "/page/alerts/{alert_id}", "/page/metadata");

  /** How many of a date's best-ranked alerts the filters search. */
  public static final int DEFAULT_WINDOW = 1000;

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;
  static final String PREFERRED_NETWORK = "ethereum";
  static final List<String> PRIORITIES = List.of("high", "medium", "low");

  private static final int MAX_TYPOLOGY_LENGTH = 128;
  private static final int MAX_ALERT_ID_LENGTH = 256;
  private static final int WINDOW_CACHE_RUNS = 32;
  private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final ScoreRepository repository;
  private final CatalogueCache catalogue;
  private final int window;
  private final String htmxPath;
  private final Map<String, List<RankedAlert>> windows =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<RankedAlert>> eldest) {
          return size() > WINDOW_CACHE_RUNS;
        }
      };

  /** The page over {@code repository}, filters searching the top {@value #DEFAULT_WINDOW}. */
  public AnalystPage(ScoreRepository repository) {
    this(repository, DEFAULT_WINDOW);
  }

  /** The page over {@code repository}, filters searching the top {@code window} of a date. */
  public AnalystPage(ScoreRepository repository, int window) {
    this.repository = Objects.requireNonNull(repository, "repository");
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1, got " + window);
    }
    this.window = window;
    this.catalogue = CatalogueCache.over(repository::catalogue, System::nanoTime);
    this.htmxPath = WEBJARS + "htmx.org/" + htmxVersion() + "/dist/htmx.min.js";
  }

  /** The htmx version of the webjar on the classpath (the root pom pins it). */
  static String htmxVersion() {
    String properties = "/META-INF/maven/org.webjars.npm/htmx.org/pom.properties";
    try (InputStream in = AnalystPage.class.getResourceAsStream(properties)) {
      if (in == null) {
        throw new IllegalStateException("the htmx.org webjar is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return Objects.requireNonNull(p.getProperty("version"), "version of " + properties);
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + properties, e);
    }
  }

  /** The path of htmx on this server. */
  public String htmxPath() {
    return htmxPath;
  }

  @Override
  public void configure(JavalinConfig config) {
    config.staticFiles.enableWebjars();
  }

  @Override
  public void addRoutes() {
    get("/", this::page);
    get("/page/view", this::viewFragment);
    get("/page/alerts", this::alertsFragment);
    // <alert_id> also matches slashes: alert ids are the analyzers' strings, not ours
    get("/page/alerts/<alert_id>", this::alertFragment);
    get("/page/metadata", this::metadataFragment);
  }

  @Override
  public void stop() {
    catalogue.close();
  }

  // ---------------------------------------------------------------------------------------------
  // handlers

  /** The whole page for the selection of the query (defaults: see the class comment). */
  @OpenApi(
      path = "/",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_PAGE,
      summary =
          "The analyst page: top-ranked alerts with explanations, filters, one alert, batch metadata",
      queryParams = {
        @OpenApiParam(
            name = "network",
            description =
                "The network (default: ethereum when it has a published run, else the first)."),
        @OpenApiParam(
            name = "date",
            description =
                "A processing date YYYY-MM-DD with a published run (default: the network's latest)."),
        @OpenApiParam(name = "priority", description = "low, medium or high (default: any)."),
        @OpenApiParam(name = "typology", description = "A typology type (default: any)."),
        @OpenApiParam(
            name = "limit",
            type = Integer.class,
            description = "Alerts shown, 1..100 (default 10).")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "The whole HTML page.",
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string"))
      })
  void page(Context ctx) {
    respond(ctx, true, () -> PageHtml.page(htmxPath, view(ctx)));
  }

  /** The page's body, for a new network or date. */
  @OpenApi(
      path = "/page/view",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_PAGE,
      summary = "htmx fragment: the page body for a network and date",
      queryParams = {
        @OpenApiParam(
            name = "network",
            description =
                "The network (default: ethereum when it has a published run, else the first)."),
        @OpenApiParam(
            name = "date",
            description =
                "A processing date YYYY-MM-DD with a published run (default: the network's latest)."),
        @OpenApiParam(name = "priority", description = "low, medium or high (default: any)."),
        @OpenApiParam(name = "typology", description = "A typology type (default: any)."),
        @OpenApiParam(
            name = "limit",
            type = Integer.class,
            description = "Alerts shown, 1..100 (default 10).")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "An HTML fragment.",
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string"))
      })
  void viewFragment(Context ctx) {
    respond(ctx, false, () -> PageHtml.view(view(ctx)));
  }

  /** The alerts table of the selection and filters. */
  @OpenApi(
      path = "/page/alerts",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_PAGE,
      summary = "htmx fragment: the alerts table, filtered",
      queryParams = {
        @OpenApiParam(
            name = "network",
            description =
                "The network (default: ethereum when it has a published run, else the first)."),
        @OpenApiParam(
            name = "date",
            description =
                "A processing date YYYY-MM-DD with a published run (default: the network's latest)."),
        @OpenApiParam(name = "priority", description = "low, medium or high (default: any)."),
        @OpenApiParam(name = "typology", description = "A typology type (default: any)."),
        @OpenApiParam(
            name = "limit",
            type = Integer.class,
            description = "Alerts shown, 1..100 (default 10).")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "An HTML fragment.",
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string"))
      })
  void alertsFragment(Context ctx) {
    respond(
        ctx,
        false,
        () -> {
          Selection selection = selection(ctx, true);
          return PageHtml.alerts(alerts(selection, filter(ctx)));
        });
  }

  /** One alert's scores, as {@code GET /alerts/{alert_id}} answers them. */
  @OpenApi(
      path = "/page/alerts/{alert_id}",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_PAGE,
      summary = "htmx fragment: one alert with its final and live scores",
      pathParams = {
        @OpenApiParam(
            name = "alert_id",
            required = true,
            description = "The alert id (may contain /).")
      },
      queryParams = {
        @OpenApiParam(
            name = "network",
            description =
                "The network (default: ethereum when it has a published run, else the first).")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "An HTML fragment.",
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string"))
      })
  void alertFragment(Context ctx) {
    respond(ctx, false, () -> PageHtml.detail(detail(ctx)));
  }

  /** The batch metadata of the selected date. */
  @OpenApi(
      path = "/page/metadata",
      methods = HttpMethod.GET,
      tags = ApiDocs.TAG_PAGE,
      summary = "htmx fragment: the batch metadata of a date",
      queryParams = {
        @OpenApiParam(
            name = "network",
            description =
                "The network (default: ethereum when it has a published run, else the first)."),
        @OpenApiParam(
            name = "date",
            description =
                "A processing date YYYY-MM-DD with a published run (default: the network's latest).")
      },
      responses = {
        @OpenApiResponse(
            status = "200",
            description = "An HTML fragment.",
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "400",
            description = ApiDocs.BAD_REQUEST,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string")),
        @OpenApiResponse(
            status = "404",
            description = ApiDocs.NOT_FOUND,
            content = @OpenApiContent(mimeType = ApiDocs.HTML, type = "string"))
      })
  void metadataFragment(Context ctx) {
    respond(ctx, false, () -> PageHtml.metadata(selection(ctx, true)));
  }

  /**
   * Answers the rendered HTML, or the error as HTML with its status: an error fragment, or for the
   * whole page an error page.
   */
  private void respond(Context ctx, boolean wholePage, Supplier<String> render) {
    String body;
    int status;
    try {
      body = render.get();
      status = HttpStatus.OK.getCode();
    } catch (HttpResponseException e) {
      status = e.getStatus();
      body =
          wholePage
              ? PageHtml.errorPage(htmxPath, status, e.getMessage())
              : PageHtml.error(status, e.getMessage());
    } catch (RepositoryException e) {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      status = HttpStatus.INTERNAL_SERVER_ERROR.getCode();
      String message = "storage did not answer the query";
      body =
          wholePage
              ? PageHtml.errorPage(htmxPath, status, message)
              : PageHtml.error(status, message);
    }
    ctx.status(status).html(body);
  }

  // ---------------------------------------------------------------------------------------------
  // what the page shows

  /**
   * What the page shows of one network and date.
   *
   * @param networks the networks with a published run, {@link #PREFERRED_NETWORK} first
   * @param dates the network's published dates, most recent first
   * @param run the date's published run (its smallest window), null when nothing is published
   * @param metadata the run's batch metadata
   */
  record Selection(
      List<String> networks,
      String network,
      List<String> dates,
      String date,
      PublishedRun run,
      Optional<BatchMetadata> metadata) {

    boolean empty() {
      return run == null;
    }
  }

  /** The filters of the alerts table; typology as stored, compared exactly. */
  record Filter(Optional<String> priority, Optional<String> typology, int limit) {}

  /**
   * The alerts of a selection.
   *
   * @param searched the window the filters searched (the date's best-ranked alerts)
   * @param typologies the typologies of the window, for the filter's choices
   * @param matching the window's alerts that pass the filters, by rank
   */
  record Alerts(
      Selection selection,
      Filter filter,
      List<RankedAlert> searched,
      List<String> typologies,
      List<RankedAlert> matching) {

    List<RankedAlert> shown() {
      return matching.subList(0, Math.min(filter.limit(), matching.size()));
    }
  }

  /** The page's body: the selection, its alerts (null when nothing is published). */
  record View(Selection selection, Alerts alerts) {}

  /**
   * One alert's stages.
   *
   * @param finalIsCurrent whether the final score is the current one: it is unless the live score
   *     belongs to a more recent processing date (the rule of {@code GET /alerts/{alert_id}})
   */
  record Detail(
      String alertId,
      Optional<AlertScore> finalScore,
      Optional<LiveAlertScore> liveScore,
      boolean finalIsCurrent,
      Optional<io.alertscoring.schemas.output.ClusterScore> cluster) {}

  private View view(Context ctx) {
    Selection selection = selection(ctx, false);
    return new View(selection, selection.empty() ? null : alerts(selection, filter(ctx)));
  }

  /**
   * The network and date of the query, defaulted; {@code strict}: a fragment of a date needs a
   * published run (404 when there is none at all).
   */
  Selection selection(Context ctx, boolean strict) {
    Optional<String> asked = network(ctx);
    Optional<String> date = date(ctx);
    Catalogue c = catalogue.catalogue();
    if (asked.isPresent() && !c.knows(asked.get())) {
      c = catalogue.having(k -> k.knows(asked.get()));
      if (!c.knows(asked.get())) {
        throw new NotFoundResponse("unknown network '" + asked.get() + "'");
      }
    }
    if (date.isPresent()) {
      String d = date.get();
      Optional<String> n = asked;
      c = catalogue.having(k -> !k.select(scope(n), d).isEmpty());
    }
    List<String> networks = publishedNetworks(c);
    if (networks.isEmpty() && asked.isEmpty()) {
      if (strict) {
        throw new NotFoundResponse("no processing date published yet");
      }
      return new Selection(List.of(), null, List.of(), null, null, Optional.empty());
    }
    String network = asked.orElse(networks.get(0));
    Scope scope = Scope.network(network);
    List<String> dates = c.dates(scope);
    if (dates.isEmpty()) {
      throw new NotFoundResponse("no processing date published for network '" + network + "'");
    }
    String chosen = date.orElse(dates.get(0));
    List<PublishedRun> runs = c.select(scope, chosen);
    if (runs.isEmpty()) {
      throw new NotFoundResponse(
          "unknown processing date " + chosen + " for network '" + network + "'");
    }
    PublishedRun run = runs.get(0);
    return new Selection(networks, network, dates, chosen, run, c.metadata(run));
  }

  private static Scope scope(Optional<String> network) {
    return network.map(Scope::network).orElseGet(Scope::all);
  }

  /** Networks with a published run: ethereum first, then by name. */
  static List<String> publishedNetworks(Catalogue c) {
    Set<String> names = new TreeSet<>();
    for (PublishedRun p : c.published()) {
      names.add(p.network());
    }
    List<String> out = new ArrayList<>(names.size());
    if (names.remove(PREFERRED_NETWORK)) {
      out.add(PREFERRED_NETWORK);
    }
    out.addAll(names);
    return out;
  }

  Alerts alerts(Selection selection, Filter filter) {
    List<RankedAlert> searched = window(selection.run());
    Set<String> typologies = new TreeSet<>();
    List<RankedAlert> matching = new ArrayList<>();
    for (RankedAlert a : searched) {
      if (a.typologyType() != null) {
        typologies.add(a.typologyType());
      }
      if (filter.priority().map(p -> p.equals(a.priority())).orElse(true)
          && filter.typology().map(t -> t.equals(a.typologyType())).orElse(true)) {
        matching.add(a);
      }
    }
    return new Alerts(selection, filter, searched, List.copyOf(typologies), matching);
  }

  /** The best-ranked {@link #window} alerts of a run, read once per run. */
  private List<RankedAlert> window(PublishedRun run) {
    String key =
        run.network() + "/" + run.processingDate() + "/" + run.windowDays() + "/" + run.runId();
    synchronized (windows) {
      List<RankedAlert> hit = windows.get(key);
      if (hit != null) {
        return hit;
      }
    }
    List<RankedAlert> loaded = List.copyOf(repository.topRankings(run, window));
    synchronized (windows) {
      windows.put(key, loaded);
    }
    return loaded;
  }

  private Detail detail(Context ctx) {
    String alertId = ctx.pathParam("alert_id");
    if (alertId.isBlank() || alertId.length() > MAX_ALERT_ID_LENGTH) {
      throw new BadRequestResponse(
          "invalid alert_id: expected 1.." + MAX_ALERT_ID_LENGTH + " characters");
    }
    Optional<String> network = network(ctx);
    Catalogue c = catalogue.catalogue();
    if (network.isPresent() && !c.knows(network.get())) {
      c = catalogue.having(k -> k.knows(network.get()));
      if (!c.knows(network.get())) {
        throw new NotFoundResponse("unknown network '" + network.get() + "'");
      }
    }
    Optional<AlertScore> finalScore = repository.alertScore(alertId, network, c);
    Optional<LiveAlertScore> liveScore = repository.liveScore(alertId, network);
    if (finalScore.isEmpty() && liveScore.isEmpty()) {
      throw new NotFoundResponse(
          "unknown alert_id '"
              + alertId
              + "'"
              + network.map(n -> " for network '" + n + "'").orElse(""));
    }
    boolean finalIsCurrent = CurrentStage.finalIsCurrent(finalScore, liveScore);
    return new Detail(
        alertId, finalScore, liveScore, finalIsCurrent, finalScore.flatMap(repository::clusterOf));
  }

  // ---------------------------------------------------------------------------------------------
  // parameters (400 with a precise message)

  static Optional<String> network(Context ctx) {
    String value = ctx.queryParam("network");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (!NETWORK.matcher(value).matches()) {
      throw new BadRequestResponse(
          "invalid network: expected letters, digits, '_', '-' or '.', at most 64 characters");
    }
    return Optional.of(value);
  }

  static Optional<String> date(Context ctx) {
    String value = ctx.queryParam("date");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (DATE.matcher(value).matches()) {
      try {
        return Optional.of(LocalDate.parse(value).toString());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new BadRequestResponse("invalid date: expected a date YYYY-MM-DD");
  }

  static Filter filter(Context ctx) {
    Optional<String> priority =
        Optional.ofNullable(ctx.queryParam("priority"))
            .filter(v -> !v.isBlank())
            .map(v -> v.strip().toLowerCase(Locale.ROOT));
    if (priority.isPresent() && !PRIORITIES.contains(priority.get())) {
      throw new BadRequestResponse("invalid priority: expected high, medium or low");
    }
    Optional<String> typology =
        Optional.ofNullable(ctx.queryParam("typology")).filter(v -> !v.isBlank());
    if (typology.isPresent() && typology.get().length() > MAX_TYPOLOGY_LENGTH) {
      throw new BadRequestResponse(
          "invalid typology: at most " + MAX_TYPOLOGY_LENGTH + " characters");
    }
    String limit = ctx.queryParam("limit");
    int n = DEFAULT_LIMIT;
    if (limit != null && !limit.isBlank()) {
      try {
        n = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw new BadRequestResponse("invalid limit: limit must be an integer in 1.." + MAX_LIMIT);
      }
    }
    return new Filter(priority, typology, n);
  }
}
