package io.alertscoring.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertscoring.api.ApiInfo;
import io.alertscoring.api.QueryApi;
import io.alertscoring.api.QueryApiMain;
import io.alertscoring.api.RunningApi;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.schemas.ddl.ClickHouseDdl;
import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.json.OutputJson;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read-only ClickHouse user of {@link ClickHouseServer} (real 18.16 server; fails, never skips,
 * when it cannot start): it reads, the server refuses its INSERT, CREATE and DROP, and the query
 * API works over it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyUserITCase {

  private ClickHouseServer server;

  @BeforeAll
  void startServerAndLoad() throws SQLException {
    server = ClickHouseServer.start();
    for (String statement : ClickHouseDdl.outputTables()) {
      server.execute(statement);
    }
    try (Connection connection = server.connect()) { // as default, the writer
      insert(connection, Tables.ALERT_SCORES, TestData.alertScores());
      insert(connection, Tables.BATCH_METADATA, TestData.metadata());
      insert(connection, Tables.PUBLISHED_RUNS, TestData.published());
    }
  }

  @AfterAll
  void stopServer() {
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

  private Connection readOnly() throws SQLException {
    return new ClickHouseConnectionFactory(
            server.jdbcUrl(), server.readOnlyUser(), server.readOnlyPassword())
        .open();
  }

  @Test
  void the_read_only_user_reads() throws SQLException {
    try (Connection connection = readOnly();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT count() FROM " + Tables.ALERT_SCORES.name())) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(TestData.alertScores().size());
    }
  }

  @Test
  void the_server_refuses_its_insert_create_and_drop() throws SQLException {
    String table = Tables.PUBLISHED_RUNS.name();
    List<String> writes =
        List.of(
            "INSERT INTO " + table + " SELECT * FROM " + table,
            "CREATE TABLE intruder (x UInt8) ENGINE = Memory",
            "DROP TABLE " + table,
            "ALTER TABLE " + table + " DELETE WHERE 1",
            "TRUNCATE TABLE " + table);
    try (Connection connection = readOnly()) {
      for (String sql : writes) {
        assertThatThrownBy(
                () -> {
                  try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                  }
                })
            .as(sql)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("readonly");
      }
      // a setting cannot be changed either (readonly=1)
      assertThatThrownBy(
              () -> {
                try (Statement statement = connection.createStatement()) {
                  statement.executeQuery("SELECT 1 SETTINGS max_threads = 1").close();
                }
              })
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("readonly");
    }
    // nothing changed
    assertThat(server.query("EXISTS TABLE intruder").strip()).isEqualTo("0");
    assertThat(server.query("SELECT count() FROM " + table).strip())
        .isEqualTo(String.valueOf(TestData.published().size()));
  }

  @Test
  void a_wrong_password_is_refused() {
    Properties none = new Properties();
    assertThatThrownBy(
            () ->
                new ClickHouseConnectionFactory(server.jdbcUrl(), server.readOnlyUser(), "wrong")
                    .open()
                    .createStatement()
                    .executeQuery("SELECT 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password");
    assertThat(none).isEmpty();
  }

  @Test
  void the_api_serves_over_the_read_only_user() throws Exception {
    try (ClickHouseScoreRepository repository =
        ClickHouseScoreRepository.forUrl(
            server.jdbcUrl(), server.readOnlyUser(), server.readOnlyPassword())) {
      assertThat(repository.isAvailable()).isTrue();
      try (ClickHouseScoreRepository asDefault =
          ClickHouseScoreRepository.forUrl(server.jdbcUrl())) {
        assertThat(repository.catalogue().published())
            .isNotEmpty()
            .containsExactlyInAnyOrderElementsOf(asDefault.catalogue().published());
      }
      JavalinTest.test(
          QueryApi.create(repository, ApiInfo.of("t")),
          (app, client) -> {
            try (Response response = client.get("/scores/alerts/latest?limit=5")) {
              assertThat(response.code()).isEqualTo(200);
              JsonNode body = OutputJson.mapper().readTree(response.body().string());
              assertThat(body.get("items").size()).isPositive();
            }
            try (Response response = client.get("/health")) {
              assertThat(response.code()).isEqualTo(200);
            }
          });
    }
    // the URL-only path: credentials in the URL, as a launcher passes them
    try (RunningApi api = QueryApiMain.start(0, server.readOnlyJdbcUrl())) {
      HttpResponse<String> networks =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(api.baseUrl() + "/networks")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(networks.statusCode()).isEqualTo(200);
      assertThat(networks.body()).contains(TestData.ETH);
    }
  }
}
