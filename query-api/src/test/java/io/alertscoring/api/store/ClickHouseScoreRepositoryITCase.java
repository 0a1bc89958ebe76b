package io.alertscoring.api.store;

import static io.alertscoring.api.store.TestData.BTC;
import static io.alertscoring.api.store.TestData.CURRENT;
import static io.alertscoring.api.store.TestData.D0;
import static io.alertscoring.api.store.TestData.D1;
import static io.alertscoring.api.store.TestData.D2;
import static io.alertscoring.api.store.TestData.D3;
import static io.alertscoring.api.store.TestData.ETH;
import static io.alertscoring.api.store.TestData.LIVE_T;
import static io.alertscoring.api.store.TestData.STALE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.api.ApiInfo;
import io.alertscoring.api.QueryApi;
import io.alertscoring.api.QueryApiMain;
import io.alertscoring.api.RunningApi;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ClickHouseScoreRepository} against a real {@code clickhouse-server} (started by {@code
 * local-infra}; the test fails, never skips, when it cannot start). Every row of {@link TestData}
 * is written twice, a stale version and the current one, in separate inserts, as a replay would;
 * the repository must see each key once with its current values, and must answer exactly like the
 * {@link InMemoryScoreRepository} the HTTP tests use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseScoreRepositoryITCase {

  private static final List<Scope> SCOPES =
      List.of(
          Scope.all(),
          Scope.network(ETH),
          Scope.network(BTC),
          Scope.network("solana"),
          Scope.all().withWindowDays(30),
          Scope.network(ETH).withWindowDays(30),
          Scope.network(ETH).withWindowDays(7),
          Scope.all().withWindowDays(14));

  private static final List<String> TABLES =
      List.of(
          ClickHouseDdl.ALERT_SCORES,
          ClickHouseDdl.ALERT_RANKINGS,
          ClickHouseDdl.CLUSTER_SCORES,
          ClickHouseDdl.BATCH_METADATA,
          ClickHouseDdl.ALERT_LIVE_SCORES);

  private static final List<Optional<String>> NETWORKS =
      List.of(Optional.empty(), Optional.of(ETH), Optional.of(BTC), Optional.of("solana"));

  private static final List<String> DATES = List.of(D0, D1, D2, "2020-01-01");

  private static final int[][] PAGES = {{100, 0}, {2, 1}, {1, 4}, {10, 50}, {10_000, 0}};

  private ClickHouseServer server;
  private ClickHouseScoreRepository repository;
  private final InMemoryScoreRepository expected = TestData.inMemory();

  @BeforeAll
  void startServerAndLoad() throws SQLException {
    server = ClickHouseServer.start();
    for (String statement : ClickHouseDdl.outputTables()) {
      server.execute(statement);
    }
    // keep both versions of every row as separate parts, so only FINAL can hide the stale one
    for (String table : TABLES) {
      server.execute("SYSTEM STOP MERGES " + table);
    }
    try (Connection connection = server.connect()) {
      for (long version : new long[] {STALE, CURRENT}) {
        insertScores(connection, TestData.alertScores(version));
        insertRankings(connection, TestData.rankings(version));
        insertClusters(connection, TestData.clusterScores(version));
        insertMetadata(connection, TestData.metadata(version));
        insertLive(connection, TestData.liveScores(version));
      }
    }
    repository = ClickHouseScoreRepository.forUrl(server.jdbcUrl());
  }

  @AfterAll
  void stopServer() {
    if (repository != null) {
      repository.close();
    }
    if (server != null) {
      server.close();
    }
  }

  // --- replay ----------------------------------------------------------------------------------

  @Test
  void the_replay_is_stored_twice_but_read_once() {
    for (String table : TABLES) {
      long raw = Long.parseLong(server.query("SELECT count() FROM " + table).strip());
      long fin = Long.parseLong(server.query("SELECT count() FROM " + table + " FINAL").strip());
      assertThat(raw).as(table + " without FINAL").isEqualTo(2 * fin);
    }
    assertThat(server.query("SELECT count() FROM alert_scores FINAL").strip())
        .isEqualTo(String.valueOf(TestData.alertScores(CURRENT).size()));

    // every key once, with the current version's values
    Page<AlertScore> all = repository.alertScores(Scope.network(ETH), D2, 100, 0);
    assertThat(all.items()).hasSize(5);
    assertThat(all.items()).allSatisfy(s -> assertThat(s.version()).isEqualTo(CURRENT));
    assertThat(all.items()).extracting(AlertScore::modelVersion).containsOnly("alert-scorer-1.2.0");
    assertThat(repository.rankings(Scope.network(ETH), D2, 100, 0).items())
        .extracting(AlertRanking::alertId)
        .containsExactly("eth-a1", "eth-a3", "eth-a5", "eth-a4", "eth-a2", "eth-a6");
    assertThat(repository.metadataHistory(Scope.all().withWindowDays(7), 100))
        .hasSize(4)
        .allSatisfy(m -> assertThat(m.version()).isEqualTo(CURRENT));
    assertThat(repository.metadata(Scope.network(ETH), D2))
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo(BatchStatus.COMPLETED));
  }

  // --- every method, compared with the in-memory semantics ------------------------------------

  @Test
  void availability_networks_and_dates() {
    assertThat(repository.isAvailable()).isTrue();
    assertThat(repository.networks()).containsExactly(BTC, ETH).isEqualTo(expected.networks());
    assertThat(repository.availableDates(Scope.all())).containsExactly(D2, D1, D0);
    assertThat(repository.latestDate(Scope.all())).contains(D2);
    assertThat(repository.latestDate(Scope.network(BTC))).contains(D1);
    assertThat(repository.latestDate(Scope.network("solana"))).isEmpty();
    for (Scope scope : SCOPES) {
      assertThat(repository.availableDates(scope))
          .as(scope.toString())
          .isEqualTo(expected.availableDates(scope));
      assertThat(repository.latestDate(scope))
          .as(scope.toString())
          .isEqualTo(expected.latestDate(scope));
    }
  }

  @Test
  void alert_scores_of_a_date() {
    Page<AlertScore> d1 = repository.alertScores(Scope.all(), D1, 100, 0);
    assertThat(d1.processingDate()).isEqualTo(D1);
    assertThat(d1.total()).isEqualTo(5);
    assertThat(d1.items())
        .extracting(AlertScore::alertId)
        .containsExactly("btc-a1", "eth-b2", "eth-b1", "btc-a2", "eth-b3");
    AlertScore first = d1.items().get(0);
    assertThat(first.explanationJson()).isEqualTo(TestData.EXPLANATION);
    assertThat(first.processingDate()).isEqualTo(D1);
    assertThat(first.latencyMs()).isEqualTo(12.5);
    for (Scope scope : SCOPES) {
      for (String date : DATES) {
        for (int[] page : PAGES) {
          assertThat(repository.alertScores(scope, date, page[0], page[1]))
              .as(scope + " " + date + " " + page[0] + "/" + page[1])
              .isEqualTo(expected.alertScores(scope, date, page[0], page[1]));
        }
      }
    }
  }

  @Test
  void one_alert_score() {
    assertThat(repository.alertScore("eth-b1", Optional.empty()))
        .hasValueSatisfying(
            s -> {
              assertThat(s.windowDays()).isEqualTo(7);
              assertThat(s.score()).isEqualTo(0.40);
            });
    assertThat(repository.alertScore("eth-a1", Optional.of(BTC))).isEmpty();
    assertThat(repository.alertScore("nope", Optional.empty())).isEmpty();
    for (AlertScore row : TestData.alertScores(CURRENT)) {
      for (Optional<String> network : List.of(Optional.<String>empty(), Optional.of(ETH))) {
        assertThat(repository.alertScore(row.alertId(), network))
            .isEqualTo(expected.alertScore(row.alertId(), network));
      }
    }
  }

  @Test
  void rankings_and_top_n() {
    for (Scope scope : SCOPES) {
      for (String date : DATES) {
        for (int[] page : PAGES) {
          assertThat(repository.rankings(scope, date, page[0], page[1]))
              .as(scope + " " + date + " " + page[0] + "/" + page[1])
              .isEqualTo(expected.rankings(scope, date, page[0], page[1]));
        }
      }
      for (int n : new int[] {1, 3, 6, 10_000}) {
        assertThat(repository.topRankings(scope, n))
            .as(scope + " top " + n)
            .isEqualTo(expected.topRankings(scope, n));
      }
    }
    Page<RankedAlert> top = repository.topRankings(Scope.all(), 10).orElseThrow();
    assertThat(top.processingDate()).isEqualTo(D2);
    assertThat(top.total()).isEqualTo(6);
    RankedAlert best = top.items().get(0);
    assertThat(best.alertId()).isEqualTo("eth-a1");
    assertThat(best.scored()).isTrue();
    assertThat(best.score()).isEqualTo(0.91);
    assertThat(best.priority()).isEqualTo("high");
    assertThat(best.explanationJson()).isEqualTo(TestData.EXPLANATION);
    RankedAlert unscored = top.items().get(5);
    assertThat(unscored.alertId()).isEqualTo("eth-a6");
    assertThat(unscored.scored()).isFalse();
    assertThat(unscored.explanationJson()).isNull();
  }

  @Test
  void cluster_scores() {
    Page<ClusterScore> d2 = repository.clusterScores(Scope.all(), D2, 100, 0);
    assertThat(d2.items())
        .extracting(ClusterScore::clusterId)
        .containsExactly("eth-c-1", "eth-c-2");
    assertThat(d2.items().get(0).alertCount()).isEqualTo(3);
    for (Scope scope : SCOPES) {
      for (String date : DATES) {
        for (int[] page : PAGES) {
          assertThat(repository.clusterScores(scope, date, page[0], page[1]))
              .as(scope + " " + date + " " + page[0] + "/" + page[1])
              .isEqualTo(expected.clusterScores(scope, date, page[0], page[1]));
        }
      }
    }
  }

  @Test
  void batch_metadata() {
    assertThat(repository.latestMetadata(Scope.all()))
        .hasValueSatisfying(
            m -> {
              assertThat(m.network()).isEqualTo(BTC);
              assertThat(m.processingDate()).isEqualTo(D1);
              assertThat(m.status()).isEqualTo(BatchStatus.COMPLETED);
              assertThat(m.modelVersions()).isEqualTo("{\"alert_scorer\":\"1.2.0\"}");
            });
    assertThat(repository.latestMetadata(Scope.network(ETH)).map(BatchMetadata::processingDate))
        .contains(D2);
    for (Scope scope : SCOPES) {
      assertThat(repository.latestMetadata(scope))
          .as(scope.toString())
          .isEqualTo(expected.latestMetadata(scope));
      for (int limit : new int[] {1, 2, 30}) {
        assertThat(repository.metadataHistory(scope, limit))
            .as(scope + " " + limit)
            .isEqualTo(expected.metadataHistory(scope, limit));
      }
      for (String date : DATES) {
        assertThat(repository.metadata(scope, date))
            .as(scope + " " + date)
            .isEqualTo(expected.metadata(scope, date));
      }
    }
  }

  // --- live scores -----------------------------------------------------------------------------

  @Test
  void one_live_score() {
    assertThat(repository.liveScore("eth-n3", Optional.of(ETH)))
        .hasValueSatisfying(
            s -> {
              assertThat(s.processingDate()).isEqualTo(D3);
              assertThat(s.score()).isEqualTo(0.45);
              assertThat(s.featuresMissing()).isTrue();
              assertThat(s.scoredAt()).isEqualTo(LIVE_T + 4_000);
              assertThat(s.receivedAt()).isEqualTo(LIVE_T + 4_000 - 20);
              assertThat(s.version()).isEqualTo(LIVE_T + 4_000);
              assertThat(s.explanationJson()).isEqualTo(TestData.EXPLANATION);
              assertThat(s.modelVersion()).isEqualTo(TestData.LIVE_MODEL);
            });
    // re-scored with features: the current version, not the first score without them
    assertThat(repository.liveScore("eth-n1", Optional.empty()))
        .hasValueSatisfying(s -> assertThat(s.featuresMissing()).isFalse());
    assertThat(repository.liveScore("eth-b1", Optional.of(ETH)).map(LiveAlertScore::windowDays))
        .contains(7);
    assertThat(repository.liveScore("eth-n1", Optional.of(BTC))).isEmpty();
    assertThat(repository.liveScore("eth-a3", Optional.empty())).isEmpty();
    for (LiveAlertScore row : TestData.liveScores(CURRENT)) {
      for (Optional<String> network : NETWORKS) {
        assertThat(repository.liveScore(row.alertId(), network))
            .as(row.alertId() + " " + network)
            .isEqualTo(expected.liveScore(row.alertId(), network));
      }
    }
  }

  @Test
  void latest_live_scores() {
    Page<LiveAlertScore> all = repository.latestLiveScores(Optional.empty(), 100, 0);
    assertThat(all.processingDate()).isNull();
    assertThat(all.total()).isEqualTo(9);
    assertThat(all.items())
        .extracting(LiveAlertScore::alertId)
        .containsExactly(
            "btc-z2", "eth-n1", "eth-n2", "eth-n3", "eth-b3", "eth-a1", "eth-a2", "eth-b1",
            "eth-b1");
    assertThat(all.items())
        .extracting(LiveAlertScore::modelVersion)
        .containsOnly("alert-live-1.0.0");
    for (Optional<String> network : NETWORKS) {
      for (int[] page : PAGES) {
        assertThat(repository.latestLiveScores(network, page[0], page[1]))
            .as(network + " " + page[0] + "/" + page[1])
            .isEqualTo(expected.latestLiveScores(network, page[0], page[1]));
      }
    }
  }

  @Test
  void live_summary() {
    List<LiveSummary> all = repository.liveSummary(Optional.empty(), 10);
    assertThat(all)
        .containsExactly(
            new LiveSummary(ETH, D3, 7, 4, 1, LIVE_T + 5_000, null, null),
            new LiveSummary(ETH, D2, 7, 2, 0, LIVE_T + 2_000, BatchStatus.COMPLETED, 5L),
            new LiveSummary(ETH, D1, 7, 1, 0, LIVE_T - 5_000, BatchStatus.COMPLETED, 3L),
            new LiveSummary(ETH, D1, 30, 1, 0, LIVE_T - 4_000, BatchStatus.COMPLETED, 2L),
            new LiveSummary(BTC, D0, 7, 1, 1, LIVE_T + 6_000, BatchStatus.PROCESSING, null));
    for (Optional<String> network : NETWORKS) {
      for (int limit : new int[] {1, 2, 3, 4, 5, 30}) {
        assertThat(repository.liveSummary(network, limit))
            .as(network + " " + limit)
            .isEqualTo(expected.liveSummary(network, limit));
      }
    }
  }

  @Test
  void a_rescored_live_row_with_a_higher_version_replaces_the_older_one() throws SQLException {
    String database = "rescore";
    server.execute("CREATE DATABASE IF NOT EXISTS " + database);
    for (String statement : ClickHouseDdl.outputTables()) {
      server.execute(statement.replace("IF NOT EXISTS ", "IF NOT EXISTS " + database + "."));
    }
    server.execute("SYSTEM STOP MERGES " + database + "." + ClickHouseDdl.ALERT_LIVE_SCORES);
    LiveAlertScore first = TestData.live("tron", D3, 7, "trx-1", 0.2, "low", true, LIVE_T, 0);
    LiveAlertScore rescored =
        TestData.live("tron", D3, 7, "trx-1", 0.9, "high", false, LIVE_T + 800, 0);
    LiveAlertScore late =
        TestData.live("tron", D3, 7, "trx-1", 0.5, "medium", true, LIVE_T + 100, 0);
    try (ClickHouseScoreRepository fresh =
            ClickHouseScoreRepository.forUrl(server.jdbcUrl(database));
        Connection connection = server.connect(database)) {
      insertLive(connection, List.of(first));
      assertThat(fresh.liveScore("trx-1", Optional.of("tron"))).contains(first);
      // a network with live scores only is a network
      assertThat(fresh.networks()).containsExactly("tron");

      insertLive(connection, List.of(rescored));
      insertLive(connection, List.of(late)); // arrives last, but its version is lower
      assertThat(server.query("SELECT count() FROM " + database + ".alert_live_scores").strip())
          .isEqualTo("3");
      assertThat(fresh.liveScore("trx-1", Optional.of("tron"))).contains(rescored);
      assertThat(fresh.liveScore("trx-1", Optional.empty())).contains(rescored);
      Page<LiveAlertScore> latest = fresh.latestLiveScores(Optional.of("tron"), 10, 0);
      assertThat(latest.total()).isEqualTo(1);
      assertThat(latest.items()).containsExactly(rescored);
      assertThat(fresh.liveSummary(Optional.empty(), 10))
          .containsExactly(new LiveSummary("tron", D3, 7, 1, 0, LIVE_T + 800, null, null));
    }
  }

  // --- safety ----------------------------------------------------------------------------------

  @Test
  void hostile_values_are_bound_as_data_not_sql() {
    List<String> attacks =
        List.of(
            "ethereum' OR '1'='1",
            "ethereum' OR 1=1 --",
            "x\\' OR 1=1 --",
            "'; DROP TABLE alert_scores; --",
            "ethereum\u0000",
            "ethereum\"");
    for (String attack : attacks) {
      Scope scope = Scope.network(attack);
      assertThat(repository.availableDates(scope)).as(attack).isEmpty();
      assertThat(repository.latestDate(scope)).isEmpty();
      assertThat(repository.alertScores(scope, D1, 100, 0).items()).isEmpty();
      assertThat(repository.alertScore(attack, Optional.empty())).isEmpty();
      assertThat(repository.alertScore("eth-a1", Optional.of(attack))).isEmpty();
      assertThat(repository.metadataHistory(scope, 10)).isEmpty();
      assertThat(repository.topRankings(scope, 5)).isEmpty();
      assertThat(repository.liveScore(attack, Optional.empty())).isEmpty();
      assertThat(repository.liveScore("eth-n1", Optional.of(attack))).isEmpty();
      assertThat(repository.latestLiveScores(Optional.of(attack), 10, 0).total()).isZero();
      assertThat(repository.liveSummary(Optional.of(attack), 10)).isEmpty();
    }
    assertThat(repository.networks()).containsExactly(BTC, ETH);
    assertThat(server.query("SELECT count() FROM alert_scores FINAL").strip()).isEqualTo("13");
    assertThat(server.query("SELECT count() FROM alert_live_scores FINAL").strip()).isEqualTo("9");
  }

  @Test
  void a_dead_server_is_reported_unavailable() {
    ClickHouseScoreRepository dead =
        ClickHouseScoreRepository.forUrl("jdbc:clickhouse://127.0.0.1:1/default");
    assertThat(dead.isAvailable()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(dead::networks)
        .isInstanceOf(RepositoryException.class);
  }

  // --- over HTTP -------------------------------------------------------------------------------

  @Test
  void http_over_clickhouse_rejects_injection_and_serves_scores() {
    JavalinTest.test(
        QueryApi.create(repository, ApiInfo.of("it")),
        (app, client) -> {
          for (String attack :
              List.of("ethereum' OR '1'='1", "ethereum'; DROP TABLE alert_scores; --", "a b")) {
            String encoded = URLEncoder.encode(attack, StandardCharsets.UTF_8);
            for (String path :
                List.of(
                    "/scores/alerts/latest",
                    "/alerts/eth-a1",
                    "/scores/live/latest",
                    "/scores/live/summary",
                    "/metadata/latest",
                    "/scores/rankings/top/5",
                    "/networks")) {
              try (Response response = client.get(path + "?network=" + encoded)) {
                String body = response.body().string();
                assertThat(response.code()).as(path + " " + attack).isIn(400, 404);
                JsonNode json = OutputJson.mapper().readTree(body);
                assertThat(json.get("status").asInt()).isEqualTo(response.code());
              }
            }
          }
          try (Response response =
              client.get(
                  "/alerts/"
                      + URLEncoder.encode("eth-a1' OR '1'='1", StandardCharsets.UTF_8)
                          .replace("+", "%20"))) {
            assertThat(response.code()).isEqualTo(404);
          }
          try (Response response = client.get("/scores/rankings/top/2?network=" + ETH)) {
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = OutputJson.mapper().readTree(response.body().string());
            assertThat(body.get("items").get(0).get("explanation").isArray()).isTrue();
            assertThat(body.get("processing_date").asText()).isEqualTo(D2);
          }
          try (Response response = client.get("/alerts/eth-a1?network=" + ETH)) {
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = OutputJson.mapper().readTree(response.body().string());
            assertThat(body.get("stage").asText()).isEqualTo("final");
            assertThat(body.get("stages").get("live").get("score").asDouble()).isEqualTo(0.86);
            assertThat(body.get("stages").get("live").get("features_missing").asBoolean())
                .isFalse();
          }
          try (Response response = client.get("/alerts/eth-n3?network=" + ETH)) {
            JsonNode body = OutputJson.mapper().readTree(response.body().string());
            assertThat(body.get("stage").asText()).isEqualTo("live");
            assertThat(body.get("stages").get("final").isNull()).isTrue();
          }
          try (Response response = client.get("/scores/live/summary?network=" + BTC)) {
            JsonNode body = OutputJson.mapper().readTree(response.body().string());
            assertThat(body.get("items").get(0).get("batch_status").asText())
                .isEqualTo("PROCESSING");
          }
          try (Response response = client.get("/metadata/history")) {
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = OutputJson.mapper().readTree(response.body().string());
            assertThat(body.get("items")).hasSize(4);
          }
        });
  }

  @Test
  void main_start_serves_the_server_in_process() throws Exception {
    try (RunningApi api = QueryApiMain.start(server.jdbcUrl(), 0)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(api.baseUrl() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(OutputJson.mapper().readTree(health.body()).get("repository").asText())
          .isEqualTo("up");
      HttpResponse<String> latest =
          http.send(
              HttpRequest.newBuilder(URI.create(api.baseUrl() + "/dates/latest")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(OutputJson.mapper().readTree(latest.body()).get("processing_date").asText())
          .isEqualTo(D2);
    }
  }

  // --- loading ---------------------------------------------------------------------------------

  private static void insertScores(Connection connection, List<AlertScore> rows)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO alert_scores (network, processing_date, window_days, alert_id, address,"
                + " typology_type, score, priority, model_version, model_sha256,"
                + " explanation_json, latency_ms, processed_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AlertScore r : rows) {
        int i = 1;
        insert.setString(i++, r.network());
        insert.setString(i++, r.processingDate());
        insert.setInt(i++, r.windowDays());
        insert.setString(i++, r.alertId());
        insert.setString(i++, r.address());
        insert.setString(i++, r.typologyType());
        insert.setDouble(i++, r.score());
        insert.setString(i++, r.priority());
        insert.setString(i++, r.modelVersion());
        insert.setString(i++, r.modelSha256());
        insert.setString(i++, r.explanationJson());
        insert.setDouble(i++, r.latencyMs());
        insert.setLong(i++, r.processedAt());
        insert.setLong(i, r.version());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertRankings(Connection connection, List<AlertRanking> rows)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO alert_rankings (network, processing_date, window_days, rank, alert_id,"
                + " ranker_score, model_version, processed_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AlertRanking r : rows) {
        int i = 1;
        insert.setString(i++, r.network());
        insert.setString(i++, r.processingDate());
        insert.setInt(i++, r.windowDays());
        insert.setInt(i++, r.rank());
        insert.setString(i++, r.alertId());
        insert.setDouble(i++, r.rankerScore());
        insert.setString(i++, r.modelVersion());
        insert.setLong(i++, r.processedAt());
        insert.setLong(i, r.version());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertClusters(Connection connection, List<ClusterScore> rows)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO cluster_scores (network, processing_date, window_days, cluster_id,"
                + " score, priority, alert_count, total_volume_usd, model_version, model_sha256,"
                + " processed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ClusterScore r : rows) {
        int i = 1;
        insert.setString(i++, r.network());
        insert.setString(i++, r.processingDate());
        insert.setInt(i++, r.windowDays());
        insert.setString(i++, r.clusterId());
        insert.setDouble(i++, r.score());
        insert.setString(i++, r.priority());
        insert.setInt(i++, r.alertCount());
        insert.setDouble(i++, r.totalVolumeUsd());
        insert.setString(i++, r.modelVersion());
        insert.setString(i++, r.modelSha256());
        insert.setLong(i++, r.processedAt());
        insert.setLong(i, r.version());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertMetadata(Connection connection, List<BatchMetadata> rows)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO batch_metadata (network, processing_date, window_days, status,"
                + " alerts_received, features_received, clusters_received, money_flows_received,"
                + " alerts_expected, features_expected, clusters_expected, money_flows_expected,"
                + " alert_scores_written, rankings_written, cluster_scores_written, assembly_ms,"
                + " feature_ms, scoring_ms, ranking_ms, cluster_scoring_ms, total_ms,"
                + " model_versions, error_message, started_at, processed_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)")) {
      for (BatchMetadata r : rows) {
        int i = 1;
        insert.setString(i++, r.network());
        insert.setString(i++, r.processingDate());
        insert.setInt(i++, r.windowDays());
        insert.setString(i++, r.status().name());
        insert.setLong(i++, r.alertsReceived());
        insert.setLong(i++, r.featuresReceived());
        insert.setLong(i++, r.clustersReceived());
        insert.setLong(i++, r.moneyFlowsReceived());
        insert.setLong(i++, r.alertsExpected());
        insert.setLong(i++, r.featuresExpected());
        insert.setLong(i++, r.clustersExpected());
        insert.setLong(i++, r.moneyFlowsExpected());
        insert.setLong(i++, r.alertScoresWritten());
        insert.setLong(i++, r.rankingsWritten());
        insert.setLong(i++, r.clusterScoresWritten());
        insert.setDouble(i++, r.assemblyMs());
        insert.setDouble(i++, r.featureMs());
        insert.setDouble(i++, r.scoringMs());
        insert.setDouble(i++, r.rankingMs());
        insert.setDouble(i++, r.clusterScoringMs());
        insert.setDouble(i++, r.totalMs());
        insert.setString(i++, r.modelVersions());
        insert.setString(i++, r.errorMessage());
        insert.setLong(i++, r.startedAt());
        insert.setLong(i++, r.processedAt());
        insert.setLong(i, r.version());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertLive(Connection connection, List<LiveAlertScore> rows)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO alert_live_scores (network, processing_date, window_days, alert_id,"
                + " address, typology_type, score, priority, model_version, model_sha256,"
                + " explanation_json, features_missing, received_at, scored_at, latency_ms,"
                + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (LiveAlertScore r : rows) {
        int i = 1;
        insert.setString(i++, r.network());
        insert.setString(i++, r.processingDate());
        insert.setInt(i++, r.windowDays());
        insert.setString(i++, r.alertId());
        insert.setString(i++, r.address());
        insert.setString(i++, r.typologyType());
        insert.setDouble(i++, r.score());
        insert.setString(i++, r.priority());
        insert.setString(i++, r.modelVersion());
        insert.setString(i++, r.modelSha256());
        insert.setString(i++, r.explanationJson());
        insert.setInt(i++, r.featuresMissing() ? 1 : 0);
        insert.setLong(i++, r.receivedAt());
        insert.setLong(i++, r.scoredAt());
        insert.setDouble(i++, r.latencyMs());
        insert.setLong(i, r.version());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
