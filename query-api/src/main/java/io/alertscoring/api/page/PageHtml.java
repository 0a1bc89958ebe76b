package io.alertscoring.api.page;

import static io.alertscoring.api.page.Html.params;
import static io.alertscoring.api.page.Html.url;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.api.page.AnalystPage.Alerts;
import io.alertscoring.api.page.AnalystPage.Detail;
import io.alertscoring.api.page.AnalystPage.Filter;
import io.alertscoring.api.page.AnalystPage.Selection;
import io.alertscoring.api.page.AnalystPage.View;
import io.alertscoring.api.page.ReadableExplanation.Explanation;
import io.alertscoring.api.page.ReadableExplanation.Reason;
import io.alertscoring.api.store.RankedAlert;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.PublishedRun;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The page's HTML: the whole page and each fragment htmx swaps in. */
final class PageHtml {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** htmx swaps 4xx and 5xx answers too, so an error shows where the content would have gone. */
  private static final String HTMX_CONFIG =
      "{\"responseHandling\":[{\"code\":\"204\",\"swap\":false},"
          + "{\"code\":\"[2345]..\",\"swap\":true}]}";

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232b;
        background:#f5f6f8}
      header{background:#1d2a3a;color:#fff;padding:.8rem 1.5rem}
      header h1{font-size:1.2rem;margin:0}
      main{padding:1rem 1.5rem}
      form.controls{display:flex;gap:1rem;flex-wrap:wrap;align-items:end;margin-bottom:1rem}
      form.controls label{display:flex;flex-direction:column;font-size:.8rem;color:#51606f}
      select{font-size:.95rem;padding:.2rem}
      .columns{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,1fr);gap:1rem}
      section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.8rem 1rem;
        margin-bottom:1rem}
      h2{font-size:1rem;margin:.2rem 0 .6rem}
      h3{font-size:.9rem;margin:.8rem 0 .4rem}
      table{border-collapse:collapse;width:100%;font-size:.85rem}
      th,td{text-align:left;vertical-align:top;padding:.35rem .4rem;border-bottom:1px solid #eef0f3}
      th{color:#51606f;font-weight:600}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      .priority{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.8rem}
      .priority-high{background:#fbe3e1;color:#a1261b}
      .priority-medium{background:#fdf0d5;color:#8a5a00}
      .priority-low{background:#e3f1e6;color:#2b6b37}
      ul.why{list-style:none;margin:0;padding:0;font-size:.85rem}
      ul.why li{display:grid;grid-template-columns:minmax(0,1fr) 6rem;gap:.5rem;align-items:center;
        margin:.1rem 0}
      .track{display:flex;height:.55rem;background:#f0f2f5;border-radius:2px}
      .track .half{flex:1;display:flex}
      .track .half.neg{justify-content:flex-end}
      .bar{display:block;height:100%;border-radius:2px}
      .bar.pos{background:#c0392b}
      .bar.neg{background:#2e86c1}
      button.open-alert{background:none;border:none;color:#1a5fb4;cursor:pointer;padding:0;
        font:inherit;text-decoration:underline;text-align:left;word-break:break-all}
      .summary,.note{color:#51606f;font-size:.8rem}
      dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.15rem .8rem;font-size:.82rem;
        margin:0}
      dl.facts dt{color:#51606f}
      dl.facts dd{margin:0;overflow-wrap:anywhere}
      .error{background:#fbe3e1;color:#8c1d13;border:1px solid #f1b5ae;border-radius:6px;
        padding:.6rem .8rem}
      .stage{border-top:1px solid #eef0f3;padding-top:.4rem}
      .current{font-weight:600;color:#2b6b37}
      """;

  private PageHtml() {}

  // ---------------------------------------------------------------------------------------------
  // whole pages

  static String page(String htmxPath, View view) {
    return document(htmxPath, view(view));
  }

  static String errorPage(String htmxPath, int status, String message) {
    return document(htmxPath, error(status, message));
  }

  private static String document(String htmxPath, String body) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.raw("<title>Alert scoring: analyst view</title>");
    h.open("meta", "name", "htmx-config", "content", HTMX_CONFIG);
    h.open("script", "src", htmxPath).close("script");
    h.raw("<style>").raw(STYLE).raw("</style></head><body>");
    h.raw("<header><h1>Alert scoring: analyst view</h1></header>");
    h.raw("<main id=\"view\">").raw(body).raw("</main></body></html>");
    return h.toString();
  }

  /** An error where the content would have been. */
  static String error(int status, String message) {
    return new Html()
        .open("div", "class", "error", "role", "alert", "data-status", Integer.toString(status))
        .element("strong", status + " ")
        .text(message)
        .close("div")
        .toString();
  }

  // ---------------------------------------------------------------------------------------------
  // the body: controls, alerts, detail, metadata

  static String view(View view) {
    Selection s = view.selection();
    Html h = new Html();
    if (s.empty()) {
      return h.open("section", "id", "alerts")
          .element(
              "p",
              "No processing date is published yet: the page shows a date once its run is"
                  + " published.",
              "class",
              "note")
          .close("section")
          .toString();
    }
    Filter f = view.alerts().filter();
    h.open("form", "id", "selection", "class", "controls", "onsubmit", "return false");
    h.raw("<label>Network");
    h.open(
        "select",
        "name",
        "network",
        "id",
        "network",
        "hx-get",
        "/page/view",
        "hx-target",
        "#view",
        "hx-include",
        "#network");
    for (String n : s.networks()) {
      h.element("option", n, "value", n, "selected", n.equals(s.network()) ? "" : null);
    }
    h.close("select").raw("</label>");
    h.raw("<label>Processing date");
    h.open(
        "select",
        "name",
        "date",
        "id",
        "date",
        "hx-get",
        "/page/view",
        "hx-target",
        "#view",
        "hx-include",
        "#network, #date");
    for (String d : s.dates()) {
      h.element("option", d, "value", d, "selected", d.equals(s.date()) ? "" : null);
    }
    h.close("select").raw("</label>");
    String filterAttrs = "#selection";
    h.raw("<label>Priority");
    h.open(
        "select",
        "name",
        "priority",
        "id",
        "priority",
        "hx-get",
        "/page/alerts",
        "hx-target",
        "#alerts",
        "hx-swap",
        "outerHTML",
        "hx-include",
        filterAttrs);
    h.element("option", "any", "value", "");
    for (String p : AnalystPage.PRIORITIES) {
      h.element(
          "option",
          p,
          "value",
          p,
          "selected",
          f.priority().map(p::equals).orElse(false) ? "" : null);
    }
    h.close("select").raw("</label>");
    h.raw("<label>Typology");
    h.open(
        "select",
        "name",
        "typology",
        "id",
        "typology",
        "hx-get",
        "/page/alerts",
        "hx-target",
        "#alerts",
        "hx-swap",
        "outerHTML",
        "hx-include",
        filterAttrs);
    h.element("option", "any", "value", "");
    for (String t : view.alerts().typologies()) {
      h.element(
          "option",
          t,
          "value",
          t,
          "selected",
          f.typology().map(t::equals).orElse(false) ? "" : null);
    }
    h.close("select").raw("</label>");
    h.open("input", "type", "hidden", "name", "limit", "value", Integer.toString(f.limit()));
    h.close("form");
    h.raw("<div class=\"columns\"><div>");
    h.raw(alerts(view.alerts()));
    h.raw("</div><div>");
    h.open("section", "id", "detail")
        .element("h2", "Alert")
        .element("p", "Open an alert to see its final and live scores.", "class", "note")
        .close("section");
    h.raw(metadata(s));
    h.raw("</div></div>");
    return h.toString();
  }

  /** The alerts table, with a line saying what was searched and how much matched. */
  static String alerts(Alerts alerts) {
    Selection s = alerts.selection();
    Filter f = alerts.filter();
    PublishedRun run = s.run();
    Html h = new Html();
    h.open(
        "section",
        "id",
        "alerts",
        "data-network",
        s.network(),
        "data-date",
        s.date(),
        "data-priority",
        f.priority().orElse(""),
        "data-typology",
        f.typology().orElse(""));
    h.element(
        "h2",
        "Top-ranked alerts: "
            + s.network()
            + ", "
            + s.date()
            + " ("
            + run.windowDays()
            + "-day window)");
    String what =
        f.priority().map(p -> p + "-priority ").orElse("")
            + "alerts"
            + f.typology().map(t -> " of typology " + t).orElse("");
    String among =
        alerts.searched().size() >= run.rankings()
            ? "all " + run.rankings() + " ranked alerts"
            : "the "
                + alerts.searched().size()
                + " best-ranked of "
                + run.rankings()
                + " ranked alerts";
    h.element(
        "p",
        "Showing "
            + alerts.shown().size()
            + " of "
            + alerts.matching().size()
            + " "
            + what
            + " among "
            + among
            + " of this date, by rank. Bars: each feature's contribution to"
            + " the model's raw score (red raises it, blue lowers it), scaled to the alert's largest.",
        "class",
        "summary");
    if (alerts.shown().isEmpty()) {
      h.element("p", "No alert matches these filters.", "class", "note", "id", "no-alerts");
      return h.close("section").toString();
    }
    h.raw(
        "<table class=\"alerts\"><thead><tr><th>Rank</th><th>Alert</th><th>Score</th>"
            + "<th>Priority</th><th>Typology</th><th>Volume</th><th>Why: top-5 contributions</th>"
            + "</tr></thead><tbody>");
    for (RankedAlert a : alerts.shown()) {
      Explanation explanation = safeRead(a.explanationJson());
      h.open(
          "tr",
          "class",
          "alert-row",
          "data-alert-id",
          a.alertId(),
          "data-priority",
          a.priority() == null ? "" : a.priority(),
          "data-typology",
          a.typologyType() == null ? "" : a.typologyType());
      h.element("td", a.rank(), "class", "num");
      h.raw("<td>");
      h.open(
          "button",
          "type",
          "button",
          "class",
          "open-alert",
          "hx-get",
          detailUrl(a.alertId(), a.network()),
          "hx-target",
          "#detail",
          "hx-swap",
          "outerHTML");
      h.text(a.alertId()).close("button");
      if (a.address() != null) {
        h.element("div", a.address(), "class", "note");
      }
      h.raw("</td>");
      if (!a.scored()) {
        h.element("td", "ranked, no score stored", "colspan", "5", "class", "note");
        h.raw("</tr>");
        continue;
      }
      h.element("td", String.format(Locale.ROOT, "%.3f", a.score()), "class", "num");
      h.raw("<td>").raw(priority(a.priority())).raw("</td>");
      h.element("td", a.typologyType());
      h.raw("<td class=\"num\">");
      Optional<Double> volume =
          Double.isFinite(a.volumeUsd())
              ? Optional.of(a.volumeUsd())
              : explanation == null ? Optional.empty() : explanation.volumeUsd();
      if (volume.isPresent()) {
        h.text(ReadableExplanation.usd(volume.get()));
      } else {
        h.element("span", "n/a", "class", "note", "title", "no volume is stored with this score");
      }
      h.raw("</td><td>");
      h.raw(why(explanation));
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table>");
    return h.close("section").toString();
  }

  private static String detailUrl(String alertId, String network) {
    // slashes stay: the route's <alert_id> takes them, and Jetty refuses an encoded one
    return url(
        "/page/alerts/" + Html.urlPart(alertId).replace("%2F", "/"), params("network", network));
  }

  private static Explanation safeRead(String json) {
    try {
      return ReadableExplanation.read(json);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String priority(String priority) {
    if (priority == null) {
      return "";
    }
    return new Html()
        .element(
            "span", priority, "class", "priority priority-" + priority.replaceAll("[^a-z]", ""))
        .toString();
  }

  /** The explanation as sentences with bars; null: it could not be read. */
  static String why(Explanation explanation) {
    Html h = new Html();
    if (explanation == null) {
      return h.element("span", "the stored explanation could not be read", "class", "note")
          .toString();
    }
    if (explanation.reasons().isEmpty()) {
      return h.element("span", "no explanation stored", "class", "note").toString();
    }
    double largest = explanation.largestContribution();
    h.raw("<ul class=\"why\">");
    for (Reason r : explanation.reasons()) {
      h.open("li", "class", "reason", "data-feature", r.feature());
      h.element("span", r.text(), "class", "sentence");
      double c = r.contribution();
      long width = largest > 0 && !Double.isNaN(c) ? Math.round(Math.abs(c) / largest * 100) : 0;
      h.raw("<span class=\"track\" aria-hidden=\"true\"><span class=\"half neg\">");
      if (c < 0) {
        h.raw("<span class=\"bar neg\" style=\"width:" + width + "%\"></span>");
      }
      h.raw("</span><span class=\"half pos\">");
      if (c > 0) {
        h.raw("<span class=\"bar pos\" style=\"width:" + width + "%\"></span>");
      }
      h.raw("</span></span></li>");
    }
    return h.raw("</ul>").toString();
  }

  // ---------------------------------------------------------------------------------------------
  // one alert

  static String detail(Detail d) {
    Html h = new Html();
    h.open("section", "id", "detail", "data-alert-id", d.alertId());
    h.element("h2", "Alert " + d.alertId());
    String current = d.finalIsCurrent() ? "final" : "live";
    h.element(
        "p",
        "Current stage: "
            + current
            + (d.finalIsCurrent()
                ? " (the batch is scored)"
                : d.finalScore().isPresent()
                    ? " (a newer batch with this alert is still open)"
                    : " (its batch is still open)"),
        "class",
        "current");
    h.open("div", "class", "stage final");
    h.element("h3", "Final score");
    if (d.finalScore().isPresent()) {
      AlertScore s = d.finalScore().get();
      h.raw(
          scoreFacts(
              s.score(),
              s.priority(),
              s.typologyType(),
              s.address(),
              s.network(),
              s.processingDate(),
              s.windowDays(),
              s.runId(),
              s.modelVersion(),
              s.latencyMs(),
              "volume",
              Double.isFinite(s.volumeUsd()) ? ReadableExplanation.usd(s.volumeUsd()) : "n/a",
              "processed at",
              instant(s.processedAt())));
      h.raw(why(safeRead(s.explanationJson())));
      h.raw(cluster(safeRead(s.explanationJson()), d.cluster()));
    } else {
      h.element("p", "No final score: its batch is not scored yet.", "class", "note");
    }
    h.close("div");
    h.open("div", "class", "stage live");
    h.element("h3", "Live score");
    if (d.liveScore().isPresent()) {
      LiveAlertScore s = d.liveScore().get();
      h.raw(
          scoreFacts(
              s.score(),
              s.priority(),
              s.typologyType(),
              s.address(),
              s.network(),
              s.processingDate(),
              s.windowDays(),
              s.runId(),
              s.modelVersion(),
              s.latencyMs(),
              "scored at",
              instant(s.scoredAt()),
              "features",
              s.featuresMissing() ? "missing: scored without the address's features" : "present"));
      h.raw(why(safeRead(s.explanationJson())));
    } else {
      h.element("p", "No live score stored.", "class", "note");
    }
    h.close("div");
    return h.close("section").toString();
  }

  private static String scoreFacts(
      double score,
      String priority,
      String typology,
      String address,
      String network,
      String date,
      int window,
      String runId,
      String model,
      double latencyMs,
      String... moreFacts) {
    Html h = new Html().open("dl", "class", "facts");
    h.element("dt", "score").element("dd", String.format(Locale.ROOT, "%.3f", score));
    h.element("dt", "priority").raw("<dd>").raw(priority(priority)).raw("</dd>");
    h.element("dt", "typology").element("dd", typology);
    h.element("dt", "address").element("dd", address);
    h.element("dt", "batch").element("dd", network + ", " + date + ", " + window + "-day window");
    h.element("dt", "run").element("dd", runId);
    h.element("dt", "model").element("dd", model);
    h.element("dt", "latency").element("dd", String.format(Locale.ROOT, "%.1f ms", latencyMs));
    for (int i = 0; i + 1 < moreFacts.length; i += 2) {
      h.element("dt", moreFacts[i]).element("dd", moreFacts[i + 1]);
    }
    return h.close("dl").toString();
  }

  /** Members of a cluster listed in the detail; the rest are counted. */
  static final int MEMBERS_SHOWN = 20;

  /**
   * The alert's cluster (its score and members, from the cluster score row whose members include
   * the alert), then the cluster features its explanation carries.
   */
  private static String cluster(
      Explanation explanation, Optional<io.alertscoring.schemas.output.ClusterScore> cluster) {
    Html h = new Html().element("h3", "Cluster");
    if (cluster.isPresent()) {
      io.alertscoring.schemas.output.ClusterScore c = cluster.get();
      List<String> members = members(c.alertIdsJson());
      h.open("dl", "class", "facts", "id", "cluster");
      h.element("dt", "cluster").element("dd", c.clusterId());
      h.element("dt", "score").element("dd", String.format(Locale.ROOT, "%.3f", c.score()));
      h.element("dt", "priority").raw("<dd>").raw(priority(c.priority())).raw("</dd>");
      h.element("dt", "alerts").element("dd", Integer.toString(c.alertCount()));
      h.element("dt", "total volume").element("dd", ReadableExplanation.usd(c.totalVolumeUsd()));
      h.element("dt", "members in this batch")
          .element(
              "dd",
              String.join(", ", members.subList(0, Math.min(MEMBERS_SHOWN, members.size())))
                  + (members.size() > MEMBERS_SHOWN
                      ? " and " + (members.size() - MEMBERS_SHOWN) + " more"
                      : ""));
      h.close("dl");
    }
    List<Reason> clusterReasons =
        explanation == null
            ? List.of()
            : explanation.reasons().stream()
                .filter(r -> r.feature().startsWith("cluster_"))
                .toList();
    if (cluster.isPresent()) {
      if (!clusterReasons.isEmpty()) {
        h.raw("<ul class=\"cluster\">");
        for (Reason r : clusterReasons) {
          h.element("li", r.text());
        }
        h.raw("</ul>");
      }
      return h.toString();
    }
    h.element("p", "This alert is in no cluster of its batch.", "class", "note");
    return h.toString();
  }

  private static List<String> members(String alertIdsJson) {
    try {
      return List.of(
          io.alertscoring.schemas.json.OutputJson.mapper().readValue(alertIdsJson, String[].class));
    } catch (java.io.IOException | RuntimeException e) {
      return List.of();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // batch metadata

  static String metadata(Selection s) {
    Html h = new Html();
    h.open("section", "id", "metadata");
    h.element("h2", "Batch " + s.network() + ", " + s.date());
    PublishedRun run = s.run();
    h.open("dl", "class", "facts");
    h.element("dt", "run id").element("dd", run.runId(), "id", "run-id");
    h.element("dt", "window").element("dd", run.windowDays() + " days");
    h.element("dt", "published at").element("dd", instant(run.publishedAt()));
    h.element("dt", "alert scores").element("dd", run.alertScores());
    h.element("dt", "rankings").element("dd", run.rankings());
    h.element("dt", "cluster scores").element("dd", run.clusterScores());
    h.close("dl");
    if (s.metadata().isEmpty()) {
      h.element("p", "No batch metadata stored for this run.", "class", "note");
      return h.close("section").toString();
    }
    BatchMetadata m = s.metadata().get();
    h.element("h3", "Records");
    h.raw(
        "<table class=\"counts\"><thead><tr><th></th><th>received</th><th>expected</th>"
            + "</tr></thead><tbody>");
    countRow(h, "alerts", m.alertsReceived(), m.alertsExpected());
    countRow(h, "features", m.featuresReceived(), m.featuresExpected());
    countRow(h, "clusters", m.clustersReceived(), m.clustersExpected());
    countRow(h, "money flows", m.moneyFlowsReceived(), m.moneyFlowsExpected());
    h.raw("</tbody></table>");
    h.element("h3", "Timings");
    h.open("dl", "class", "facts timings");
    timing(h, "assembly", m.assemblyMs());
    timing(h, "features", m.featureMs());
    timing(h, "scoring", m.scoringMs());
    timing(h, "ranking", m.rankingMs());
    timing(h, "cluster scoring", m.clusterScoringMs());
    timing(h, "total", m.totalMs());
    h.close("dl");
    h.element("h3", "Run");
    h.open("dl", "class", "facts");
    h.element("dt", "status").element("dd", m.status().name());
    h.element("dt", "started at").element("dd", instant(m.startedAt()));
    h.element("dt", "processed at").element("dd", instant(m.processedAt()));
    h.element("dt", "written")
        .element(
            "dd",
            m.alertScoresWritten()
                + " scores, "
                + m.rankingsWritten()
                + " rankings, "
                + m.clusterScoresWritten()
                + " cluster scores");
    if (m.errorMessage() != null && !m.errorMessage().isEmpty()) {
      h.element("dt", "error").element("dd", m.errorMessage());
    }
    h.close("dl");
    h.element("h3", "Model versions");
    h.raw(modelVersions(m.modelVersions()));
    return h.close("section").toString();
  }

  private static void countRow(Html h, String what, long received, long expected) {
    h.raw("<tr>").element("th", what);
    h.element("td", received, "class", "num");
    h.element("td", expected, "class", "num");
    h.raw("</tr>");
  }

  private static void timing(Html h, String what, double ms) {
    h.element("dt", what).element("dd", String.format(Locale.ROOT, "%,.1f ms", ms));
  }

  /** The stored {@code {"role":"version"}} object as a list; any other string as it is. */
  private static String modelVersions(String json) {
    Html h = new Html();
    try {
      JsonNode node = json == null || json.isBlank() ? null : MAPPER.readTree(json);
      if (node != null && node.isObject()) {
        h.open("dl", "class", "facts models");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          h.element("dt", e.getKey())
              .element(
                  "dd", e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
        return h.close("dl").toString();
      }
    } catch (JsonProcessingException e) {
      // shown as stored
    }
    return h.element("p", json == null || json.isBlank() ? "none stored" : json, "class", "note")
        .toString();
  }

  private static String instant(long epochMs) {
    return epochMs <= 0 ? "n/a" : Instant.ofEpochMilli(epochMs).toString();
  }
}
