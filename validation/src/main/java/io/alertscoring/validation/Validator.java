package io.alertscoring.validation;

import static io.alertscoring.validation.ValidationRules.*;

import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.core.metrics.Correlation;
import io.alertscoring.core.metrics.OperatingPoint;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges one scoring run by SPEC section 7. Stateless and deterministic: the same input gives the
 * same report (alerts are processed in alert-id order).
 *
 * <p>Where the source holds two rows for one alert id (possible in a file, impossible in a table
 * read with FINAL), integrity fails, and the other tiers use the row with the highest {@code
 * version} (the later one on a tie), which is what a FINAL read would have kept.
 */
public final class Validator {

  /** Columns a stored score must have, with the names of {@code alert_scores}. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of(
          "network",
          "processing_date",
          "window_days",
          "alert_id",
          "address",
          "typology_type",
          "score",
          "priority",
          "model_version",
          "model_sha256",
          "explanation_json",
          "latency_ms");

  private static final Set<String> PRIORITIES = Set.of("low", "medium", "high");
  private static final int EXAMPLES = 3;

  public ValidationReport validate(ValidationInput input) {
    Map<String, AlertScore> latest = latestById(input.run().scores());
    TierResult integrity = integrity(input, latest);
    TierResult behaviour = behaviour(input, latest);
    TierResult groundTruth = groundTruth(input, latest);
    return new ValidationReport(
        input.batch(),
        input.run().source(),
        input.run().scores().size(),
        integrity,
        behaviour,
        groundTruth,
        input.notes());
  }

  // ------------------------------------------------------------------------------- integrity

  private TierResult integrity(ValidationInput input, Map<String, AlertScore> latest) {
    List<Check> checks = new ArrayList<>();
    List<String> duplicates = duplicates(input.run().scores());
    checks.add(oneScorePerInputAlert(input, latest.keySet(), duplicates));
    checks.add(sameAlertIds(input, latest.keySet()));
    checks.add(requiredColumns(input.run()));
    checks.add(scoresInRange(input.run().scores()));
    checks.add(meanLatency(input.run().scores()));
    checks.add(determinism(input, latest));

    List<String> failed = names(checks, CheckStatus.FAIL);
    List<String> unevaluated = names(checks, CheckStatus.NOT_EVALUATED);
    if (!failed.isEmpty()) {
      return tier(
          "integrity", 0.0, INTEGRITY_POINTS, TierStatus.FAIL, "failed: " + join(failed), checks);
    }
    if (!unevaluated.isEmpty()) {
      return tier(
          "integrity",
          0.0,
          INTEGRITY_POINTS,
          TierStatus.UNVERIFIED,
          "not awarded: "
              + join(unevaluated)
              + " not evaluated (every evaluated check passed; with those shown to pass the tier"
              + " would score "
              + INTEGRITY_POINTS
              + ")",
          checks);
    }
    return tier("integrity", INTEGRITY_POINTS, INTEGRITY_POINTS, TierStatus.PASS, "", checks);
  }

  private static Check oneScorePerInputAlert(
      ValidationInput input, Set<String> scored, List<String> duplicates) {
    String name = "one_score_per_input_alert";
    long rows = input.run().scores().size();
    String dupText =
        duplicates.isEmpty()
            ? "no alert id scored twice"
            : duplicates.size() + " alert ids scored more than once, e.g. " + examples(duplicates);
    var metadata = input.run().metadata();
    if (input.inputAlerts().isPresent()) {
      InputAlerts alerts = input.inputAlerts().get();
      Set<String> expected = new TreeSet<>(alerts.alertIds());
      boolean ok = duplicates.isEmpty() && expected.equals(scored);
      String detail =
          rows
              + " score rows for "
              + expected.size()
              + " distinct input alerts ("
              + alerts.source()
              + "); "
              + dupText
              + metadata.map(m -> "; batch_metadata: " + metadataText(m)).orElse("");
      return Check.of(ok, name, rows, "exactly one score per input alert id", detail);
    }
    if (metadata.isPresent()) {
      BatchMetadata m = metadata.get();
      boolean completed = "COMPLETED".equals(String.valueOf(m.status()));
      boolean ok = duplicates.isEmpty() && completed && rows == m.alertsReceived();
      String detail =
          rows
              + " score rows, batch_metadata: "
              + metadataText(m)
              + "; "
              + dupText
              + " (alert ids themselves not compared: no input alert list)";
      return Check.of(ok, name, rows, "batch COMPLETED and rows == alerts_received", detail);
    }
    return Check.notEvaluated(
        name,
        "exactly one score per input alert",
        "neither a batch_metadata row nor an input alert list (--alerts-file, or analyzers_alerts"
            + " in the scores' ClickHouse) says how many alerts came in; "
            + rows
            + " score rows, "
            + dupText);
  }

  private static String metadataText(BatchMetadata m) {
    return "status "
        + m.status()
        + ", alerts_received "
        + m.alertsReceived()
        + ", alert_scores_written "
        + m.alertScoresWritten();
  }

  private static Check sameAlertIds(ValidationInput input, Set<String> scored) {
    String name = "same_alert_ids";
    String requirement = "scored alert ids == input alert ids";
    if (input.inputAlerts().isEmpty()) {
      return Check.notEvaluated(
          name,
          requirement,
          "no input alert list (--alerts-file, or analyzers_alerts rows for this batch in the"
              + " scores' ClickHouse): the ids cannot be compared");
    }
    Set<String> expected = new TreeSet<>(input.inputAlerts().get().alertIds());
    List<String> missing = expected.stream().filter(id -> !scored.contains(id)).toList();
    List<String> unexpected = scored.stream().filter(id -> !expected.contains(id)).toList();
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("missing", missing.size());
    value.put("unexpected", unexpected.size());
    String detail =
        missing.isEmpty() && unexpected.isEmpty()
            ? "all " + expected.size() + " input alert ids scored, no other id"
            : missing.size()
                + " input alerts without a score"
                + (missing.isEmpty() ? "" : " (e.g. " + examples(missing) + ")")
                + ", "
                + unexpected.size()
                + " scores for ids that are not input alerts"
                + (unexpected.isEmpty() ? "" : " (e.g. " + examples(unexpected) + ")");
    return Check.of(missing.isEmpty() && unexpected.isEmpty(), name, value, requirement, detail);
  }

  private static Check requiredColumns(ScoringRun run) {
    String name = "required_columns";
    List<String> missing =
        REQUIRED_COLUMNS.stream().filter(run.missingColumns()::contains).toList();
    Map<String, Integer> emptyByColumn = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    for (AlertScore s : run.scores()) {
      List<String> bad = new ArrayList<>();
      check(bad, "alert_id", s.alertId());
      check(bad, "address", s.address());
      check(bad, "typology_type", s.typologyType());
      check(bad, "model_version", s.modelVersion());
      check(bad, "model_sha256", s.modelSha256());
      check(bad, "explanation_json", s.explanationJson());
      if (s.priority() == null || !PRIORITIES.contains(s.priority())) {
        bad.add("priority");
      }
      for (String column : bad) {
        if (!missing.contains(column)) {
          emptyByColumn.merge(column, 1, Integer::sum);
        }
      }
      if (!bad.isEmpty() && examples.size() < EXAMPLES) {
        examples.add(s.alertId() + " " + bad);
      }
    }
    int problems = missing.size() + emptyByColumn.values().stream().mapToInt(i -> i).sum();
    String detail;
    if (problems == 0) {
      detail = "all " + REQUIRED_COLUMNS.size() + " required columns present and filled";
    } else {
      detail =
          (missing.isEmpty() ? "" : "missing columns " + missing + "; ")
              + (emptyByColumn.isEmpty()
                  ? ""
                  : "empty or invalid values per column "
                      + emptyByColumn
                      + " (priority must be low|medium|high), e.g. "
                      + examples);
    }
    return Check.of(
        problems == 0,
        name,
        problems,
        "columns " + String.join(", ", REQUIRED_COLUMNS) + " present and non-empty",
        detail);
  }

  private static void check(List<String> bad, String column, String value) {
    if (value == null || value.isBlank()) {
      bad.add(column);
    }
  }

  private static Check scoresInRange(List<AlertScore> scores) {
    long outside = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    List<String> examples = new ArrayList<>();
    for (AlertScore s : scores) {
      double v = s.score();
      if (!(v >= 0.0 && v <= 1.0)) {
        outside++;
        if (examples.size() < EXAMPLES) {
          examples.add(s.alertId() + "=" + v);
        }
      } else {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    String detail =
        outside == 0
            ? (scores.isEmpty() ? "no scores" : "scores in [" + fmt(min) + ", " + fmt(max) + "]")
            : outside + " scores outside [0,1] or not a number, e.g. " + examples;
    return Check.of(outside == 0, "scores_in_range", outside, "every score in [0,1]", detail);
  }

  private static Check meanLatency(List<AlertScore> scores) {
    String name = "mean_latency_ms";
    String requirement = "mean latency_ms <= " + fmt(MAX_MEAN_LATENCY_MS);
    if (scores.isEmpty()) {
      return Check.notEvaluated(name, requirement, "no scores, so no latencies");
    }
    double sum = 0.0;
    long invalid = 0;
    for (AlertScore s : scores) {
      if (Double.isFinite(s.latencyMs()) && s.latencyMs() >= 0.0) {
        sum += s.latencyMs();
      } else {
        invalid++;
      }
    }
    if (invalid > 0) {
      return Check.fail(
          name, null, requirement, invalid + " rows without a valid (finite, >= 0) latency_ms");
    }
    double mean = sum / scores.size();
    return Check.of(
        mean <= MAX_MEAN_LATENCY_MS,
        name,
        mean,
        requirement,
        "mean " + fmt(mean) + " ms over " + scores.size() + " scores");
  }

  private static Check determinism(ValidationInput input, Map<String, AlertScore> latest) {
    String name = "determinism";
    String requirement =
        "a second scoring of the batch gives |difference| <= " + DETERMINISM_TOLERANCE;
    if (input.rerun().isEmpty()) {
      return Check.notEvaluated(
          name,
          requirement,
          "no second scoring of this batch was given (--rerun SOURCE): the stored run alone"
              + " cannot show that scoring twice gives the same scores");
    }
    ScoringRun rerun = input.rerun().get();
    if (rerun.source().equals(input.run().source())) {
      return Check.notEvaluated(
          name,
          requirement,
          "the second scoring is the same stored data (" + rerun.source() + "), not a re-run");
    }
    Map<String, AlertScore> second = latestById(rerun.scores());
    if (second.isEmpty()) {
      return Check.notEvaluated(
          name,
          requirement,
          "the second scoring (" + rerun.source() + ") holds no scores for this batch");
    }
    List<String> onlyFirst = latest.keySet().stream().filter(k -> !second.containsKey(k)).toList();
    List<String> onlySecond = second.keySet().stream().filter(k -> !latest.containsKey(k)).toList();
    double maxDiff = 0.0;
    String worst = "";
    for (Map.Entry<String, AlertScore> e : latest.entrySet()) {
      AlertScore other = second.get(e.getKey());
      if (other == null) {
        continue;
      }
      double diff = Math.abs(e.getValue().score() - other.score());
      if (!(diff <= maxDiff)) { // also catches NaN
        maxDiff = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
        worst = e.getKey();
      }
    }
    boolean ok = onlyFirst.isEmpty() && onlySecond.isEmpty() && maxDiff <= DETERMINISM_TOLERANCE;
    String detail =
        "compared "
            + (latest.size() - onlyFirst.size())
            + " alerts with "
            + rerun.source()
            + ": max |difference| "
            + maxDiff
            + (worst.isEmpty() ? "" : " (alert " + worst + ")")
            + (onlyFirst.isEmpty() && onlySecond.isEmpty()
                ? ""
                : "; "
                    + onlyFirst.size()
                    + " alerts only in the first scoring, "
                    + onlySecond.size()
                    + " only in the second");
    return Check.of(ok, name, Double.isFinite(maxDiff) ? maxDiff : null, requirement, detail);
  }

  // ------------------------------------------------------------------------------- behaviour

  private TierResult behaviour(ValidationInput input, Map<String, AlertScore> latest) {
    double[] scores =
        latest.values().stream().mapToDouble(AlertScore::score).filter(Double::isFinite).toArray();
    List<Check> checks = new ArrayList<>();
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (scores.length == 0) {
      checks.add(Check.notEvaluated("score_variance", "", "no finite scores"));
      return new TierResult(
          "behaviour",
          0.0,
          BEHAVIOUR_POINTS,
          TierStatus.NOT_EVALUATED,
          "no finite scores to judge",
          checks,
          metrics);
    }
    double mean = Arrays.stream(scores).average().orElse(Double.NaN);
    double variance = Arrays.stream(scores).map(v -> (v - mean) * (v - mean)).sum() / scores.length;
    double median = median(scores);
    metrics.put("alerts", scores.length);
    metrics.put("mean", mean);
    metrics.put("median", median);
    metrics.put("variance", variance);

    checks.add(
        penalty(
            variance >= MIN_SCORE_VARIANCE,
            "score_variance",
            variance,
            "variance >= " + MIN_SCORE_VARIANCE + " (else -" + LOW_VARIANCE_PENALTY + ")",
            LOW_VARIANCE_PENALTY,
            "population variance " + fmt(variance) + " of " + scores.length + " scores"));

    if (!input.trapsGiven()) {
      checks.add(
          Check.notEvaluated(
              "pattern_traps",
              "no score within " + TRAP_TOLERANCE + " of a trap's value",
              "no trap list given (--traps FILE): the trap penalties could not be applied"));
    } else if (input.traps().isEmpty()) {
      checks.add(Check.pass("pattern_traps", 0, "", "the trap list is empty"));
    } else {
      for (Trap trap : input.traps()) {
        checks.add(trapCheck(trap, latest.get(trap.alertId())));
      }
    }

    checks.add(
        penalty(
            median >= MIN_MEDIAN && median <= MAX_MEDIAN,
            "median_score",
            median,
            "median in [" + MIN_MEDIAN + ", " + MAX_MEDIAN + "] (else -" + MEDIAN_PENALTY + ")",
            MEDIAN_PENALTY,
            "median " + fmt(median) + " of " + scores.length + " scores"));

    if (input.others().isEmpty()) {
      checks.add(
          Check.notEvaluated(
              "correlation_with_other_submissions",
              "flag Pearson > " + COPY_CORRELATION,
              "no other submission given (--other-scores SOURCE)"));
    }
    for (OtherSubmission other : input.others()) {
      checks.add(correlation(other, latest));
    }

    double penalties = checks.stream().mapToDouble(Check::penalty).sum();
    double score = round(Math.max(0.0, BEHAVIOUR_POINTS - penalties));
    List<String> penalised = checks.stream().filter(c -> c.penalty() > 0).map(Check::name).toList();
    String reason =
        penalised.isEmpty()
            ? ""
            : String.format(
                Locale.ROOT, "penalties %.2f for %s", round(penalties), join(penalised));
    return new TierResult(
        "behaviour", score, BEHAVIOUR_POINTS, TierStatus.SCORED, reason, checks, metrics);
  }

  private static Check trapCheck(Trap trap, AlertScore scored) {
    String name = "pattern_trap:" + trap.alertId();
    String requirement =
        "score not within "
            + TRAP_TOLERANCE
            + " of "
            + trap.expectedScore()
            + " (else -"
            + TRAP_PENALTY
            + ")";
    if (scored == null || !Double.isFinite(scored.score())) {
      return Check.notEvaluated(name, requirement, "the trap alert has no (finite) score");
    }
    double distance = Math.abs(scored.score() - trap.expectedScore());
    // a decimal distance of exactly 0.01 (0.35 vs 0.34) may be 0.010000000000000009 in binary:
    // the slack keeps "within 0.01" meaning what it says in decimal
    boolean caught = distance <= TRAP_TOLERANCE + 1e-12;
    return penalty(
        !caught,
        name,
        scored.score(),
        requirement,
        TRAP_PENALTY,
        caught
            ? "answered the trap value (distance " + fmt(distance) + ")"
            : "distance " + fmt(distance) + " from the trap value");
  }

  private static Check correlation(OtherSubmission other, Map<String, AlertScore> latest) {
    String name = "correlation:" + other.name();
    String requirement =
        "flag Pearson > " + COPY_CORRELATION + " over >= " + MIN_SHARED_ALERTS + " shared alerts";
    List<String> shared = new ArrayList<>();
    for (Map.Entry<String, AlertScore> e : latest.entrySet()) {
      Double theirs = other.scoresByAlertId().get(e.getKey());
      if (theirs != null && Double.isFinite(theirs) && Double.isFinite(e.getValue().score())) {
        shared.add(e.getKey());
      }
    }
    if (shared.size() < MIN_SHARED_ALERTS) {
      return Check.notEvaluated(
          name, requirement, "only " + shared.size() + " shared alerts with " + other.name());
    }
    double[] ours = new double[shared.size()];
    double[] theirs = new double[shared.size()];
    for (int i = 0; i < shared.size(); i++) {
      ours[i] = latest.get(shared.get(i)).score();
      theirs[i] = other.scoresByAlertId().get(shared.get(i));
    }
    double r = Correlation.pearson(ours, theirs);
    if (Double.isNaN(r)) {
      return Check.notEvaluated(
          name, requirement, "correlation undefined: one side has constant scores");
    }
    String detail = "Pearson " + fmt(r) + " over " + shared.size() + " shared alerts";
    if (r > COPY_CORRELATION) {
      return new Check(
          name, CheckStatus.FLAGGED, r, requirement, 0.0, detail + ": looks like the same model");
    }
    return Check.pass(name, r, requirement, detail);
  }

  private static Check penalty(
      boolean ok, String name, Object value, String requirement, double penalty, String detail) {
    return ok
        ? Check.pass(name, value, requirement, detail)
        : new Check(name, CheckStatus.FAIL, value, requirement, penalty, detail);
  }

  // ---------------------------------------------------------------------------- ground truth

  private TierResult groundTruth(ValidationInput input, Map<String, AlertScore> latest) {
    List<Check> checks = new ArrayList<>();
    Map<String, Object> metrics = new LinkedHashMap<>();
    LabelSet labels = input.labels();
    metrics.put("labels_source", labels.source());
    List<Double> scoreList = new ArrayList<>();
    List<Boolean> labelList = new ArrayList<>();
    int unlabelled = 0;
    for (AlertScore s : latest.values()) {
      AddressLabel label = s.address() == null ? null : labels.byAddress().get(s.address());
      if (label == null || !Double.isFinite(s.score())) {
        unlabelled++;
        continue;
      }
      scoreList.add(s.score());
      labelList.add(label.isPositive());
    }
    int positives = (int) labelList.stream().filter(b -> b).count();
    int negatives = labelList.size() - positives;
    metrics.put("labelled_alerts", labelList.size());
    metrics.put("positives", positives);
    metrics.put("negatives", negatives);
    metrics.put("unlabelled_alerts", unlabelled);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("positives", positives);
    counts.put("negatives", negatives);
    String requirement = ">= " + MIN_LABELLED_PER_CLASS + " labelled alerts of each class";
    if (positives < MIN_LABELLED_PER_CLASS || negatives < MIN_LABELLED_PER_CLASS) {
      String why =
          (labels.byAddress().isEmpty() ? "no labels (" + labels.source() + "); " : "")
              + "needs "
              + requirement
              + ", got "
              + positives
              + " positive and "
              + negatives
              + " negative ("
              + unlabelled
              + " alerts without a label)";
      checks.add(
          new Check("labelled_alerts", CheckStatus.NOT_EVALUATED, counts, requirement, 0, why));
      return new TierResult(
          "ground_truth", 0.0, GROUND_TRUTH_POINTS, TierStatus.NOT_EVALUATED, why, checks, metrics);
    }
    checks.add(
        Check.pass(
            "labelled_alerts",
            counts,
            requirement,
            positives + " positive, " + negatives + " negative, " + unlabelled + " unlabelled"));
    double[] scores = scoreList.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] y = new boolean[labelList.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labelList.get(i);
    }
    double auc = BinaryMetrics.aucRoc(scores, y);
    double ap = BinaryMetrics.averagePrecision(scores, y);
    OperatingPoint best = BinaryMetrics.bestF1(scores, y);
    metrics.put("auc_roc", auc);
    metrics.put("auc_pr", ap);
    Map<String, Object> bestF1 = new LinkedHashMap<>();
    bestF1.put("f1", best.f1());
    bestF1.put("threshold", best.threshold());
    bestF1.put("precision", best.precision());
    bestF1.put("recall", best.recall());
    metrics.put("best_f1", bestF1);
    // scores_in_range may have failed; Brier and ECE are only defined for probabilities
    boolean probabilities = Arrays.stream(scores).allMatch(v -> v >= 0.0 && v <= 1.0);
    metrics.put("brier", probabilities ? BinaryMetrics.brier(scores, y) : null);
    metrics.put(
        "expected_calibration_error",
        probabilities ? BinaryMetrics.expectedCalibrationError(scores, y) : null);
    double score = round(AUC_ROC_WEIGHT * auc + AUC_PR_WEIGHT * ap);
    return new TierResult(
        "ground_truth", score, GROUND_TRUTH_POINTS, TierStatus.SCORED, "", checks, metrics);
  }

  // --------------------------------------------------------------------------------- helpers

  /** One row per alert id, the highest version winning (the later row on a tie), by id. */
  static Map<String, AlertScore> latestById(List<AlertScore> scores) {
    Map<String, AlertScore> latest = new TreeMap<>();
    for (AlertScore s : scores) {
      String id = s.alertId() == null ? "" : s.alertId();
      latest.merge(id, s, (old, neu) -> neu.version() >= old.version() ? neu : old);
    }
    return latest;
  }

  private static List<String> duplicates(List<AlertScore> scores) {
    Set<String> seen = new java.util.HashSet<>();
    Set<String> dups = new TreeSet<>();
    for (AlertScore s : scores) {
      if (!seen.add(s.alertId() == null ? "" : s.alertId())) {
        dups.add(s.alertId());
      }
    }
    return List.copyOf(dups);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static TierResult tier(
      String name, double score, double max, TierStatus status, String reason, List<Check> checks) {
    return new TierResult(name, score, max, status, reason, checks, Map.of());
  }

  private static List<String> names(List<Check> checks, CheckStatus status) {
    return checks.stream().filter(c -> c.status() == status).map(Check::name).toList();
  }

  private static String join(List<String> names) {
    return String.join(", ", new LinkedHashSet<>(names));
  }

  private static String examples(List<String> ids) {
    return String.join(", ", ids.subList(0, Math.min(EXAMPLES, ids.size())));
  }

  /** Removes the binary noise of sums like 0.3 - 0.1 - 0.05. */
  static double round(double value) {
    return Math.round(value * 1e9) / 1e9;
  }

  static String fmt(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
