package io.alertscoring.api.store;

import static io.alertscoring.api.store.TestData.BTC;
import static io.alertscoring.api.store.TestData.D0;
import static io.alertscoring.api.store.TestData.D1;
import static io.alertscoring.api.store.TestData.D2;
import static io.alertscoring.api.store.TestData.D3;
import static io.alertscoring.api.store.TestData.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.api.ApiInfo;
import io.alertscoring.api.QueryApi;
import io.alertscoring.api.QueryApiMain;
import io.alertscoring.api.RunningApi;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.PublishedRun;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ClickHouseScoreRepository} against a real {@code clickhouse-server} (started by {@code
 * local-infra}; the test fails, never skips, when it cannot start), tables from the catalogue
 * {@link Tables}, merges stopped so duplicates and old runs stay as stored.
 *
 * <ul>
 *   <li>Every row of {@link TestData} is stored, the published runs' rows twice (the at-least-once
 *       sinks' duplicates), beside the superseded, failed and processing runs; every route of the
 *       API over ClickHouse must answer exactly what it answers over {@link
 *       InMemoryScoreRepository}.
 *   <li>A run of 2,000 alerts is paged through its positions in key order.
 *   <li>Runs of one date published one after the other, the second with fewer alerts, then a FAILED
 *       third: the API serves exactly the published run's rows, and a date whose only run is
 *       PROCESSING is not served.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseScoreRepositoryITCase {

  private static final List<String> DATA_TABLES =
      List.of(
          Tables.ALERT_SCORES.name(),
          Tables.ALERT_RANKINGS.name(),
          Tables.CLUSTER_SCORES.name(),
          Tables.ALERT_LIVE_SCORES.name(),
          Tables.ALERT_SCORE_INDEX.name(),
          Tables.WEBHOOK_DELIVERIES.name());

  private ClickHouseServer server;
  private Connection own;
  private ClickHouseScoreRepository repository;
  private final InMemoryScoreRepository expected = TestData.inMemory();

  @BeforeAll
  void startServerAndLoad() throws SQLException {
    server = ClickHouseServer.start();
    for (String statement : ClickHouseDdl.outputTables()) {
      server.execute(statement);
    }
    for (String table : DATA_TABLES) {
      server.execute("SYSTEM STOP MERGES " + table);
    }
    try (Connection connection = server.connect()) {
      for (int copy = 0; copy < 2; copy++) { // duplicates, in separate inserts (parts)
        insert(connection, Tables.ALERT_SCORES, TestData.alertScores());
        insert(connection, Tables.ALERT_RANKINGS, TestData.rankings());
        insert(connection, Tables.CLUSTER_SCORES, TestData.clusterScores());
      }
      insert(connection, Tables.ALERT_SCORES, TestData.unpublishedAlertScores());
      insert(connection, Tables.ALERT_RANKINGS, TestData.unpublishedRankings());
      insert(connection, Tables.CLUSTER_SCORES, TestData.unpublishedClusterScores());
      insert(connection, Tables.BATCH_METADATA, TestData.metadata());
      insert(connection, Tables.PUBLISHED_RUNS, TestData.published());
      for (long version : new long[] {TestData.STALE, TestData.CURRENT}) {
        insert(connection, Tables.ALERT_LIVE_SCORES, TestData.liveScores(version));
      }
      for (int copy = 0; copy < 2; copy++) { // a ledger row written twice is one delivery
        insert(connection, Tables.WEBHOOK_DELIVERIES, TestData.webhookDeliveries());
      }
    }
    repository = ClickHouseScoreRepository.forUrl(server.jdbcUrl());
    server.execute("CREATE DATABASE " + OWN);
    own = server.connect(OWN);
    for (String statement : ClickHouseDdl.outputTables()) {
      exec(statement);
    }
  }

  /** One statement in the database {@value #OWN}. */
  private void exec(String sql) {
    try (java.sql.Statement statement = own.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @AfterAll
  void stopServer() throws SQLException {
    if (own != null) {
      own.close();
    }
    if (repository != null) {
      repository.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static <T> void insert(Connection connection, Table<T> table, List<T> rows)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(table.insertStatement())) {
      for (T row : rows) {
        table.bind(insert, row);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  // --- the same answers as the in-memory repository --------------------------------------------

  private static final List<String> PATHS =
      List.of(
          "/networks",
          "/networks?network=" + BTC,
          "/dates/available",
          "/dates/available?network=" + BTC,
          "/dates/available?window_days=30",
          "/dates/latest",
          "/dates/latest?network=" + BTC,
          "/scores/alerts/latest",
          "/scores/alerts/" + D1,
          "/scores/alerts/" + D1 + "?limit=2&offset=1",
          "/scores/alerts/" + D1 + "?network=" + ETH + "&window_days=30",
          "/scores/alerts/" + D2 + "?limit=2&offset=3",
          "/scores/alerts/" + D2 + "?offset=50",
          "/scores/alerts/" + D0,
          "/scores/rankings/latest",
          "/scores/rankings/" + D1,
          "/scores/rankings/" + D2 + "?limit=2&offset=4",
          "/scores/rankings/top/3",
          "/scores/rankings/top/100?network=" + ETH,
          "/scores/rankings/top/1?network=" + BTC,
          "/scores/clusters/latest",
          "/scores/clusters/" + D1,
          "/scores/clusters/" + D2 + "?limit=1&offset=1",
          "/metadata/latest",
          "/metadata/latest?network=" + ETH,
          "/metadata/history",
          "/metadata/history?limit=2&network=" + ETH,
          "/metadata/" + D1,
          "/metadata/" + D2 + "/runs",
          "/metadata/" + D0 + "/runs",
          "/metadata/" + D0,
          "/alerts/eth-a1",
          "/alerts/eth-a1?network=" + ETH,
          "/alerts/eth-b1",
          "/alerts/eth-b3?network=" + ETH,
          "/alerts/eth-gone?network=" + ETH,
          "/alerts/eth-failed",
          "/alerts/btc-z1",
          "/alerts/eth-n1",
          "/alerts/btc-z2?network=" + BTC,
          "/scores/live/latest",
          "/scores/live/latest?network=" + ETH + "&limit=2&offset=1",
          "/scores/live/summary",
          "/scores/live/summary?network=" + BTC + "&limit=1",
          "/webhooks/endpoints",
          "/webhooks/deliveries",
          "/webhooks/deliveries?endpoint=siem&status=failed",
          "/webhooks/deliveries?endpoint=pager&limit=1");

  @Test
  void every_route_answers_as_over_the_in_memory_repository() {
    List<String> clickhouse = answers(QueryApi.create(repository, ApiInfo.of("t")));
    List<String> memory = answers(QueryApi.create(expected, ApiInfo.of("t")));
    for (int i = 0; i < PATHS.size(); i++) {
      assertThat(clickhouse.get(i)).as(PATHS.get(i)).isEqualTo(memory.get(i));
    }
  }

  @Test
  void the_cluster_of_every_alert_is_the_one_whose_members_include_it() {
    int found = 0;
    for (AlertScore score : TestData.alertScores()) {
      Optional<ClusterScore> cluster = repository.clusterOf(score);
      assertThat(cluster).as(score.alertId()).isEqualTo(expected.clusterOf(score));
      if (cluster.isPresent()) {
        found++;
        assertThat(cluster.get().alertIdsJson()).contains("\"" + score.alertId() + "\"");
        assertThat(cluster.get().runId()).isEqualTo(score.runId());
      }
    }
    assertThat(found).isPositive();
  }

  private static List<String> answers(Javalin app) {
    List<String> bodies = new ArrayList<>();
    JavalinTest.test(
        app,
        (server, client) -> {
          for (String path : PATHS) {
            try (Response response = client.get(path)) {
              bodies.add(response.code() + " " + response.body().string());
            }
          }
        });
    return bodies;
  }

  @Test
  void duplicates_of_a_run_are_stored_twice_and_read_once() {
    assertThat(
            server
                .query(
                    "SELECT count() FROM alert_scores WHERE network = 'ethereum' AND run_id = '"
                        + TestData.RUN_D2
                        + "'")
                .strip())
        .isEqualTo("10");
    PublishedRun d2 = repository.catalogue().current(ETH, D2, 7).orElseThrow();
    assertThat(d2.runId()).isEqualTo(TestData.RUN_D2);
    assertThat(repository.alertScores(d2, 0, 100))
        .extracting(AlertScore::alertId)
        .containsExactly("eth-a1", "eth-a2", "eth-a3", "eth-a4", "eth-a5");
    assertThat(repository.rankings(d2, 0, 100)).hasSize(6);
    assertThat(repository.topRankings(d2, 10))
        .extracting(RankedAlert::alertId)
        .containsExactly("eth-a1", "eth-a3", "eth-a5", "eth-a4", "eth-a2", "eth-a6");
    assertThat(repository.clusterScores(d2, 0, 100)).hasSize(2);
  }

  @Test
  void the_catalogue_holds_the_pointers_and_every_run() {
    Catalogue catalogue = repository.catalogue();
    assertThat(catalogue).isEqualTo(expected.catalogue());
    assertThat(catalogue.published()).isEqualTo(expected.catalogue().published());
    assertThat(catalogue.networks()).containsExactly(BTC, ETH);
    assertThat(catalogue.published()).hasSize(4);
    assertThat(catalogue.runs()).hasSize(7);
    assertThat(catalogue.newestRun(BTC, D0, 7).orElseThrow().status())
        .isEqualTo(BatchStatus.PROCESSING);
    assertThat(catalogue.newestRun(ETH, D3, 7)).isEmpty();
    assertThat(repository.isAvailable()).isTrue();
  }

  // --- pages of a large run --------------------------------------------------------------------

  @Test
  void pages_walk_a_run_in_key_order_through_its_positions() {
    String net = "walk";
    String date = "2024-05-01";
    int alerts = 2_000;
    for (int copy = 0; copy < 2; copy++) {
      exec(
          "INSERT INTO alert_scores (network, processing_date, window_days, run_id, alert_id,"
              + " score, version) SELECT '"
              + net
              + "', toDate('"
              + date
              + "'), 7, 'run-w', concat('w-', toString(number)), number / 2000., 1 FROM numbers("
              + alerts
              + ")");
    }
    PublishedRun run = TestData.pointer(net, date, 7, "run-w", alerts, 0, 0, 1);
    List<String> sorted = new ArrayList<>();
    for (int i = 0; i < alerts; i++) {
      sorted.add("w-" + i);
    }
    sorted.sort(null);
    List<String> walked = new ArrayList<>();
    ClickHouseScoreRepository repository = ClickHouseScoreRepository.forUrl(server.jdbcUrl(OWN));
    for (long offset = 0; offset < alerts; offset += 37) {
      repository.alertScores(run, offset, 37).forEach(s -> walked.add(s.alertId()));
    }
    assertThat(walked).isEqualTo(sorted);
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      int offset = random.nextInt(alerts + 10);
      int limit = 1 + random.nextInt(300);
      assertThat(repository.alertScores(run, offset, limit))
          .extracting(AlertScore::alertId)
          .as("offset %d limit %d", offset, limit)
          .isEqualTo(sorted.subList(Math.min(offset, alerts), Math.min(offset + limit, alerts)));
    }
    assertThat(repository.alertScores(run, alerts, 10)).isEmpty();
    assertThat(repository.indexedRuns()).isEqualTo(1);
    repository.close();
  }

  // --- runs replacing each other ---------------------------------------------------------------

  /** The runs scenario and the walk have a database of their own: the shared rows stay as is. */
  private static final String OWN = "own";

  private static final String NET = "runs";
  private static final String DAY = "2024-06-01";
  private static final String OPEN_DAY = "2024-06-02";

  private void storeRun(String runId, int from, int count, double score, long version) {
    for (String table : new String[] {"alert_scores"}) {
      exec(
          "INSERT INTO "
              + table
              + " (network, processing_date, window_days, run_id, alert_id, score, priority,"
              + " explanation_json, version) SELECT '"
              + NET
              + "', toDate('"
              + DAY
              + "'), 7, '"
              + runId
              + "', concat('r-', toString(number + "
              + from
              + ")), "
              + score
              + ", 'low', '[]', "
              + version
              + " FROM numbers("
              + count
              + ")");
    }
    exec(
        "INSERT INTO alert_rankings (network, processing_date, window_days, run_id, rank,"
            + " alert_id, ranker_score, version) SELECT '"
            + NET
            + "', toDate('"
            + DAY
            + "'), 7, '"
            + runId
            + "', number + 1, concat('r-', toString(number + "
            + from
            + ")), 1, "
            + version
            + " FROM numbers("
            + count
            + ")");
  }

  private void metadata(String day, String runId, BatchStatus status, long version) {
    exec(
        "INSERT INTO batch_metadata (network, processing_date, window_days, run_id, status,"
            + " started_at, processed_at, version) VALUES ('"
            + NET
            + "', '"
            + day
            + "', 7, '"
            + runId
            + "', '"
            + status
            + "', "
            + version
            + ", "
            + version
            + ", "
            + version
            + ")");
  }

  private void publish(String runId, int count, long version) {
    exec(
        "INSERT INTO published_runs (network, processing_date, window_days, run_id,"
            + " alert_scores, rankings, version) VALUES ('"
            + NET
            + "', '"
            + DAY
            + "', 7, '"
            + runId
            + "', "
            + count
            + ", "
            + count
            + ", "
            + version
            + ")");
  }

  private static JsonNode get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
    return OutputJson.mapper().readTree(r.body());
  }

  private static int status(HttpClient http, String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Every alert id of the date's pages, walked 70 at a time. */
  private static List<String> walk(HttpClient http, String base) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int offset = 0; ; offset += 70) {
      JsonNode page =
          get(
              http,
              base + "/scores/alerts/" + DAY + "?network=" + NET + "&limit=70&offset=" + offset);
      if (page.get("items").isEmpty()) {
        return ids;
      }
      page.get("items")
          .forEach(
              item -> {
                assertThat(item.get("run_id").asText()).isNotBlank();
                ids.add(item.get("run_id").asText() + "/" + item.get("alert_id").asText());
              });
    }
  }

  @Test
  void the_api_serves_exactly_the_published_run() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    // run A: 300 alerts r-0..r-299, published
    metadata(DAY, "run-a", BatchStatus.PROCESSING, 10);
    storeRun("run-a", 0, 300, 0.1, 11);
    metadata(DAY, "run-a", BatchStatus.COMPLETED, 12);
    publish("run-a", 300, 12);
    // a date whose only run is PROCESSING, its rows already stored
    metadata(OPEN_DAY, "run-open", BatchStatus.PROCESSING, 13);
    exec(
        "INSERT INTO alert_scores (network, processing_date, window_days, run_id, alert_id,"
            + " score, version) VALUES ('"
            + NET
            + "', '"
            + OPEN_DAY
            + "', 7, 'run-open',"
            + " 'open-1', 0.5, 13)");

    try (RunningApi api = QueryApiMain.start(server.jdbcUrl(OWN), 0)) {
      String base = api.baseUrl();
      List<String> a = walk(http, base);
      assertThat(a).hasSize(300).allMatch(id -> id.startsWith("run-a/"));
      assertThat(get(http, base + "/dates/available?network=" + NET).get("dates").toString())
          .isEqualTo("[\"" + DAY + "\"]");
      assertThat(status(http, base + "/scores/alerts/" + OPEN_DAY + "?network=" + NET))
          .isEqualTo(404);
      assertThat(status(http, base + "/metadata/" + OPEN_DAY + "?network=" + NET)).isEqualTo(404);
      assertThat(status(http, base + "/alerts/open-1?network=" + NET)).isEqualTo(404);

      // run B: 200 alerts r-100..r-299 (fewer, r-0..r-99 gone), rows stored, not yet published
      metadata(DAY, "run-b", BatchStatus.PROCESSING, 20);
      storeRun("run-b", 100, 200, 0.2, 21);
      metadata(DAY, "run-b", BatchStatus.COMPLETED, 22);
      assertThat(walk(http, base)).isEqualTo(a); // still run A, whole
    }
    publish("run-b", 200, 22);
    // run C: FAILED after writing some rows (newer than B): never served, never hides B
    metadata(DAY, "run-c", BatchStatus.PROCESSING, 30);
    storeRun("run-c", 0, 50, 0.3, 31);
    metadata(DAY, "run-c", BatchStatus.FAILED, 32);

    try (RunningApi api = QueryApiMain.start(server.jdbcUrl(OWN), 0)) {
      String base = api.baseUrl();
      List<String> b = walk(http, base);
      assertThat(b).hasSize(200).allMatch(id -> id.startsWith("run-b/"));
      assertThat(b.get(0)).isEqualTo("run-b/r-100");
      JsonNode page = get(http, base + "/scores/alerts/" + DAY + "?network=" + NET + "&limit=1");
      assertThat(page.get("total").asLong()).isEqualTo(200);
      JsonNode ranks =
          get(http, base + "/scores/rankings/" + DAY + "?network=" + NET + "&limit=10000");
      assertThat(ranks.get("total").asLong()).isEqualTo(200);
      assertThat(ranks.get("items")).hasSize(200);
      JsonNode top = get(http, base + "/scores/rankings/top/5?network=" + NET);
      assertThat(top.get("items").get(0).get("alert_id").asText()).isEqualTo("r-100");
      assertThat(top.get("items").get(0).get("score").asDouble()).isEqualTo(0.2);
      // an alert only run A had is gone; one of both runs has run B's score
      assertThat(status(http, base + "/alerts/r-5?network=" + NET)).isEqualTo(404);
      JsonNode kept = get(http, base + "/alerts/r-150?network=" + NET);
      assertThat(kept.get("run_id").asText()).isEqualTo("run-b");
      assertThat(kept.get("score").asDouble()).isEqualTo(0.2);
      JsonNode metadata = get(http, base + "/metadata/" + DAY + "?network=" + NET);
      assertThat(metadata.get("items").get(0).get("run_id").asText()).isEqualTo("run-b");
      JsonNode runs = get(http, base + "/metadata/" + DAY + "/runs?network=" + NET);
      List<String> listed = new ArrayList<>();
      runs.get("items")
          .forEach(
              r ->
                  listed.add(
                      r.get("run_id").asText()
                          + " "
                          + r.get("status").asText()
                          + " "
                          + r.get("current").asBoolean()));
      assertThat(listed)
          .containsExactly("run-c FAILED false", "run-b COMPLETED true", "run-a COMPLETED false");
    }
  }
}
