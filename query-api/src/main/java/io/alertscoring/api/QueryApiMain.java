package io.alertscoring.api;

import io.alertscoring.api.scoring.LoadedModels;
import io.alertscoring.api.scoring.ModelRoutes;
import io.alertscoring.api.scoring.OnDemandScoringRoutes;
import io.alertscoring.api.scoring.ScoringLimits;
import io.alertscoring.api.store.ClickHouseScoreRepository;
import io.alertscoring.api.store.ScoreRepository;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the query API over ClickHouse.
 *
 * <pre>
 * java -cp ... io.alertscoring.api.QueryApiMain [--port 8000] [--clickhouse-url URL]
 * </pre>
 *
 * <p>The URL defaults to the environment variable {@code CLICKHOUSE_URL}, e.g. {@code
 * jdbc:clickhouse://127.0.0.1:8123/default}. The launcher calls {@link #start} in-process instead.
 */
public final class QueryApiMain {

  private static final Logger LOG = LoggerFactory.getLogger(QueryApiMain.class);

  public static final int DEFAULT_PORT = 8000;
  public static final String URL_ENV = "CLICKHOUSE_URL";

  private QueryApiMain() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args, System.getenv(URL_ENV));
    } catch (IllegalArgumentException e) {
      usage(System.err);
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help) {
      usage(System.out);
      return;
    }
    RunningApi api = start(options.clickhouseUrl, options.port);
    Runtime.getRuntime().addShutdownHook(new Thread(api::close, "query-api-shutdown"));
    LOG.info("query API listening on {}", api.baseUrl());
  }

  /**
   * Starts the API over the ClickHouse server at {@code clickhouseUrl} on {@code port} (0: any free
   * port), without models: {@code POST /score/alerts} answers 503, {@code /models} an empty list.
   * The server is reachable when this returns.
   */
  public static RunningApi start(String clickhouseUrl, int port) {
    return start(clickhouseUrl, port, null, ScoringLimits.DEFAULTS);
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
    checkedPort(port);
    // the models first: a bad directory fails before a connection is opened
    LoadedModels models =
        modelsDirectory == null ? LoadedModels.none() : LoadedModels.load(modelsDirectory);
    ClickHouseScoreRepository repository = ClickHouseScoreRepository.forUrl(clickhouseUrl);
    try {
      Javalin app =
          QueryApi.create(repository, ApiInfo.fromBuild(), allGroups(repository, models, limits))
              .start(port);
      return new RunningApi(app, repository);
    } catch (RuntimeException e) {
      repository.close();
      throw e;
    }
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

  private static void usage(PrintStream out) {
    out.println(
        "usage: QueryApiMain [--port N] [--clickhouse-url jdbc:clickhouse://host:8123/db]\n"
            + "  --port            HTTP port (default "
            + DEFAULT_PORT
            + ")\n"
            + "  --clickhouse-url  ClickHouse JDBC URL (default: $"
            + URL_ENV
            + ")");
  }

  /** Command-line options: {@code --name value} or {@code --name=value}. */
  static final class Options {
    int port = DEFAULT_PORT;
    String clickhouseUrl;
    boolean help;

    static Options parse(String[] args, String urlFromEnv) {
      Options options = new Options();
      options.clickhouseUrl = urlFromEnv == null || urlFromEnv.isBlank() ? null : urlFromEnv;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String name = arg;
        String value = null;
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
          name = arg.substring(0, equals);
          value = arg.substring(equals + 1);
        }
        switch (name) {
          case "--help", "-h" -> options.help = true;
          case "--port" -> {
            if (value == null) {
              value = next(args, ++i, name);
            }
            options.port = port(value);
          }
          case "--clickhouse-url" -> {
            if (value == null) {
              value = next(args, ++i, name);
            }
            options.clickhouseUrl = value;
          }
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      if (!options.help && (options.clickhouseUrl == null || options.clickhouseUrl.isBlank())) {
        throw new IllegalArgumentException(
            "no ClickHouse URL: pass --clickhouse-url or set " + URL_ENV);
      }
      return options;
    }

    private static String next(String[] args, int index, String name) {
      if (index >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      return args[index];
    }

    private static int port(String value) {
      try {
        int port = Integer.parseInt(value.strip());
        if (port >= 0 && port <= 65_535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("--port must be an integer in 0..65535: " + value);
    }
  }
}
