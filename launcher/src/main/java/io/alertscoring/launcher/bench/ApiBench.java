package io.alertscoring.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alertscoring.api.QueryApiMain;
import io.alertscoring.api.RunningApi;
import io.alertscoring.infra.ClickHouseInstaller;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.infra.FreePorts;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench api}: the query API over a long history. Fills ClickHouse (a server started here, or
 * {@code --clickhouse-url}) with {@link ApiBenchData}: {@code dates} x {@code alertsPerDate} alerts
 * of one network in the run model (superseded, failed and processing runs included), starts the
 * query API in-process over a pooled repository, checks that it serves exactly the published runs,
 * then drives it with an open-loop load ({@link ApiLoad}) at a fixed rate for three request kinds,
 * and sends the same rows' queries straight to ClickHouse's HTTP port at the same rate:
 *
 * <ul>
 *   <li>{@code top}: {@code GET /scores/rankings/top/100?network=} (the latest date);
 *   <li>{@code alert}: {@code GET /alerts/{id}?network=}, a random alert of a random date;
 *   <li>{@code page}: {@code GET /scores/alerts/{date}?network=&limit=100&offset=}, a random page
 *       of a random date.
 * </ul>
 *
 * Both the API's connections and the direct queries run with {@code max_threads} = {@code
 * --clickhouse-max-threads} (default 1): at hundreds of small queries a second, one thread per
 * query is what two cores can serve best (measured: the direct alert lookup sustained 192 instead
 * of 167 req/s of 200 asked, the API 118 instead of 99).
 *
 * <p>The tables live in their own database ({@value #DATABASE}), dropped and filled again unless
 * {@code --reuse-data} finds them filled with the same shape. After the fill the bench waits until
 * ClickHouse has merged the parts (as a server running for a while would have them), then stops
 * merges of the big tables and writes the last date's duplicates: they stay as the at-least-once
 * sinks would leave them, and no merge of gigabytes takes the two cores from what is measured.
 */
public final class ApiBench {
  static final String DATABASE = "bench_api";
  static final List<String> KINDS = List.of("top", "alert", "page");

  /**
   * Direct queries sent at once, as many as the API's pool has connections ({@code
   * ClickHouseConnectionPool.DEFAULT_SIZE}); the others wait for one. More would not be served
   * sooner, and 64 concurrent full-run scans (the direct page) ran ClickHouse out of memory.
   */
  static final int DIRECT_CONNECTIONS = 8;

  /** What to run. */
  public record Settings(
      String network,
      LocalDate startDate,
      int dates,
      long alertsPerDate,
      double rate,
      Duration duration,
      Duration warmup,
      List<String> kinds,
      boolean direct,
      boolean reuseData,
      int maxInFlight,
      int maxThreads,
      long seed,
      String clickhouseUrl,
      Path json) {}

  /** The bench found the API answering wrongly, or could not run. */
  static final class BenchFailure extends Exception {
    BenchFailure(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings s;
  private final PrintStream out;
  private final ApiBenchData data;
  private HttpClient admin;
  private String httpBase;

  public ApiBench(Settings settings, PrintStream out) {
    this.s = settings;
    this.out = out;
    this.data = new ApiBenchData(s.network(), s.startDate(), s.dates(), s.alertsPerDate());
  }

  private void say(String line) {
    out.println("[bench api] " + line);
  }

  /** Runs the bench; the figures, also written to {@code --json} when given. */
  public Map<String, Object> run() throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("network", s.network());
    report.put("dates", s.dates());
    report.put("alerts_per_date", s.alertsPerDate());
    report.put("rate_per_s", s.rate());
    report.put("duration_s", s.duration().toSeconds());
    report.put("warmup_s", s.warmup().toSeconds());
    report.put("cpus", Runtime.getRuntime().availableProcessors());
    ClickHouseServer server = null;
    try {
      String baseUrl;
      if (s.clickhouseUrl() != null) {
        baseUrl = s.clickhouseUrl();
        say("using ClickHouse at " + withoutQuery(baseUrl));
      } else {
        ClickHouseInstaller.ensureInstalled();
        server = ClickHouseServer.start();
        baseUrl = server.jdbcUrl();
        say("ClickHouse started: http port " + server.httpPort() + ", data in " + server.baseDir());
      }
      httpBase = httpBase(baseUrl);
      admin = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      report.put("clickhouse_version", sql("SELECT version()", null).strip());
      sql("CREATE DATABASE IF NOT EXISTS " + DATABASE, null);
      fill(report);
      stopMerges();
      try {
        String jdbc = withSetting(jdbcUrlWithDatabase(baseUrl, DATABASE), s.maxThreads());
        try (RunningApi api = QueryApiMain.start(jdbc, FreePorts.findOne())) {
          say("query API on " + api.baseUrl() + " over " + withoutQuery(jdbc));
          check(api.baseUrl());
          measure(api.baseUrl(), report);
        }
      } finally {
        for (String table : ApiBenchData.bigTables()) {
          sql("SYSTEM START MERGES " + table, DATABASE);
        }
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
    if (s.json() != null) {
      JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(s.json().toFile(), report);
      say("figures written to " + s.json());
    }
    return report;
  }

  // ---------------------------------------------------------------------------------------------
  // fill

  private void fill(Map<String, Object> report) throws Exception {
    long expectedScores = data.alertScoreRows();
    long duplicates = Math.max(1, s.alertsPerDate() / 10); // collapsed if the tables merged
    if (s.reuseData()) {
      long scores = count("alert_scores");
      long pointers = count("published_runs FINAL");
      if (pointers == s.dates()
          && scores <= expectedScores
          && scores >= expectedScores - duplicates) {
        say("reusing the filled tables of " + DATABASE + " (" + data.describe() + ")");
        report.put("fill_s", null);
        return;
      }
      say(
          "tables of "
              + DATABASE
              + " hold "
              + scores
              + " scores and "
              + pointers
              + " published runs, not "
              + expectedScores
              + " and "
              + s.dates()
              + ": filling again");
    }
    for (String drop : ApiBenchData.dropStatements()) {
      sql(drop, DATABASE);
    }
    for (String ddl : ApiBenchData.ddl()) {
      sql(ddl, DATABASE);
    }
    say(
        "filling "
            + data.describe()
            + " ("
            + String.format(Locale.ROOT, "%,d", expectedScores)
            + " alert_scores rows with the other runs)");
    long started = System.nanoTime();
    long lastReport = started;
    List<ApiBenchData.Step> steps = data.steps();
    for (int i = 0; i < steps.size(); i++) {
      sql(steps.get(i).sql(), DATABASE);
      long now = System.nanoTime();
      if (now - lastReport > 15_000_000_000L || i == steps.size() - 1) {
        say(
            String.format(
                Locale.ROOT,
                "  %d/%d inserts, %.0f s (%s)",
                i + 1,
                steps.size(),
                (now - started) / 1e9,
                steps.get(i).what()));
        lastReport = now;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long mergeStarted = System.nanoTime();
    awaitMerges();
    double merged = (System.nanoTime() - mergeStarted) / 1e9;
    say(String.format(Locale.ROOT, "merges settled in %.0f s", merged));
    stopMerges(); // the duplicates stay as the at-least-once sinks would leave them
    for (ApiBenchData.Step step : data.duplicates()) {
      sql(step.sql(), DATABASE);
    }
    report.put("merge_wait_s", Math.round(merged * 10) / 10.0);
    long stored = count("alert_scores");
    long indexed = count("alert_score_index");
    if (stored != expectedScores
        || indexed < expectedScores - duplicates
        || indexed > expectedScores) {
      throw new BenchFailure(
          "the fill stored "
              + stored
              + " alert_scores rows and "
              + indexed
              + " index rows, expected "
              + expectedScores
              + " of each (less up to "
              + duplicates
              + " duplicates in the index)");
    }
    String bytes =
        sql(
                "SELECT sum(bytes_on_disk) FROM system.parts WHERE active AND database = '"
                    + DATABASE
                    + "'",
                null)
            .strip();
    say(
        String.format(
            Locale.ROOT,
            "filled in %.0f s: %,d alert_scores rows, %.2f GB on disk",
            seconds,
            stored,
            Long.parseLong(bytes) / 1e9));
    report.put("fill_s", Math.round(seconds * 10) / 10.0);
    report.put("alert_scores_rows", stored);
    report.put("bytes_on_disk", Long.parseLong(bytes));
  }

  /**
   * Waits until ClickHouse has merged the fill's parts as it would have in a server running for a
   * while: no merge running for 10 s in a row (at most 15 minutes).
   */
  private void awaitMerges() throws Exception {
    long deadline = System.nanoTime() + 900_000_000_000L;
    long quietSince = System.nanoTime();
    long lastReport = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long running =
          Long.parseLong(
              sql("SELECT count() FROM system.merges WHERE database = '" + DATABASE + "'", null)
                  .strip());
      long now = System.nanoTime();
      if (running > 0) {
        quietSince = now;
      } else if (now - quietSince > 10_000_000_000L) {
        return;
      }
      if (now - lastReport > 30_000_000_000L) {
        String parts =
            sql(
                    "SELECT count() FROM system.parts WHERE active AND database = '"
                        + DATABASE
                        + "'",
                    null)
                .strip();
        say("  merging: " + running + " merges running, " + parts + " parts");
        lastReport = now;
      }
      Thread.sleep(500);
    }
    say("merges still running after 15 minutes: measuring anyway");
  }

  private void stopMerges() throws Exception {
    for (String table : ApiBenchData.bigTables()) {
      sql("SYSTEM STOP MERGES " + table, DATABASE);
    }
  }

  private long count(String table) throws Exception {
    try {
      return Long.parseLong(sql("SELECT count() FROM " + table, DATABASE).strip());
    } catch (BenchFailure e) {
      return -1; // no such table yet
    }
  }

  // ---------------------------------------------------------------------------------------------
  // checks: the API serves the published runs, nothing else

  private void check(String api) throws Exception {
    int last = s.dates() - 1;
    JsonNode latest = get(api + "/dates/latest?network=" + s.network());
    expect(
        latest.path("processing_date").asText().equals(data.date(last).toString()),
        "/dates/latest should be "
            + data.date(last)
            + " (the next date's only run is PROCESSING): "
            + latest);
    JsonNode open =
        getAny(
            api
                + "/scores/alerts/"
                + data.processingDate()
                + "?network="
                + s.network()
                + "&limit=1");
    expect(
        open.path("status").asInt() == 404,
        "a date whose only run is PROCESSING must answer 404: " + open);
    for (int i = 0; i < s.dates(); i++) {
      if (!data.superseded(i)) {
        continue;
      }
      LocalDate d = data.date(i);
      JsonNode page = get(api + "/scores/alerts/" + d + "?network=" + s.network() + "&limit=1");
      expect(
          page.path("total").asLong() == s.alertsPerDate(),
          d + " (a superseded run) should count " + s.alertsPerDate() + " alerts: " + page);
      String oldOnly = data.alertId(d, s.alertsPerDate() + 1);
      JsonNode gone = getAny(api + "/alerts/" + oldOnly + "?network=" + s.network());
      expect(
          gone.path("status").asInt() == 404,
          oldOnly + " exists only in the superseded run and must answer 404: " + gone);
      break;
    }
    if (data.failedDate() >= 0) {
      LocalDate d = data.date(data.failedDate());
      JsonNode alert = get(api + "/alerts/" + data.alertId(d, 1) + "?network=" + s.network());
      expect(
          alert.path("run_id").asText().equals(data.currentRun(data.failedDate())),
          "an alert of " + d + " must come from its published run, not the FAILED one: " + alert);
    }
    JsonNode top = get(api + "/scores/rankings/top/100?network=" + s.network());
    List<Integer> ranks = new ArrayList<>();
    top.path("items").forEach(item -> ranks.add(item.path("rank").asInt()));
    int expectedTop = (int) Math.min(100, s.alertsPerDate());
    expect(
        ranks.size() == expectedTop
            && ranks.get(0) == 1
            && ranks.get(ranks.size() - 1) == expectedTop,
        "top/100 should hold ranks 1.."
            + expectedTop
            + " once each (the last date"
            + " has duplicate rows): "
            + ranks);
    say(
        "checks passed: latest date, PROCESSING date hidden, superseded and FAILED runs hidden,"
            + " duplicates collapsed");
  }

  private static void expect(boolean condition, String message) throws BenchFailure {
    if (!condition) {
      throw new BenchFailure("the API answered wrongly: " + message);
    }
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        admin.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new BenchFailure("GET " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private JsonNode getAny(String url) throws Exception {
    HttpResponse<String> r =
        admin.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  // ---------------------------------------------------------------------------------------------
  // measurement

  private void measure(String api, Map<String, Object> report) throws Exception {
    warm(api);
    // the API has a pool of 8 connections to ClickHouse; the direct queries get as many
    ApiLoad viaHttp = new ApiLoad(s.maxInFlight(), s.maxInFlight(), Duration.ofSeconds(10));
    ApiLoad straight = new ApiLoad(s.maxInFlight(), DIRECT_CONNECTIONS, Duration.ofSeconds(10));
    Map<String, Object> results = new LinkedHashMap<>();
    List<String[]> rows = new ArrayList<>();
    for (String kind : s.kinds()) {
      Map<String, Object> figures = new LinkedHashMap<>();
      say(
          String.format(
              Locale.ROOT,
              "%s: API at %.0f req/s for %d s (+%d s warm-up)",
              kind,
              s.rate(),
              s.duration().toSeconds(),
              s.warmup().toSeconds()));
      quiesce();
      ApiLoad.Result viaApi =
          viaHttp.run(
              s.rate(), s.warmup(), s.duration(), requests(kind, api, false), apiCheck(kind));
      figures.put("api", viaApi.toMap());
      rows.add(row(kind, "api", viaApi));
      ApiLoad.Result direct = null;
      if (s.direct()) {
        say(kind + ": the same queries straight to ClickHouse's HTTP port");
        quiesce();
        direct =
            straight.run(
                s.rate(),
                s.warmup(),
                s.duration(),
                requests(kind, api, true),
                body -> !body.isBlank());
        figures.put("direct", direct.toMap());
        rows.add(row(kind, "direct", direct));
        double ratio =
            Double.isFinite(viaApi.p99Ms()) && Double.isFinite(direct.p99Ms())
                ? viaApi.p99Ms() / direct.p99Ms()
                : Double.NaN;
        figures.put(
            "p99_ratio_api_to_direct",
            Double.isFinite(ratio) ? Math.round(ratio * 100) / 100.0 : null);
      }
      figures.put("example_api", requests(kind, api, false).get().toString());
      figures.put("example_direct_sql", directSql(kind, new Random(s.seed())));
      results.put(kind, figures);
    }
    report.put("results", results);
    print(rows, results);
  }

  /**
   * As a server that has been up a while: one page of every date (its run's positions indexed) and
   * the top/100 (cached), read once each before measuring.
   */
  private void warm(String api) throws Exception {
    long started = System.nanoTime();
    for (int i = 0; i < s.dates(); i++) {
      get(api + "/scores/alerts/" + data.date(i) + "?network=" + s.network() + "&limit=1");
    }
    get(api + "/scores/rankings/top/100?network=" + s.network());
    say(
        String.format(
            Locale.ROOT,
            "warmed up: one page of each date and the top/100 read once (%.1f s)",
            (System.nanoTime() - started) / 1e9));
  }

  /** Waits (up to a minute) until ClickHouse runs no query but this one. */
  private void quiesce() throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline
        && Long.parseLong(sql("SELECT count() FROM system.processes", null).strip()) > 1) {
      Thread.sleep(100);
    }
  }

  private String[] row(String kind, String target, ApiLoad.Result r) {
    return new String[] {
      kind,
      target,
      String.valueOf(r.due()),
      String.valueOf(r.ok()),
      String.valueOf(r.errors()),
      String.valueOf(r.dropped()),
      String.format(Locale.ROOT, "%.1f", r.achievedPerSecond()),
      ApiLoad.ms(r.p50Ms()),
      ApiLoad.ms(r.p90Ms()),
      ApiLoad.ms(r.p99Ms()),
      ApiLoad.ms(r.maxMs()),
      ApiLoad.ms(r.answeredP50Ms()),
      ApiLoad.ms(r.answeredP99Ms()),
      r.firstError() == null ? "" : r.firstError()
    };
  }

  private void print(List<String[]> rows, Map<String, Object> results) {
    out.println();
    out.println(
        "(dropped and failed requests count as infinitely slow, '-'; ans = answered requests only)");
    out.println(
        String.format(
            Locale.ROOT,
            "API benchmark: %s, %.0f req/s open loop, %d s measured per kind, %d CPUs",
            data.describe(),
            s.rate(),
            s.duration().toSeconds(),
            Runtime.getRuntime().availableProcessors()));
    String format = "%-6s %-7s %8s %8s %7s %8s %9s %8s %8s %8s %9s %8s %8s  %s%n";
    out.printf(
        Locale.ROOT,
        format,
        "kind",
        "target",
        "requests",
        "ok",
        "errors",
        "dropped",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "ans p50",
        "ans p99",
        "first error");
    for (String[] r : rows) {
      out.printf(Locale.ROOT, format, (Object[]) r);
    }
    for (Map.Entry<String, Object> e : results.entrySet()) {
      @SuppressWarnings("unchecked")
      Object ratio = ((Map<String, Object>) e.getValue()).get("p99_ratio_api_to_direct");
      if (ratio != null) {
        out.printf(Locale.ROOT, "%-6s p99 API / direct = %s%n", e.getKey(), ratio);
      }
    }
  }

  private static Predicate<String> apiCheck(String kind) {
    return switch (kind) {
      case "alert" -> body -> body.contains("\"stage\"");
      default -> body -> body.contains("\"items\":[{");
    };
  }

  /** The request sequence of a kind: the same draws for the API and for the direct queries. */
  private Supplier<URI> requests(String kind, String api, boolean direct) {
    Random random = new Random(s.seed());
    return () -> {
      if (direct) {
        String sql = directSql(kind, random);
        return URI.create(
            httpBase
                + "?database="
                + DATABASE
                + "&max_execution_time=10"
                + System.getProperty("bench.direct.settings", "")
                + "&query="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8));
      }
      String n = "network=" + URLEncoder.encode(s.network(), StandardCharsets.UTF_8);
      return switch (kind) {
        case "top" -> URI.create(api + "/scores/rankings/top/100?" + n);
        case "alert" -> {
          Draw d = draw(random);
          yield URI.create(api + "/alerts/" + data.alertId(d.date, d.number) + "?" + n);
        }
        default -> {
          Draw d = draw(random);
          yield URI.create(
              api + "/scores/alerts/" + d.date + "?" + n + "&limit=100&offset=" + d.offset);
        }
      };
    };
  }

  private record Draw(LocalDate date, long number, long offset) {}

  private Draw draw(Random random) {
    LocalDate date = data.date(random.nextInt(s.dates()));
    long number = (long) (random.nextDouble() * s.alertsPerDate());
    long offset = (long) (random.nextDouble() * Math.max(1, s.alertsPerDate() - 100));
    return new Draw(date, number, offset);
  }

  private static final String SCORE_COLUMNS =
      "network, processing_date, window_days, run_id, alert_id,"
          + " address, typology_type, score, priority, model_version, model_sha256,"
          + " explanation_json, latency_ms, processed_at, version";

  /**
   * The query a ClickHouse user would write for the same rows, the current run resolved from {@code
   * published_runs} in the same statement.
   */
  String directSql(String kind, Random random) {
    String net = "'" + s.network() + "'";
    String published =
        "SELECT processing_date, window_days, run_id FROM published_runs FINAL"
            + " WHERE network = "
            + net;
    return switch (kind) {
      case "top" -> {
        String latest = published + " ORDER BY processing_date DESC, window_days ASC LIMIT 1";
        String top =
            "network = " + net + " AND (processing_date, window_days, run_id) IN (" + latest + ")";
        yield "SELECT rank, alert_id, ranker_score, score, priority, address, typology_type,"
            + " explanation_json FROM (SELECT rank, alert_id, ranker_score FROM alert_rankings"
            + " WHERE "
            + top
            + " AND rank <= 100 ORDER BY rank, version DESC LIMIT 1 BY rank)"
            + " ANY LEFT JOIN (SELECT alert_id, score, priority, address, typology_type,"
            + " explanation_json FROM alert_scores PREWHERE alert_id IN (SELECT"
            + " alert_id FROM alert_rankings WHERE "
            + top
            + " AND rank <= 100) WHERE "
            + top
            + ") USING alert_id"
            + " ORDER BY rank FORMAT JSONEachRow";
      }
      case "alert" -> {
        Draw d = draw(random);
        String id = "'" + data.alertId(d.date, d.number) + "'";
        yield "SELECT "
            + SCORE_COLUMNS
            + " FROM alert_scores PREWHERE alert_id = "
            + id
            + " WHERE network = "
            + net
            + " AND (processing_date, window_days, run_id, alert_id) IN (SELECT processing_date,"
            + " window_days, run_id, alert_id FROM alert_score_index WHERE network = "
            + net
            + " AND alert_id = "
            + id
            + " AND (processing_date, window_days, run_id) IN ("
            + published
            + ")) ORDER BY processing_date DESC, window_days ASC, version DESC"
            + " LIMIT 1 FORMAT JSONEachRow";
      }
      default -> {
        Draw d = draw(random);
        String date = "toDate('" + d.date + "')";
        yield "SELECT "
            + SCORE_COLUMNS
            + " FROM alert_scores WHERE network = "
            + net
            + " AND processing_date = "
            + date
            + " AND window_days = "
            + ApiBenchData.WINDOW_DAYS
            + " AND run_id = (SELECT run_id FROM published_runs FINAL WHERE network = "
            + net
            + " AND processing_date = "
            + date
            + " AND window_days = "
            + ApiBenchData.WINDOW_DAYS
            + ") ORDER BY alert_id, version DESC LIMIT 1 BY alert_id"
            + " LIMIT "
            + d.offset
            + ", 100 FORMAT JSONEachRow";
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // ClickHouse over HTTP

  private static final Pattern JDBC =
      Pattern.compile("jdbc:clickhouse://([^/?]+)(/([^?]*))?(\\?(.*))?");

  static String httpBase(String jdbcUrl) {
    Matcher m = JDBC.matcher(jdbcUrl.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a ClickHouse JDBC URL (jdbc:clickhouse://host:port/db): " + withoutQuery(jdbcUrl));
    }
    return "http://" + m.group(1) + "/";
  }

  static String jdbcUrlWithDatabase(String jdbcUrl, String database) {
    Matcher m = JDBC.matcher(jdbcUrl.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a ClickHouse JDBC URL: " + withoutQuery(jdbcUrl));
    }
    String query = m.group(5);
    return "jdbc:clickhouse://" + m.group(1) + "/" + database + (query == null ? "" : "?" + query);
  }

  /** The URL with {@code max_threads=N} (the setting both the API and the direct queries get). */
  static String withSetting(String jdbcUrl, int maxThreads) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "max_threads=" + maxThreads;
  }

  static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private String sql(String statement, String database)
      throws IOException, InterruptedException, BenchFailure {
    String url = httpBase + (database == null ? "" : "?database=" + database);
    HttpResponse<String> r =
        admin.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(statement))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      String shortSql = statement.length() > 120 ? statement.substring(0, 120) + "..." : statement;
      throw new BenchFailure("ClickHouse refused " + shortSql + ": " + r.body().strip());
    }
    return r.body();
  }
}
