package io.alertscoring.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertscoring.schemas.BatchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The judgement of one scoring run of one batch: three tiers, their total, and what could not be
 * evaluated. {@link #toJson()} is the machine-readable form (format in {@code docs/validation.md}),
 * {@link #toText()} the summary a person reads.
 */
public record ValidationReport(
    BatchKey batch,
    String source,
    int scoreRows,
    TierResult integrity,
    TierResult behaviour,
    TierResult groundTruth,
    List<String> notes) {

  /** Version of the JSON format; bumped when a field changes meaning. */
  public static final int FORMAT_VERSION = 1;

  public ValidationReport {
    notes = List.copyOf(notes);
  }

  public List<TierResult> tiers() {
    return List.of(integrity, behaviour, groundTruth);
  }

  /** The total awarded: the sum of the three tiers, in [0, 1]. */
  public double total() {
    return Validator.round(integrity.score() + behaviour.score() + groundTruth.score());
  }

  /**
   * The total if every not-evaluated integrity check had passed: an upper bound that shows what
   * missing evidence costs. Equal to {@link #total()} when integrity was fully evaluated.
   */
  public double totalIfUnverifiedPass() {
    return Validator.round(
        integrity.scoreIfUnverifiedPass() + behaviour.score() + groundTruth.score());
  }

  /** {@code tier.check} names of every check that was not evaluated. */
  public List<String> notEvaluated() {
    return qualified(CheckStatus.NOT_EVALUATED);
  }

  /** {@code tier.check} names of every flagged check (no penalty). */
  public List<String> flags() {
    return qualified(CheckStatus.FLAGGED);
  }

  /**
   * True when every check that can change the total was evaluated. The copy check against other
   * submissions only flags, so its absence does not make a report incomplete.
   */
  public boolean complete() {
    return notEvaluated().stream().noneMatch(name -> !name.startsWith("behaviour.correlation"));
  }

  private List<String> qualified(CheckStatus status) {
    List<String> names = new ArrayList<>();
    for (TierResult tier : tiers()) {
      for (Check check : tier.checks()) {
        if (check.status() == status) {
          names.add(tier.name() + "." + check.name());
        }
      }
    }
    return names;
  }

  public ObjectNode toJson() {
    ObjectNode root = ReportJson.object();
    root.put("format_version", FORMAT_VERSION);
    root.put("network", batch.network());
    root.put("processing_date", batch.processingDate());
    root.put("window_days", batch.windowDays());
    root.put("source", source);
    root.put("score_rows", scoreRows);
    root.set("total", ReportJson.value(total()));
    root.set(
        "max_total",
        ReportJson.value(
            ValidationRules.INTEGRITY_POINTS
                + ValidationRules.BEHAVIOUR_POINTS
                + ValidationRules.GROUND_TRUTH_POINTS));
    root.set("total_if_unverified_pass", ReportJson.value(totalIfUnverifiedPass()));
    root.put("complete", complete());
    root.set("not_evaluated", ReportJson.value(notEvaluated()));
    root.set("flags", ReportJson.value(flags()));
    root.set("notes", ReportJson.value(notes));
    ObjectNode tiers = root.putObject("tiers");
    for (TierResult tier : tiers()) {
      tiers.set(tier.name(), ReportJson.tier(tier));
    }
    return root;
  }

  public String toJsonString() {
    return ReportJson.write(toJson());
  }

  /** A readable summary: the three tier scores and the total first, then every check. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Validation of %s %s (window %d days), %d score rows from %s%n",
            batch.network(),
            batch.processingDate(),
            batch.windowDays(),
            scoreRows,
            source));
    for (TierResult tier : tiers()) {
      out.append(tierLine(tier));
    }
    out.append(String.format(Locale.ROOT, "  %-13s %.3f / %.1f", "total", total(), 1.0));
    if (totalIfUnverifiedPass() != total()) {
      out.append(
          String.format(
              Locale.ROOT,
              "   (%.3f if the not-evaluated integrity checks passed)",
              totalIfUnverifiedPass()));
    }
    out.append(System.lineSeparator());
    if (!complete()) {
      out.append("  INCOMPLETE: not evaluated: ")
          .append(String.join(", ", notEvaluated()))
          .append(System.lineSeparator());
    }
    if (!flags().isEmpty()) {
      out.append("  FLAGGED: ").append(String.join(", ", flags())).append(System.lineSeparator());
    }
    for (String note : notes) {
      out.append("  note: ").append(note).append(System.lineSeparator());
    }
    out.append("Checks:").append(System.lineSeparator());
    for (TierResult tier : tiers()) {
      for (Check check : tier.checks()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-13s %-28s %-14s %s%n",
                tier.name(),
                check.name(),
                check.status() + (check.penalty() > 0 ? " -" + check.penalty() : ""),
                check.detail()));
      }
    }
    return out.toString();
  }

  private static String tierLine(TierResult tier) {
    String summary = tier.reason();
    if (tier.name().equals("ground_truth") && tier.status() == TierStatus.SCORED) {
      Map<String, Object> m = tier.metrics();
      @SuppressWarnings("unchecked")
      Map<String, Object> best = (Map<String, Object>) m.get("best_f1");
      summary =
          String.format(
              Locale.ROOT,
              "AUC-ROC %.4f, AUC-PR %.4f, best F1 %.4f at threshold %.4f",
              (Double) m.get("auc_roc"),
              (Double) m.get("auc_pr"),
              (Double) best.get("f1"),
              (Double) best.get("threshold"));
    }
    return String.format(
        Locale.ROOT,
        "  %-13s %.3f / %.1f  %-13s %s%n",
        tier.name().replace('_', ' '),
        tier.score(),
        tier.max(),
        tier.status(),
        summary);
  }
}
