package io.alertscoring.api.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.api.page.FeatureLabels.BatchRelative;
import io.alertscoring.api.page.FeatureLabels.Label;
import io.alertscoring.api.page.FeatureLabels.Unit;
import io.alertscoring.schemas.Severity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A stored explanation (the JSON array {@code [{feature, value, contribution}]} that scoring-core's
 * {@code Explanations.topK} writes: the alert's top features by absolute contribution to the
 * model's raw score) read as sentences, e.g. "address PageRank 0.004 is in the top 1% of this
 * batch: +0.61".
 *
 * <p>Only what the entries hold is said. A percentile is quoted only for the batch-relative
 * percentile features, whose stored value <i>is</i> the alert's mid-rank percentile within the
 * batch (or its typology); their variable's own value is quoted beside it when the same explanation
 * carries that feature too. Every other feature reads as its label and value: nothing says where
 * such a value stands in the batch, so no rank is claimed for it.
 */
final class ReadableExplanation {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * One entry of the explanation.
   *
   * @param feature the stored feature name
   * @param sentence what the entry says, without the contribution
   * @param contribution the entry's contribution to the raw score (NaN when not stored)
   */
  record Reason(String feature, String sentence, double contribution) {

    /** The contribution, signed, two decimals ("+0.61", "-0.05"). */
    String signedContribution() {
      if (Double.isNaN(contribution)) {
        return "?";
      }
      double abs = Math.abs(contribution);
      String format = abs > 0 && abs < 0.005 ? "%+.3f" : "%+.2f";
      return String.format(Locale.ROOT, format, contribution);
    }

    /** The sentence and the contribution: "alert volume $125,000: +0.42". */
    String text() {
      return sentence + ": " + signedContribution();
    }
  }

  /**
   * An explanation read.
   *
   * @param reasons its entries in stored order (largest absolute contribution first)
   * @param values every stored (non-missing) value, by feature name
   */
  record Explanation(List<Reason> reasons, Map<String, Double> values) {

    static final Explanation EMPTY = new Explanation(List.of(), Map.of());

    /** The alert's volume in USD, when the explanation carries {@code alert_log_volume_usd}. */
    Optional<Double> volumeUsd() {
      return Optional.ofNullable(values.get("alert_log_volume_usd")).map(Math::expm1);
    }

    /** The largest absolute contribution (0 without entries): the full length of a bar. */
    double largestContribution() {
      double max = 0;
      for (Reason r : reasons) {
        if (!Double.isNaN(r.contribution())) {
          max = Math.max(max, Math.abs(r.contribution()));
        }
      }
      return max;
    }
  }

  /**
   * The explanation's entries in stored order.
   *
   * @throws IllegalArgumentException when {@code json} is not an array of entries
   */
  static Explanation read(String json) {
    if (json == null || json.isBlank()) {
      return Explanation.EMPTY;
    }
    JsonNode array;
    try {
      array = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the explanation is not JSON", e);
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("the explanation is not a JSON array");
    }
    Map<String, Double> values = new HashMap<>();
    List<JsonNode> entries = new ArrayList<>();
    for (JsonNode entry : array) {
      if (!entry.isObject() || !entry.path("feature").isTextual()) {
        throw new IllegalArgumentException("an explanation entry has no feature name");
      }
      entries.add(entry);
      JsonNode value = entry.get("value");
      if (value != null && value.isNumber()) {
        values.put(entry.get("feature").asText(), value.asDouble());
      }
    }
    List<Reason> reasons = new ArrayList<>(entries.size());
    for (JsonNode entry : entries) {
      String feature = entry.get("feature").asText();
      JsonNode value = entry.get("value");
      Double v = value != null && value.isNumber() ? value.asDouble() : null;
      JsonNode c = entry.get("contribution");
      double contribution = c != null && c.isNumber() ? c.asDouble() : Double.NaN;
      reasons.add(new Reason(feature, sentence(feature, v, values), contribution));
    }
    return new Explanation(List.copyOf(reasons), Map.copyOf(values));
  }

  /** What one entry says; {@code values}: every stored value of the explanation by feature. */
  static String sentence(String feature, Double value, Map<String, Double> values) {
    Optional<BatchRelative> relative = BatchRelative.parse(feature);
    if (relative.isPresent()) {
      Optional<Label> variable = FeatureLabels.ofVariable(relative.get().variable());
      if (variable.isPresent()) {
        return relativeSentence(relative.get(), variable.get(), value, values);
      }
    }
    Optional<Label> label = FeatureLabels.of(feature);
    if (label.isEmpty()) {
      return feature + " " + (value == null ? "missing" : number(value));
    }
    return plainSentence(label.get(), value);
  }

  private static String plainSentence(Label label, Double value) {
    if (value == null) {
      return label.unit() == Unit.FLAG ? label.text() + ": not known" : label.text() + " missing";
    }
    if (label.unit() == Unit.FLAG) {
      return value == 0.0
          ? label.negated()
          : value == 1.0 ? label.text() : label.text() + " " + number(value);
    }
    return label.text() + " " + format(label.unit(), value);
  }

  private static String relativeSentence(
      BatchRelative relative, Label variable, Double value, Map<String, Double> values) {
    String group = relative.withinTypology() ? "of its typology in this batch" : "of this batch";
    if (!relative.percentile()) {
      String subject = (variable.logScale() ? "log " : "") + variable.text();
      if (value == null) {
        return subject + ": no z-score " + group + " (value missing)";
      }
      String mean = relative.withinTypology() ? "its typology's mean" : "the batch mean";
      if (Math.abs(value) < 0.05) {
        return subject + " is at " + mean;
      }
      return String.format(
          Locale.ROOT,
          "%s is %.1f standard deviations %s %s",
          subject,
          Math.abs(value),
          value > 0 ? "above" : "below",
          mean);
    }
    String subject = variable.text();
    Double raw = variable.rawFeature() == null ? null : values.get(variable.rawFeature());
    if (raw != null) {
      Label rawLabel = FeatureLabels.of(variable.rawFeature()).orElseThrow();
      subject = subject + " " + format(rawLabel.unit(), raw);
    }
    if (value == null) {
      return subject + ": no percentile " + group + " (value missing)";
    }
    return subject + " is " + standing(value) + " " + group;
  }

  /** "in the top 1%", "in the bottom 12%", "at the median" for a mid-rank percentile in [0,1]. */
  static String standing(double percentile) {
    double p = Math.min(1, Math.max(0, percentile));
    if (Math.abs(p - 0.5) < 1e-9) {
      return "at the median";
    }
    return p > 0.5 ? "in the top " + share(1 - p) : "in the bottom " + share(p);
  }

  /**
   * A share as a percentage, rounded up (an alert in the top 0.04% is in the top 0.1%): one decimal
   * below 10%, whole percents above.
   */
  static String share(double fraction) {
    BigDecimal percent =
        BigDecimal.valueOf(fraction * 100).setScale(6, RoundingMode.HALF_UP); // float noise
    BigDecimal rounded =
        percent.compareTo(BigDecimal.TEN) < 0
            ? percent.setScale(1, RoundingMode.CEILING)
            : percent.setScale(0, RoundingMode.CEILING);
    return rounded.stripTrailingZeros().toPlainString() + "%";
  }

  static String format(Unit unit, double value) {
    return switch (unit) {
      case COUNT -> whole(value);
      case USD -> usd(value);
      case LOG1P_USD -> usd(Math.expm1(value));
      case LOG_COUNT -> whole(Math.exp(value));
      case SHARE -> number(value * 100) + "%";
      case DAYS -> number(value) + " days";
      case HOURS -> number(value) + " hours";
      case SEVERITY -> severity(value);
      case FLAG, NUMBER -> number(value);
    };
  }

  private static String severity(double ordinal) {
    Severity[] all = Severity.values();
    int i = (int) ordinal;
    return i == ordinal && i >= 0 && i < all.length ? all[i].wireName() : number(ordinal);
  }

  /** Three significant digits, plain notation below a million, grouped whole numbers above. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (Math.abs(value) >= 1000) {
      return whole(value);
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value)
        .round(new MathContext(3, RoundingMode.HALF_UP))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String whole(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (value != Math.rint(value) && Math.abs(value) < 1000) {
      return number(value);
    }
    return grouped("#,##0").format(Math.rint(value));
  }

  static String usd(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    String pattern = Math.abs(value) >= 100 ? "#,##0" : "#,##0.00";
    String digits = grouped(pattern).format(Math.abs(value));
    return (value < 0 ? "-$" : "$") + digits;
  }

  /** Rounded half up, as amounts are read (DecimalFormat's default is half even). */
  private static DecimalFormat grouped(String pattern) {
    DecimalFormat format =
        new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format;
  }

  private ReadableExplanation() {}
}
