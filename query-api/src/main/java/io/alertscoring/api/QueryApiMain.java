package io.alertscoring.api;

import io.alertscoring.api.scoring.LoadedModels;
import io.alertscoring.api.scoring.ModelRoutes;
import io.alertscoring.api.scoring.OnDemandScoringRoutes;
import io.alertscoring.api.scoring.ScoringLimits;
import io.alertscoring.api.store.ClickHouseScoreRepository;
import io.alertscoring.api.store.ScoreRepository;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the query API over ClickHouse; {@code --help} lists the options. A bad option prints one
 * line and exits with status 2. Secrets can come from the environment ({@code CLICKHOUSE_PASSWORD},
 * {@code QUERY_API_KEY}) rather than the command line, where {@code ps} would show them.
 *
 * <pre>
 * java -cp ... io.alertscoring.api.QueryApiMain --port 8000 --clickhouse-url URL
 *     [--clickhouse-user U --clickhouse-password P] [--api-key K] [--max-request-bytes N]
 *     [--rate-limit-per-second R --rate-limit-burst B] [--models-dir DIR]
 * </pre>
 *
 * The launcher calls {@link #start} in-process instead.
 */
public final class QueryApiMain {

  private static final Logger LOG = LoggerFactory.getLogger(QueryApiMain.class);

  public static final int DEFAULT_PORT = 8000;
  public static final String URL_ENV = "CLICKHOUSE_URL";
  public static final String USER_ENV = "CLICKHOUSE_USER";
  public static final String PASSWORD_ENV = "CLICKHOUSE_PASSWORD";
  public static final String API_KEY_ENV = "QUERY_API_KEY";
  public static final String MODELS_DIR_ENV = "MODELS_DIR";

  private QueryApiMain() {}

  /** The command line; an option left out falls back to its environment variable. */
  @Command(
      name = "query-api",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = "The alert-scoring query API over ClickHouse.")
  static final class Options {
    @Option(
        names = "--port",
        paramLabel = "N",
        defaultValue = "" + DEFAULT_PORT,
        description = "HTTP port, 0..65535 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--clickhouse-url",
        paramLabel = "JDBC_URL",
        defaultValue = "${env:" + URL_ENV + "}",
        description = "e.g. jdbc:clickhouse://host:8123/default (default: $" + URL_ENV + ").")
    String clickhouseUrl;

    @Option(
        names = "--clickhouse-user",
        paramLabel = "USER",
        defaultValue = "${env:" + USER_ENV + "}",
        description = "ClickHouse user, read-only is enough (default: $" + USER_ENV + ").")
    String clickhouseUser;

    @Option(
        names = "--clickhouse-password",
        paramLabel = "PASSWORD",
        defaultValue = "${env:" + PASSWORD_ENV + "}",
        description = "Its password (default: $" + PASSWORD_ENV + ").")
    String clickhousePassword;

    @Option(
        names = "--api-key",
        paramLabel = "KEY",
        defaultValue = "${env:" + API_KEY_ENV + "}",
        description =
            "Require this key in X-Api-Key on every route but /health and the docs"
                + " (default: $"
                + API_KEY_ENV
                + "; none: no key).")
    String apiKey;

    @Option(
        names = "--max-request-bytes",
        paramLabel = "N",
        defaultValue = "" + AccessPolicy.DEFAULT_MAX_REQUEST_BYTES,
        description = "Largest request body; larger is a 413 (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(
        names = "--rate-limit-per-second",
        paramLabel = "R",
        defaultValue = "0",
        description = "Requests per second per client address; 0: no limit (default).")
    double ratePerSecond;

    @Option(
        names = "--rate-limit-burst",
        paramLabel = "B",
        description = "Requests a client may send at once (default: twice the rate, at least 1).")
    Integer rateBurst;

    @Option(
        names = "--models-dir",
        paramLabel = "DIR",
        defaultValue = "${env:" + MODELS_DIR_ENV + "}",
        description = "Trained models, for on-demand scoring (default: $" + MODELS_DIR_ENV + ").")
    Path modelsDir;

    /**
     * The settings these options say.
     *
     * @throws IllegalArgumentException with one line naming the bad option
     */
    ApiSettings settings() {
      if (clickhouseUrl == null || clickhouseUrl.isBlank()) {
        throw new IllegalArgumentException(
            "no ClickHouse URL: pass --clickhouse-url or set " + URL_ENV);
      }
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port must be in 0..65535: " + port);
      }
      if (maxRequestBytes < 1) {
        throw new IllegalArgumentException("--max-request-bytes must be >= 1: " + maxRequestBytes);
      }
      if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
        throw new IllegalArgumentException(
            "--rate-limit-per-second must be >= 0: " + ratePerSecond);
      }
      int burst = rateBurst != null ? rateBurst : (int) Math.max(1, Math.ceil(2 * ratePerSecond));
      if (rateBurst != null && rateBurst < 1) {
        throw new IllegalArgumentException("--rate-limit-burst must be >= 1: " + rateBurst);
      }
      if (apiKey != null && apiKey.isBlank()) {
        throw new IllegalArgumentException("--api-key must not be blank");
      }
      AccessPolicy access =
          new AccessPolicy(
              blankToNull(apiKey), maxRequestBytes, ratePerSecond, ratePerSecond > 0 ? burst : 0);
      return new ApiSettings(
          port,
          clickhouseUrl.strip(),
          blankToNull(clickhouseUser),
          clickhousePassword,
          access,
          modelsDir);
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }

  /**
   * Parses {@code args}; null when help or the version was asked for.
   *
   * @throws IllegalArgumentException with one line that names the bad option
   */
  static ApiSettings parse(String... args) {
    Options options = new Options();
    CommandLine line = new CommandLine(options);
    try {
      line.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
      return null;
    }
    return options.settings();
  }

  /** Runs the command line up to a started server; returns the exit status (0, or 2). */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    ApiSettings settings;
    try {
      settings = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("query-api: " + e.getMessage() + " (--help lists the options)");
      err.flush();
      return 2;
    }
    if (settings == null) {
      new CommandLine(new Options()).usage(out);
      out.flush();
      return 0;
    }
    RunningApi api = start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(api::close, "query-api-shutdown"));
    LOG.info("query API listening on {} ({})", api.baseUrl(), settings);
    return 0;
  }

  public static void main(String[] args) {
    int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Starts the API as {@code settings} say, with every route group ({@link #allGroups}: on-demand
   * scoring and models over {@code settings.modelsDir()}, the analyst page); reachable when this
   * returns.
   *
   * @throws IllegalArgumentException when the models directory or a model in it cannot be used;
   *     nothing is started then
   */
  public static RunningApi start(ApiSettings settings) {
    return start(settings, ScoringLimits.DEFAULTS);
  }

  /** The same, with the given limits of a {@code POST /score/alerts}. */
  public static RunningApi start(ApiSettings settings, ScoringLimits limits) {
    Objects.requireNonNull(settings, "settings");
    // the models first: a bad directory fails before a connection is opened
    LoadedModels models =
        settings.modelsDir() == null
            ? LoadedModels.none()
            : LoadedModels.load(settings.modelsDir());
    ClickHouseScoreRepository repository =
        ClickHouseScoreRepository.forUrl(
            settings.clickhouseUrl(), settings.clickhouseUser(), settings.clickhousePassword());
    try {
      Javalin app =
          QueryApi.create(
                  repository,
                  ApiInfo.fromBuild(),
                  allGroups(repository, models, limits),
                  settings.access())
              .start(settings.port());
      return new RunningApi(app, repository);
    } catch (RuntimeException e) {
      repository.close();
      throw e;
    }
  }

  /**
   * Starts the API over the ClickHouse server at {@code clickhouseUrl} on {@code port} (0: any free
   * port), without models: {@code POST /score/alerts} answers 503, {@code /models} an empty list.
   * The server is reachable when this returns.
   */
  public static RunningApi start(String clickhouseUrl, int port) {
    return start(ApiSettings.of(port, clickhouseUrl));
  }

  /**
   * Starts the API as {@link #start(String, int)} does, scoring on demand with the models of {@code
   * modelsDirectory} (null: none) and the default {@link ScoringLimits}.
   *
   * @throws IllegalArgumentException when the directory or a model in it cannot be used; nothing is
   *     started then
   */
  public static RunningApi start(String clickhouseUrl, int port, Path modelsDirectory) {
    return start(clickhouseUrl, port, modelsDirectory, ScoringLimits.DEFAULTS);
  }

  /** The same, with the given limits of a {@code POST /score/alerts}. */
  public static RunningApi start(
      String clickhouseUrl, int port, Path modelsDirectory, ScoringLimits limits) {
    ApiSettings open = ApiSettings.of(port, clickhouseUrl);
    return start(
        new ApiSettings(
            open.port(), open.clickhouseUrl(), null, null, open.access(), modelsDirectory),
        limits);
  }

  /**
   * The route groups of on-demand scoring and model information over {@code models}, for {@link
   * QueryApi#create(ScoreRepository, ApiInfo, List)} (the launcher's in-process API uses them too).
   */
  public static List<RouteGroup> scoringGroups(LoadedModels models, ScoringLimits limits) {
    return List.of(new OnDemandScoringRoutes(models, limits), new ModelRoutes(models));
  }

  /**
   * Every route group of the service over {@code repository}: on-demand scoring, models and the
   * analyst page at {@code /}.
   */
  public static List<RouteGroup> allGroups(
      ScoreRepository repository, LoadedModels models, ScoringLimits limits) {
    List<RouteGroup> groups = new java.util.ArrayList<>(scoringGroups(models, limits));
    groups.add(new io.alertscoring.api.page.AnalystPage(repository));
    return List.copyOf(groups);
  }

  /** Same as {@link #start(String, int)}, arguments in the launcher's order. */
  public static RunningApi start(int port, String clickhouseUrl) {
    return start(clickhouseUrl, port);
  }

  /**
   * Starts the API over any repository on {@code port} (0: any free port). The caller keeps owning
   * the repository: closing the returned API does not close it.
   */
  public static RunningApi start(ScoreRepository repository, ApiInfo info, int port) {
    Objects.requireNonNull(repository, "repository");
    return start(repository, info, port, List.of());
  }

  /** The same, with {@code groups} served beside the stored reads. */
  public static RunningApi start(
      ScoreRepository repository, ApiInfo info, int port, List<RouteGroup> groups) {
    Objects.requireNonNull(repository, "repository");
    Javalin app = QueryApi.create(repository, info, groups).start(checkedPort(port));
    return new RunningApi(app);
  }

  private static int checkedPort(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    return port;
  }
}
