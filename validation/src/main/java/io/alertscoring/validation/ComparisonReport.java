package io.alertscoring.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.core.metrics.BootstrapResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@link Comparison}: per batch, each model's tier scores; pooled over the batches,
 * the metric differences {@code B - A} with bootstrap intervals. For AUC-ROC and AUC-PR a positive
 * difference favours B; for the Brier score (lower is better) a negative one does.
 *
 * @param sharedAlerts alerts scored (finitely) by both models
 * @param positives labelled positives among them
 * @param negatives labelled negatives among them
 * @param differences by metric name ({@code auc_roc}, {@code auc_pr}, {@code brier}); empty when
 *     not evaluated
 * @param reason why differences are missing or incomplete, empty otherwise
 */
public record ComparisonReport(
    String sourceA,
    String sourceB,
    List<ValidationReport> reportsA,
    List<ValidationReport> reportsB,
    int sharedAlerts,
    int positives,
    int negatives,
    Map<String, BootstrapResult> differences,
    String reason,
    Comparison.Options options) {

  public ComparisonReport {
    reportsA = List.copyOf(reportsA);
    reportsB = List.copyOf(reportsB);
    differences = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(differences));
  }

  public double meanTotalA() {
    return reportsA.stream().mapToDouble(ValidationReport::total).average().orElse(Double.NaN);
  }

  public double meanTotalB() {
    return reportsB.stream().mapToDouble(ValidationReport::total).average().orElse(Double.NaN);
  }

  public ObjectNode toJson() {
    ObjectNode root = ReportJson.object();
    root.put("format_version", ValidationReport.FORMAT_VERSION);
    root.put("a", sourceA);
    root.put("b", sourceB);
    root.set("mean_total_a", ReportJson.value(meanTotalA()));
    root.set("mean_total_b", ReportJson.value(meanTotalB()));
    ArrayNode batches = root.putArray("batches");
    for (int i = 0; i < reportsA.size(); i++) {
      ValidationReport ra = reportsA.get(i);
      ValidationReport rb = reportsB.get(i);
      ObjectNode batch = batches.addObject();
      batch.put("network", ra.batch().network());
      batch.put("processing_date", ra.batch().processingDate());
      batch.put("window_days", ra.batch().windowDays());
      batch.set("a", tierScores(ra));
      batch.set("b", tierScores(rb));
    }
    ObjectNode pooled = root.putObject("pooled");
    pooled.put("shared_alerts", sharedAlerts);
    pooled.put("labelled", positives + negatives);
    pooled.put("positives", positives);
    pooled.put("negatives", negatives);
    ObjectNode diff = root.putObject("differences");
    diff.put("direction", "b - a");
    diff.put("status", differences.isEmpty() ? "NOT_EVALUATED" : "EVALUATED");
    diff.put("reason", reason);
    diff.put("iterations", options.iterations());
    diff.put("seed", options.seed());
    diff.set("confidence", ReportJson.value(options.confidence()));
    for (Map.Entry<String, BootstrapResult> e : differences.entrySet()) {
      BootstrapResult r = e.getValue();
      ObjectNode m = diff.putObject(e.getKey());
      m.set("a", ReportJson.value(r.baseline()));
      m.set("b", ReportJson.value(r.candidate()));
      m.set("difference", ReportJson.value(r.difference()));
      m.set("mean_difference", ReportJson.value(r.meanDifference()));
      m.set("ci_lower", ReportJson.value(r.ciLower()));
      m.set("ci_upper", ReportJson.value(r.ciUpper()));
      m.put("significant", r.significant());
    }
    ArrayNode full = root.putArray("reports");
    for (int i = 0; i < reportsA.size(); i++) {
      ObjectNode pair = full.addObject();
      pair.set("a", reportsA.get(i).toJson());
      pair.set("b", reportsB.get(i).toJson());
    }
    return root;
  }

  public String toJsonString() {
    return ReportJson.write(toJson());
  }

  private static ObjectNode tierScores(ValidationReport report) {
    ObjectNode node = ReportJson.object();
    for (TierResult tier : report.tiers()) {
      node.set(tier.name(), ReportJson.value(tier.score()));
      node.put(tier.name() + "_status", tier.status().name());
    }
    node.set("total", ReportJson.value(report.total()));
    node.put("complete", report.complete());
    return node;
  }

  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("A/B comparison").append(System.lineSeparator());
    out.append("  A: ").append(sourceA).append(System.lineSeparator());
    out.append("  B: ").append(sourceB).append(System.lineSeparator());
    out.append(
        String.format(
            Locale.ROOT,
            "  %-30s %-5s %9s %9s %12s %7s  %s%n",
            "batch",
            "model",
            "integrity",
            "behaviour",
            "ground_truth",
            "total",
            "not evaluated"));
    for (int i = 0; i < reportsA.size(); i++) {
      row(out, "A", reportsA.get(i));
      row(out, "B", reportsB.get(i));
    }
    out.append(
        String.format(Locale.ROOT, "  mean total: A %.3f, B %.3f%n", meanTotalA(), meanTotalB()));
    out.append(
        String.format(
            Locale.ROOT,
            "Pooled over the batches: %d alerts scored by both, %d labelled (%d positive, %d"
                + " negative)%n",
            sharedAlerts,
            positives + negatives,
            positives,
            negatives));
    if (differences.isEmpty()) {
      out.append("  differences NOT EVALUATED: ").append(reason).append(System.lineSeparator());
      return out.toString();
    }
    out.append(
        String.format(
            Locale.ROOT,
            "Differences B - A (paired stratified bootstrap, %d resamples, seed %d, %.0f%% CI):%n",
            options.iterations(),
            options.seed(),
            options.confidence() * 100));
    for (Map.Entry<String, BootstrapResult> e : differences.entrySet()) {
      BootstrapResult r = e.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "  %-8s A %.4f  B %.4f  diff %+.4f  mean %+.4f  CI [%+.4f, %+.4f]%s%n",
              e.getKey(),
              r.baseline(),
              r.candidate(),
              r.difference(),
              r.meanDifference(),
              r.ciLower(),
              r.ciUpper(),
              r.significant() ? "  significant" : ""));
    }
    if (!reason.isEmpty()) {
      out.append("  note: ").append(reason).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String model, ValidationReport r) {
    out.append(
        String.format(
            Locale.ROOT,
            "  %-30s %-5s %9.3f %9.3f %12.3f %7.3f  %s%n",
            r.batch().id(),
            model,
            r.integrity().score(),
            r.behaviour().score(),
            r.groundTruth().score(),
            r.total(),
            // the copy check only flags; leaving it out keeps the column readable
            String.join(
                ", ",
                r.notEvaluated().stream()
                    .filter(name -> !name.startsWith("behaviour.correlation"))
                    .toList())));
  }
}
