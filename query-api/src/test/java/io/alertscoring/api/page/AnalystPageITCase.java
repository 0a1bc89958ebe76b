package io.alertscoring.api.page;

import static io.alertscoring.api.page.PageTestData.ETH;
import static io.alertscoring.api.page.PageTestData.LATEST;
import static io.alertscoring.api.page.PageTestData.RUN_LATEST;
import static io.alertscoring.api.page.PageTestData.alertId;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.api.ApiInfo;
import io.alertscoring.api.QueryApi;
import io.alertscoring.api.page.AnalystPageDriver.AlertDetail;
import io.alertscoring.api.page.AnalystPageDriver.AlertRow;
import io.alertscoring.api.store.InMemoryScoreRepository;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analyst page in Debian's chromium (headless) over the API serving {@link PageTestData}: the
 * top 10 with their explanations, a priority filter, one alert's detail, and screenshots under
 * {@code target/screenshots}. Fails, never skips, when chromium cannot start.
 */
class AnalystPageITCase {

  private final InMemoryScoreRepository repository = PageTestData.repository();
  private Javalin app;
  private AnalystPageDriver page;

  @BeforeEach
  void start() {
    app =
        QueryApi.create(repository, ApiInfo.of("1"), List.of(new AnalystPage(repository)))
            .start("127.0.0.1", 0);
    page = AnalystPageDriver.start("http://127.0.0.1:" + app.port());
  }

  @AfterEach
  void stop() {
    if (page != null) {
      page.close();
    }
    app.stop();
  }

  @Test
  void an_analyst_sees_the_top_alerts_filters_them_and_opens_one() throws Exception {
    page.openHome();
    assertThat(page.htmxLoaded()).as("htmx loaded from the API's webjar").isTrue();

    List<AlertRow> top = page.alertRows();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      expected.add(alertId(ETH, LATEST, i));
    }
    assertThat(top).extracting(AlertRow::alertId).isEqualTo(expected);
    assertThat(top).allSatisfy(r -> assertThat(r.sentences()).hasSize(5));
    assertThat(top.get(0).sentences())
        .containsExactly(
            "address PageRank 0.004 is in the top 1% of this batch: +0.61",
            "alert volume $250,000: +0.35",
            "address PageRank 0.004: +0.21",
            "typology is layering: +0.12",
            "in-batch senders to the address 3: -0.05");
    assertThat(top.get(0).score()).isEqualTo("0.988");
    assertThat(page.alertsSummary()).startsWith("Showing 10 of 41 alerts");
    assertThat(page.metadataText()).contains(RUN_LATEST, "COMPLETED", "alert-scorer-1.2.0");
    Path home = page.screenshot("analyst-page-top10");

    page.filterPriority("high");
    List<AlertRow> high = page.alertRows();
    assertThat(high).hasSize(10);
    assertThat(high).allSatisfy(r -> assertThat(r.priority()).isEqualTo("high"));
    assertThat(high).extracting(AlertRow::alertId).isNotEqualTo(expected);
    assertThat(high)
        .extracting(AlertRow::alertId)
        .startsWith(alertId(ETH, LATEST, 1), alertId(ETH, LATEST, 2), alertId(ETH, LATEST, 5));
    assertThat(page.alertsSummary()).contains("high-priority alerts");

    page.filterTypology("fan_in");
    List<AlertRow> highFanIn = page.alertRows();
    assertThat(highFanIn).isNotEmpty();
    assertThat(highFanIn)
        .allSatisfy(
            r -> {
              assertThat(r.priority()).isEqualTo("high");
              assertThat(r.typology()).isEqualTo("fan_in");
            });
    page.filterTypology("");

    String chosen = high.get(1).alertId(); // rank 2, which has a live score too
    assertThat(chosen).isEqualTo(alertId(ETH, LATEST, 2));
    AlertDetail detail = page.openAlert(chosen);
    assertThat(detail.text())
        .contains("Alert " + chosen, "Current stage: final", "Final score", "0.986", RUN_LATEST)
        .contains("Live score", "0.500", "missing: scored without the address's features")
        .contains("alert confidence 0.92: +0.40");
    Path opened = page.screenshot("analyst-page-alert-detail");

    for (Path shot : List.of(home, opened)) {
      assertThat(shot).exists();
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
  }

  @Test
  void a_hostile_alert_id_is_shown_as_text_and_runs_nothing() {
    page.open("/?limit=100");
    List<AlertRow> rows = page.alertRows();
    assertThat(rows).extracting(AlertRow::alertId).contains(PageTestData.HOSTILE_ID);
    AlertDetail detail = page.openAlert(PageTestData.HOSTILE_ID);
    assertThat(detail.text()).contains("Alert " + PageTestData.HOSTILE_ID);
    // an injected script or onerror handler would have opened a dialog
    Object alerts =
        ((org.openqa.selenium.JavascriptExecutor) page.webDriver())
            .executeScript("return document.querySelectorAll('#view script, #view img').length;");
    assertThat(alerts).isEqualTo(0L);
    page.webDriver().switchTo().defaultContent(); // no UnhandledAlertException: no dialog open
    assertThat(page.webDriver().getTitle()).isEqualTo("Alert scoring: analyst view");
  }
}
