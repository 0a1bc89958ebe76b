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
  void options_default_to_port_8000_and_the_environment_url() {
    QueryApiMain.Options options = QueryApiMain.Options.parse(new String[0], URL);
    assertThat(options.port).isEqualTo(8000);
    assertThat(options.clickhouseUrl).isEqualTo(URL);
  }

  @Test
  void options_accept_both_spellings_and_the_flag_beats_the_environment() {
    QueryApiMain.Options spaced =
        QueryApiMain.Options.parse(
            new String[] {"--port", "9001", "--clickhouse-url", "jdbc:clickhouse://h:1/db"}, URL);
    assertThat(spaced.port).isEqualTo(9001);
    assertThat(spaced.clickhouseUrl).isEqualTo("jdbc:clickhouse://h:1/db");
    QueryApiMain.Options joined =
        QueryApiMain.Options.parse(new String[] {"--port=0", "--clickhouse-url=" + URL}, null);
    assertThat(joined.port).isZero();
    assertThat(joined.clickhouseUrl).isEqualTo(URL);
  }

  @Test
  void bad_options_are_refused() {
    assertThatThrownBy(() -> QueryApiMain.Options.parse(new String[0], null))
        .hasMessageContaining("CLICKHOUSE_URL");
    assertThatThrownBy(() -> QueryApiMain.Options.parse(new String[] {"--port", "x"}, URL))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> QueryApiMain.Options.parse(new String[] {"--port", "70000"}, URL))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> QueryApiMain.Options.parse(new String[] {"--port"}, URL))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> QueryApiMain.Options.parse(new String[] {"--verbose"}, URL))
        .hasMessageContaining("unknown argument");
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
