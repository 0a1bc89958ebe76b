package io.alertscoring.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.infra.FreePorts;
import io.alertscoring.launcher.data.DemoDataset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code bin/alert-scoring local} does, in-process: every real part started, the generated
 * dataset published, and the API answering with what was published.
 */
class LocalRunITCase {
  static LocalRun run;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    run =
        new LocalRun(
            new LocalRun.Options(
                FreePorts.findOne(),
                50,
                Path.of("..", "trained_models").toAbsolutePath(),
                null,
                true));
    run.start(); // returns once every published batch is COMPLETED
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + run.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void notifiesTheDemoReceiverOnceOfEachNotifiedAlertWithAValidSignature() throws Exception {
    io.alertscoring.webhooks.receiver.RecordingReceiver receiver = run.webhooks().demoReceiver();
    JsonNode demo = null;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (JsonNode e : get("/webhooks/endpoints").get("items")) {
        if (e.get("endpoint_id").asText().equals("local-demo")) {
          demo = e;
        }
      }
      if (demo != null && demo.get("delivered").asLong() == receiver.received().size()) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(demo).as("the demo endpoint in /webhooks/endpoints").isNotNull();
    assertThat(demo.get("delivered").asLong()).isPositive();
    assertThat(demo.get("failed").asLong()).isZero();
    var received = receiver.received();
    assertThat(received).hasSize((int) demo.get("delivered").asLong());
    assertThat(received).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    assertThat(received.stream().map(r -> r.eventId()).distinct().count())
        .isEqualTo(received.size());
    assertThat(received)
        .allSatisfy(r -> assertThat(r.payload().get("priority").asText()).isEqualTo("high"));
  }

  @Test
  void servesTheTopTenAndTheLatestMetadataWithThePublishedCounts() throws Exception {
    JsonNode top = get("/scores/rankings/top/10?network=ethereum");
    JsonNode items = top.has("items") ? top.get("items") : top;
    assertThat(items).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(items.get(i).get("rank").asInt()).isEqualTo(i + 1);
    }

