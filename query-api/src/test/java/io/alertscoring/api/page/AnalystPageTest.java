package io.alertscoring.api.page;

import static io.alertscoring.api.page.PageTestData.BTC;
import static io.alertscoring.api.page.PageTestData.EARLIER;
import static io.alertscoring.api.page.PageTestData.ETH;
import static io.alertscoring.api.page.PageTestData.HOSTILE_ID;
import static io.alertscoring.api.page.PageTestData.LATEST;
import static io.alertscoring.api.page.PageTestData.RUN_LATEST;
import static io.alertscoring.api.page.PageTestData.alertId;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.api.ApiInfo;
import io.alertscoring.api.QueryApi;
import io.alertscoring.api.store.InMemoryScoreRepository;
import io.alertscoring.api.store.RepositoryException;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalystPageTest {

  private static final Pattern ROW =
      Pattern.compile(
          "<tr class=\"alert-row\" data-alert-id=\"([^\"]*)\" data-priority=\"([^\"]*)\""
              + " data-typology=\"([^\"]*)\">");

  private final InMemoryScoreRepository repository = PageTestData.repository();

  private static Javalin app(InMemoryScoreRepository repository) {
    return QueryApi.create(repository, ApiInfo.of("1"), List.of(new AnalystPage(repository)));
  }

  private record Reply(int status, String contentType, String body) {}

  private static Reply get(HttpClient client, String path) throws IOException {
    try (Response response = client.get(path)) {
      return new Reply(response.code(), response.header("Content-Type"), response.body().string());
    }
  }

  /** (alert id, priority, typology) of the table's rows, in order. */
  private static List<String[]> rows(String html) {
    List<String[]> rows = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      rows.add(new String[] {m.group(1), m.group(2), m.group(3)});
    }
    return rows;
  }

  private static List<String> ids(String html) {
    return rows(html).stream().map(r -> r[0]).toList();
  }

  private static void assertHtmlError(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("text/html");
    assertThat(reply.body()).contains("class=\"error\"", "data-status=\"" + status + "\"");
  }

  @Test
  void the_page_shows_the_latest_date_of_ethereum_with_htmx_from_the_app_itself() {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          Reply page = get(client, "/");
          assertThat(page.status()).isEqualTo(200);
          assertThat(page.contentType()).startsWith("text/html");
          assertThat(page.body()).startsWith("<!DOCTYPE html>");
          String htmx = "/webjars/htmx.org/" + AnalystPage.htmxVersion() + "/dist/htmx.min.js";
          assertThat(page.body()).contains("<script src=\"" + htmx + "\"></script>");
          assertThat(page.body()).doesNotContain("https://");
          assertThat(page.body())
              .contains("<option value=\"ethereum\" selected>ethereum</option>")
              .contains("<option value=\"" + LATEST + "\" selected>" + LATEST + "</option>")
              .contains("<option value=\"" + EARLIER + "\">" + EARLIER + "</option>");
          // ethereum first although bitcoin sorts before it
          assertThat(page.body().indexOf("value=\"ethereum\""))
              .isLessThan(page.body().indexOf("value=\"bitcoin\""));
          List<String> expected = new ArrayList<>();
          for (int i = 1; i <= 10; i++) {
            expected.add(alertId(ETH, LATEST, i));
          }
          assertThat(ids(page.body())).isEqualTo(expected);
          assertThat(page.body()).contains("id=\"run-id\">" + RUN_LATEST + "<");

          Reply script = get(client, htmx);
          assertThat(script.status()).isEqualTo(200);
          assertThat(script.contentType()).contains("javascript");
          assertThat(script.body()).contains("htmx");
        });
  }

  @Test
  void without_ethereum_the_first_network_by_name_is_shown() {
    JavalinTest.test(
        app(PageTestData.bitcoinOnly()),
        (server, client) -> {
          Reply page = get(client, "/");
          assertThat(page.status()).isEqualTo(200);
          assertThat(page.body()).contains("<option value=\"bitcoin\" selected>bitcoin</option>");
          assertThat(ids(page.body()).get(0)).isEqualTo(alertId(BTC, EARLIER, 1));
        });
  }

  @Test
  void alerts_show_score_priority_typology_volume_and_the_explanation_as_sentences_with_bars() {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          Reply alerts = get(client, "/page/alerts?network=ethereum&date=" + LATEST + "&limit=4");
          assertThat(alerts.status()).isEqualTo(200);
          assertThat(alerts.contentType()).startsWith("text/html");
          String html = alerts.body();
          assertThat(html).startsWith("<section id=\"alerts\"");
          assertThat(ids(html))
              .containsExactly(
                  alertId(ETH, LATEST, 1),
                  alertId(ETH, LATEST, 2),
                  alertId(ETH, LATEST, 3),
                  alertId(ETH, LATEST, 4));
          assertThat(html)
              .contains("Showing 4 of 41 alerts among all 41 ranked alerts of this date")
              .contains("address PageRank 0.004 is in the top 1% of this batch: +0.61")
              .contains("alert volume $250,000: +0.35")
              .contains("address PageRank 0.004: +0.21")
              .contains("typology is layering: +0.12")
              .contains("in-batch senders to the address 3: -0.05")
              .contains("alerts in its cluster 12: -0.05") // alert 4
              .contains("<td class=\"num\">0.988</td>") // score of alert 1
              .contains("<span class=\"priority priority-high\">high</span>")
              .contains("<td>fan_in</td>")
              .contains("<td class=\"num\">$125,000</td>"); // volume of alert 2
          // the largest contribution is the full bar, the negative one a blue bar to the left
          assertThat(html)
              .contains("<span class=\"bar pos\" style=\"width:100%\"></span>")
              .contains("<span class=\"bar neg\" style=\"width:8%\"></span>");
          assertThat(html.split("class=\"reason\"", -1)).hasSize(4 * 5 + 1);
        });
  }

  @Test
  void filters_by_priority_and_typology_keep_rank_order() {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          Reply high = get(client, "/page/alerts?network=ethereum&priority=HIGH");
          assertThat(high.status()).isEqualTo(200);
          List<String[]> rows = rows(high.body());
          assertThat(rows).hasSize(10);
          assertThat(rows).allSatisfy(r -> assertThat(r[1]).isEqualTo("high"));
          assertThat(rows.stream().map(r -> r[0]).toList())
              .startsWith(
                  alertId(ETH, LATEST, 1),
                  alertId(ETH, LATEST, 2),
                  alertId(ETH, LATEST, 5),
                  alertId(ETH, LATEST, 8));
          long highs =
              java.util.stream.IntStream.rangeClosed(1, PageTestData.ALERTS + 1)
                  .filter(i -> PageTestData.priority(i).equals("high"))
                  .count();
          assertThat(highs).isGreaterThan(10);
          assertThat(high.body()).contains("of " + highs + " high-priority alerts among all 41");

          Reply mixed =
              get(client, "/page/alerts?network=ethereum&priority=low&typology=peel_chain");
          List<String[]> lows = rows(mixed.body());
          assertThat(lows).isNotEmpty();
          assertThat(lows)
              .allSatisfy(
                  r -> {
                    assertThat(r[1]).isEqualTo("low");
                    assertThat(r[2]).isEqualTo("peel_chain");
                  });
          assertThat(lows.get(0)[0]).isEqualTo(alertId(ETH, LATEST, 13));

          Reply none = get(client, "/page/alerts?network=ethereum&typology=no-such-typology");
          assertThat(none.status()).isEqualTo(200);
          assertThat(rows(none.body())).isEmpty();
          assertThat(none.body()).contains("No alert matches these filters.");
        });
  }

  @Test
  void the_filter_searches_only_the_window_of_best_ranked_alerts_and_says_so() {
    JavalinTest.test(
        QueryApi.create(repository, ApiInfo.of("1"), List.of(new AnalystPage(repository, 5))),
        (server, client) -> {
          Reply low = get(client, "/page/alerts?network=ethereum&priority=low");
          assertThat(ids(low.body())).containsExactly(alertId(ETH, LATEST, 4));
          assertThat(low.body())
              .contains("Showing 1 of 1 low-priority alerts among the 5 best-ranked of 41");
        });
  }

  @Test
  void hostile_strings_are_escaped_in_rows_options_and_detail() {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          String page = get(client, "/?limit=100").body();
          String alerts = get(client, "/page/alerts?network=ethereum&limit=100").body();
          String detail =
              get(
                      client,
                      "/page/alerts/"
                          + Html.urlPart(HOSTILE_ID).replace("%2F", "/")
                          + "?network=ethereum")
                  .body();
          for (String html : List.of(page, alerts, detail)) {
            assertThat(html).doesNotContain("<script>alert", "<img src=x", "<b>bold</b>");
          }
          assertThat(alerts)
              .contains("&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;&amp;x=&quot;1&quot;")
              .contains("&lt;img src=x onerror=alert(1)&gt;")
              .contains("0x&lt;b&gt;bold&lt;/b&gt;");
          assertThat(page).contains("<option value=\"&lt;img src=x onerror=alert(1)&gt;\">");
          assertThat(detail)
              .contains("<h2>Alert &lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;")
              .contains("&lt;img src=x onerror=alert(1)&gt;");

          // the detail link of the row reaches the alert (its id has a slash)
          Matcher link =
              Pattern.compile("hx-get=\"(/page/alerts/[^\"]*%3Cscript[^\"]*)\"").matcher(alerts);
          assertThat(link.find()).isTrue();
          String href = link.group(1).replace("&amp;", "&");
          Reply opened = get(client, href);
          assertThat(opened.status()).as(opened.body()).isEqualTo(200);
          assertThat(opened.body()).contains("data-alert-id=\"&lt;script&gt;");

          // a filter value is escaped when echoed back
          Reply echoed =
              get(client, "/page/alerts?network=ethereum&typology=" + Html.urlPart("\"><script>"));
          assertThat(echoed.body())
              .doesNotContain("\"><script>")
              .contains("data-typology=\"&quot;&gt;&lt;script&gt;\"");
        });
  }

  @Test
  void one_alert_shows_its_final_and_live_scores_as_the_alerts_route_answers_them()
      throws IOException {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          String id = alertId(ETH, LATEST, 1);
          Reply both = get(client, "/page/alerts/" + id + "?network=ethereum");
          assertThat(both.status()).isEqualTo(200);
          assertThat(both.body())
              .startsWith("<section id=\"detail\" data-alert-id=\"" + id + "\">")
              .contains("Current stage: final (the batch is scored)")
              .contains("<h3>Final score</h3>")
              .contains("<dd>0.988</dd>")
              .contains("<dd>" + RUN_LATEST + "</dd>")
              .contains("address PageRank 0.004 is in the top 1% of this batch: +0.61")
              .contains("<h3>Live score</h3>")
              .contains("<dd>0.500</dd>")
              .contains("missing: scored without the address&#39;s features")
              .contains("alert confidence 0.92: +0.40")
              .contains("address has no features record: -0.20")
              .contains("<dt>volume</dt><dd>$250,000</dd>")
              .contains("This alert is in no cluster of its batch.");

          String clustered = get(client, "/page/alerts/" + alertId(ETH, LATEST, 4)).body();
          assertThat(clustered)
              .contains("<dd>cluster-" + RUN_LATEST + "</dd>")
              .contains(
                  "<dd>"
                      + alertId(ETH, LATEST, 4)
                      + ", "
                      + alertId(ETH, LATEST, 5)
                      + ", "
                      + alertId(ETH, LATEST, 6)
                      + "</dd>")
              .contains("<li>alerts in its cluster 12: -0.05</li>")
              .contains("No live score stored.");

          Reply live = get(client, "/page/alerts/" + PageTestData.ONLY_LIVE);
          assertThat(live.status()).isEqualTo(200);
          assertThat(live.body())
              .contains("Current stage: live (its batch is still open)")
              .contains("No final score: its batch is not scored yet.")
              .contains("<dd>0.770</dd>");
        });
  }

  @Test
  void the_metadata_of_the_date_shows_counts_timings_model_versions_and_run_id() {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          Reply m = get(client, "/page/metadata?network=ethereum&date=" + LATEST);
          assertThat(m.status()).isEqualTo(200);
          assertThat(m.body())
              .startsWith("<section id=\"metadata\">")
              .contains("<dd id=\"run-id\">" + RUN_LATEST + "</dd>")
              .contains("<dt>window</dt><dd>7 days</dd>")
              .contains(
                  "<tr><th>alerts</th><td class=\"num\">41</td><td class=\"num\">41</td></tr>")
              .contains("<tr><th>money flows</th><td class=\"num\">120</td>")
              .contains("<dt>scoring</dt><dd>310.0 ms</dd>")
              .contains("<dt>total</dt><dd>402.3 ms</dd>")
              .contains("<dt>alert_scorer</dt><dd>alert-scorer-1.2.0</dd>")
              .contains("<dt>ranker</dt><dd>alert-ranker-1.0.0</dd>")
              .contains("<dt>status</dt><dd>COMPLETED</dd>")
              .contains("<dd>41 scores, 41 rankings, 4 cluster scores</dd>")
              .contains("2026-03-02T00:00:00Z");

          Reply other = get(client, "/page/metadata?network=bitcoin&date=" + EARLIER);
          assertThat(other.body()).contains("<dd id=\"run-id\">run-btc-0301</dd>");
        });
  }

  @Test
  void a_new_network_or_date_swaps_the_view_with_its_own_dates_and_typologies() {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          Reply btc = get(client, "/page/view?network=bitcoin");
          assertThat(btc.status()).isEqualTo(200);
          assertThat(btc.body())
              .startsWith("<form id=\"selection\"")
              .contains("<option value=\"bitcoin\" selected>bitcoin</option>")
              .contains("<option value=\"" + EARLIER + "\" selected>")
              .doesNotContain("value=\"" + LATEST + "\"")
              .doesNotContain("onerror");
          assertThat(ids(btc.body()).get(0)).isEqualTo(alertId(BTC, EARLIER, 1));

          Reply earlier = get(client, "/page/view?network=ethereum&date=" + EARLIER);
          assertThat(ids(earlier.body()).get(0)).isEqualTo(alertId(ETH, EARLIER, 1));
          assertThat(earlier.body()).contains("id=\"run-id\">run-eth-0301<");
        });
  }

  @ParameterizedTest
  @CsvSource({
    "/?priority=urgent, 400",
    "/page/alerts?priority=urgent, 400",
    "/page/alerts?date=2026-02-30, 400",
    "/page/alerts?date=yesterday, 400",
    "/page/view?network=not%20a%20network, 400",
    "/page/alerts?limit=0, 400",
    "/page/alerts?limit=101, 400",
    "/page/alerts?limit=ten, 400",
    "/page/metadata?date=2026-3-1, 400",
    "/?date=2025-01-01, 404",
    "/page/alerts?network=ethereum&date=2025-01-01, 404",
    "/page/view?network=bitcoin&date=" + LATEST + ", 404",
    "/page/metadata?network=solana, 404",
    "/page/alerts?network=solana, 404",
    "/page/alerts/no-such-alert, 404",
    "/page/alerts/" + "ethereum-2026-03-02-1?network=solana, 404",
  })
  void bad_parameters_answer_400_and_unknown_ones_404_as_html(String path, int status) {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          Reply reply = get(client, path);
          assertHtmlError(reply, status);
          if (path.startsWith("/?")) {
            assertThat(reply.body()).startsWith("<!DOCTYPE html>").contains("htmx.min.js");
          } else {
            assertThat(reply.body()).startsWith("<div class=\"error\"");
          }
        });
  }

  @Test
  void an_alert_id_too_long_is_a_400() {
    JavalinTest.test(
        app(repository),
        (server, client) -> assertHtmlError(get(client, "/page/alerts/" + "a".repeat(257)), 400));
  }

  @Test
  void with_nothing_published_the_page_says_so_and_fragments_are_404() {
    InMemoryScoreRepository empty = new InMemoryScoreRepository();
    JavalinTest.test(
        app(empty),
        (server, client) -> {
          Reply page = get(client, "/");
          assertThat(page.status()).isEqualTo(200);
          assertThat(page.body()).contains("No processing date is published yet");
          assertHtmlError(get(client, "/page/alerts"), 404);
        });
  }

  @Test
  void storage_failing_is_a_500_fragment_and_the_json_routes_are_untouched() {
    JavalinTest.test(
        app(repository),
        (server, client) -> {
          assertThat(get(client, "/page/alerts").status()).isEqualTo(200); // catalogue loaded
          repository.failWith(new RepositoryException("down", null));
          Reply failed = get(client, "/page/alerts/" + alertId(ETH, LATEST, 2));
          assertHtmlError(failed, 500);
          assertThat(failed.body()).contains("storage did not answer the query");
          Reply json = get(client, "/alerts/" + alertId(ETH, LATEST, 2));
          assertThat(json.status()).isEqualTo(500);
          assertThat(json.contentType()).startsWith("application/json");
        });
  }
}
