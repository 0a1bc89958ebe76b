package io.alertscoring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.api.store.ClickHouseConnectionFactory;
import io.alertscoring.api.store.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class QueryApiMainTest {

  private static final String URL = "jdbc:clickhouse://127.0.0.1:8123/default";

  @Test
  void options_default_to_port_8000_an_open_policy_and_no_credentials() {
    ApiSettings settings = QueryApiMain.parse("--clickhouse-url", URL);
    assertThat(settings.port()).isEqualTo(8000);
    assertThat(settings.clickhouseUrl()).isEqualTo(URL);
    // the environment of this test run decides user, password, key and models: none expected here
    if (System.getenv(QueryApiMain.USER_ENV) == null) {
      assertThat(settings.clickhouseUser()).isNull();
    }
    if (System.getenv(QueryApiMain.API_KEY_ENV) == null) {
      assertThat(settings.access()).isEqualTo(AccessPolicy.open());
    }
  }

  @Test
  void every_option_reaches_the_settings_in_both_spellings() {
    ApiSettings settings =
        QueryApiMain.parse(
            "--port",
            "9001",
            "--clickhouse-url=jdbc:clickhouse://h:1/db",
            "--clickhouse-user",
            "query_api",
            "--clickhouse-password=pw",
            "--api-key",
            "k",
            "--max-request-bytes",
            "2048",
            "--rate-limit-per-second",
            "5",
            "--rate-limit-burst",
            "7",
            "--models-dir",
            "/opt/models");
    assertThat(settings.port()).isEqualTo(9001);
    assertThat(settings.clickhouseUrl()).isEqualTo("jdbc:clickhouse://h:1/db");
    assertThat(settings.clickhouseUser()).isEqualTo("query_api");
    assertThat(settings.clickhousePassword()).isEqualTo("pw");
    assertThat(settings.access()).isEqualTo(new AccessPolicy("k", 2048, 5, 7));
    assertThat(settings.models()).contains(java.nio.file.Path.of("/opt/models"));
    assertThat(settings.toString()).doesNotContain("pw").doesNotContain("=k,");
    // the burst defaults to twice the rate
    assertThat(
            QueryApiMain.parse("--clickhouse-url", URL, "--rate-limit-per-second", "3")
                .access()
                .rateBurst())
        .isEqualTo(6);
  }

  @Test
  void bad_options_exit_2_with_one_line() {
    assertRefused(new String[0], "CLICKHOUSE_URL");
    assertRefused(new String[] {"--clickhouse-url", URL, "--port", "x"}, "--port");
    assertRefused(new String[] {"--clickhouse-url", URL, "--port", "70000"}, "--port");
    assertRefused(new String[] {"--clickhouse-url", URL, "--port"}, "--port");
    assertRefused(new String[] {"--clickhouse-url", URL, "--verbose"}, "--verbose");
    assertRefused(new String[] {"--clickhouse-url", URL, "--max-request-bytes", "0"}, "bytes");
    assertRefused(
        new String[] {"--clickhouse-url", URL, "--rate-limit-per-second", "-1"}, "per-second");
    assertRefused(
        new String[] {
          "--clickhouse-url", URL, "--rate-limit-per-second", "1", "--rate-limit-burst", "0"
        },
        "burst");
    assertRefused(new String[] {"--clickhouse-url", URL, "--api-key", " "}, "--api-key");
  }

  private static void assertRefused(String[] args, String mentions) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int status = QueryApiMain.run(args, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
    assertThat(status).as(String.join(" ", args)).isEqualTo(2);
    assertThat(err.toString().strip()).contains(mentions).doesNotContain("\n");
    assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void help_lists_every_option_and_exits_0() {
    java.io.StringWriter out = new java.io.StringWriter();
    int status =
        QueryApiMain.run(
            new String[] {"--help"},
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(new java.io.StringWriter()));
    assertThat(status).isZero();
    assertThat(out.toString())
        .contains(
            "--port",
            "--clickhouse-url",
            "--clickhouse-user",
            "--clickhouse-password",
            "--api-key",
            "--max-request-bytes",
            "--rate-limit-per-second",
            "--rate-limit-burst",
            "--models-dir",
            "CLICKHOUSE_PASSWORD",
            "QUERY_API_KEY",
            "MODELS_DIR");
  }

  @Test
  void the_connection_factory_turns_compression_off_unless_told() {
    assertThat(new ClickHouseConnectionFactory(URL).jdbcUrl()).isEqualTo(URL + "?compress=false");
    assertThat(new ClickHouseConnectionFactory(URL + "?user=a").jdbcUrl())
        .isEqualTo(URL + "?user=a&compress=false");
    assertThat(new ClickHouseConnectionFactory(URL + "?compress=true").jdbcUrl())
        .isEqualTo(URL + "?compress=true");
    assertThat(new ClickHouseConnectionFactory(URL + "?password=p").withoutQuery()).isEqualTo(URL);
    assertThatThrownBy(() -> new ClickHouseConnectionFactory("jdbc:mysql://h/db"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void start_serves_any_repository_until_closed() throws Exception {
    int port;
    try (RunningApi api = QueryApiMain.start(TestData.inMemory(), ApiInfo.of("t"), 0)) {
      port = api.port();
      assertThat(port).isPositive();
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(api.baseUrl() + "/version")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"version\":\"t\"");
    }
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }
}