    JsonNode latest = get("/metadata/latest");
    assertThat(latest.get("status").asText()).isEqualTo("COMPLETED");
    DemoDataset.Batch batch =
        run.published().stream()
            .filter(
                b ->
                    b.key().network().equals(latest.get("network").asText())
                        && b.key().processingDate().equals(latest.get("processing_date").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(latest.get("alerts_received").asLong()).isEqualTo(batch.alerts());
    assertThat(latest.get("features_received").asLong()).isEqualTo(batch.features());
    assertThat(latest.get("clusters_received").asLong()).isEqualTo(batch.clusters());
    assertThat(latest.get("money_flows_received").asLong()).isEqualTo(batch.moneyFlows());

    String newest =
        run.published().stream()
            .map(b -> b.key().processingDate())
            .max(Comparator.naturalOrder())
            .orElseThrow();
    assertThat(get("/dates/latest?network=bitcoin").toString()).contains(newest);
    assertThat(get("/networks").toString()).contains("ethereum", "bitcoin");
  }

  @Test
  void theDemoShowsAlertsWorthInvestigatingAndHoldsTheirGroundTruth() throws Exception {
    JsonNode top = get("/scores/rankings/top/10?network=ethereum");
    JsonNode first = (top.has("items") ? top.get("items") : top).get(0);
    JsonNode alert = get("/alerts/" + first.get("alert_id").asText() + "?network=ethereum");
    assertThat(alert.get("priority").asText())
        .as("the top-ranked alert of the demo: " + alert)
        .isEqualTo("high");
    assertThat(alert.get("score").asDouble()).isGreaterThan(0.5);

    try (java.sql.Connection c =
            new ru.yandex.clickhouse.ClickHouseDriver()
                .connect(run.clickhouseUrl(), new java.util.Properties());
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT count(), countIf(risk_level IN ('high', 'critical'))"
                    + " FROM core_address_labels FINAL WHERE network = 'ethereum'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("labels of the demo").isPositive();
      assertThat(rs.getLong(2)).as("positive labels of the demo").isPositive();
    }
  }

  @Test
  void theEmbeddedJobServesItsCountersInThePrometheusTextFormat() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(run.jobMetricsUrl())).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    long completed =
        response
            .body()
            .lines()
            .filter(l -> l.startsWith("flink_taskmanager_job_task_operator_batchesCompleted{"))
            .mapToLong(l -> Math.round(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))))
            .sum();
    assertThat(completed).isEqualTo(run.published().size());
    assertThat(response.body()).contains("flink_taskmanager_job_task_operator_kind_records{");
  }

  @Test
  void postingTheDemosScoreRequestReturnsTheScoresTheJobStored() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + run.port() + "/score/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(run.scoreRequest()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode onDemand = JSON.readTree(response.body());
    String date = onDemand.get("processing_date").asText();
    JsonNode stored =
        get(
            "/scores/alerts/"
                + date
                + "?network="
                + onDemand.get("network").asText()
                + "&limit=10000");
    java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
    stored.get("items").forEach(item -> byId.put(item.get("alert_id").asText(), item));
    assertThat(onDemand.get("alert_scores")).hasSize(byId.size());
    for (JsonNode a : onDemand.get("alert_scores")) {
      JsonNode s = byId.get(a.get("alert_id").asText());
      assertThat(s).as(a.get("alert_id").asText()).isNotNull();
      assertThat(a.get("priority")).isEqualTo(s.get("priority"));
      assertThat(a.get("model_sha256")).isEqualTo(s.get("model_sha256"));
      assertThat(a.get("explanation")).isEqualTo(s.get("explanation"));
      // bit for bit: scores are stored as their exact decimal expansion (ColumnType.FLOAT64_EXACT)
      assertThat(Double.doubleToRawLongBits(s.get("score").asDouble()))
          .as(a.get("alert_id").asText())
          .isEqualTo(Double.doubleToRawLongBits(a.get("score").asDouble()));
    }
  }

  @Test
  void anAnalystSeesTheTopTenOfTheLatestEthereumDateFiltersThemAndOpensOne() throws Exception {
    java.util.List<String> topIds = new java.util.ArrayList<>();
    JsonNode top = get("/scores/rankings/top/10?network=ethereum");
    (top.has("items") ? top.get("items") : top)
        .forEach(r -> topIds.add(r.get("alert_id").asText()));
    Path shots = Path.of("target", "screenshots").toAbsolutePath();
    try (io.alertscoring.api.page.AnalystPageDriver page =
        io.alertscoring.api.page.AnalystPageDriver.start("http://localhost:" + run.port(), shots)) {
      page.openHome();
      assertThat(page.htmxLoaded()).isTrue();
      java.util.List<io.alertscoring.api.page.AnalystPageDriver.AlertRow> rows = page.alertRows();
      assertThat(rows)
          .extracting(io.alertscoring.api.page.AnalystPageDriver.AlertRow::alertId)
          .as("the page's rows are the API's top 10 of the latest ethereum date")
          .isEqualTo(topIds);
      assertThat(rows).allSatisfy(r -> assertThat(r.sentences()).hasSize(5));
      assertThat(rows.get(0).priority()).isEqualTo("high");
      assertThat(page.metadataText()).contains("COMPLETED");
      Path home = page.screenshot("local-analyst-page");

      page.filterPriority("medium");
      assertThat(page.alertRows())
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.priority()).isEqualTo("medium"));
      page.filterPriority("");

      String chosen = rows.get(0).alertId();
      io.alertscoring.api.page.AnalystPageDriver.AlertDetail detail = page.openAlert(chosen);
      assertThat(detail.text()).contains("Alert " + chosen, "Final score");
      Path opened = page.screenshot("local-analyst-page-alert");

      // an alert of the best cluster: its detail names the cluster and its members
      JsonNode cluster =
          get("/scores/clusters/latest?network=ethereum&limit=1").get("items").get(0);
      String member = cluster.get("alert_ids").get(0).asText();
      page.open("/?network=ethereum&limit=100");
      io.alertscoring.api.page.AnalystPageDriver.AlertDetail clustered = page.openAlert(member);
      assertThat(clustered.text())
          .contains("Alert " + member, cluster.get("cluster_id").asText(), "members in this batch");
      page.screenshot("local-analyst-page-cluster");

      // the API's description renders in Swagger UI, one block per operation
      page.webDriver().get("http://localhost:" + run.port() + "/docs");
      new org.openqa.selenium.support.ui.WebDriverWait(
              page.webDriver(), io.alertscoring.api.page.AnalystPageDriver.WAIT)
          .until(d -> d.findElements(org.openqa.selenium.By.cssSelector(".opblock")).size() >= 25);
      String docs = page.webDriver().findElement(org.openqa.selenium.By.tagName("body")).getText();
      assertThat(docs).contains("/score/alerts", "/scores/rankings/top/{n}", "/models");
      page.screenshot("local-swagger-ui");
      for (Path shot : java.util.List.of(home, opened)) {
        assertThat(java.nio.file.Files.size(shot)).isGreaterThan(10_000);
      }
    }
  }
}
