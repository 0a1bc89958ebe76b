package io.alertscoring.api.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.api.page.ReadableExplanation.Explanation;
import io.alertscoring.api.page.ReadableExplanation.Reason;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.scoring.Explanations;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadableExplanationTest {

  private static List<String> texts(String json) {
    return ReadableExplanation.read(json).reasons().stream().map(Reason::text).toList();
  }

  private static String entry(String feature, String value, double contribution) {
    return "{\"feature\":\""
        + feature
        + "\",\"value\":"
        + value
        + ",\"contribution\":"
        + contribution
        + "}";
  }

  @Test
  void reads_what_scoring_core_writes_in_its_order() {
    List<String> names = List.of("batch_pct_pagerank", "sot_pagerank", "flow_in_degree");
    String json =
        Explanations.topK(
            names, new double[] {0.995, 0.004, 2}, new double[] {0.61, 0.2, -0.7, 0.1}, 5);
    Explanation e = ReadableExplanation.read(json);
    assertThat(e.reasons())
        .extracting(Reason::text)
        .containsExactly(
            "in-batch senders to the address 2: -0.70",
            "address PageRank 0.004 is in the top 0.5% of this batch: +0.61",
            "address PageRank 0.004: +0.20");
    assertThat(e.largestContribution()).isEqualTo(0.7);
  }

  @Test
  void a_percentile_without_its_variable_quotes_the_percentile_only() {
    assertThat(
            texts(
                "["
                    + entry("batch_pct_log_volume_usd", "0.97", 0.3)
                    + ","
                    + entry("typology_pct_degree_total", "0.12", -0.2)
                    + ","
                    + entry("batch_pct_confidence", "0.5", 0.01)
                    + "]"))
        .containsExactly(
            "alert volume is in the top 3% of this batch: +0.30",
            "address total degree is in the bottom 12% of its typology in this batch: -0.20",
            "alert confidence is at the median of this batch: +0.01");
  }

  @Test
  void z_scores_say_how_far_from_the_mean_and_of_what() {
    assertThat(
            texts(
                "["
                    + entry("batch_z_log_volume_usd", "2.34", 0.3)
                    + ","
                    + entry("typology_z_pagerank", "-1.05", 0.1)
                    + ","
                    + entry("batch_z_confidence", "0.01", 0.1)
                    + "]"))
        .containsExactly(
            "log alert volume is 2.3 standard deviations above the batch mean: +0.30",
            "address PageRank is 1.1 standard deviations below its typology's mean: +0.10",
            "alert confidence is at the batch mean: +0.10");
  }

  @Test
  void units_flags_and_missing_values_read_as_the_table_says() {
    assertThat(
            texts(
                "["
                    + entry("alert_log_volume_usd", Double.toString(Math.log1p(1234.6)), 0.3)
                    + ","
                    + entry("sot_is_mixer_like", "1.0", 0.2)
                    + ","
                    + entry("sot_is_whale", "0.0", -0.1)
                    + ","
                    + entry("alert_severity", "3.0", 0.09)
                    + ","
                    + entry("sot_pagerank", "null", 0.05)
                    + ","
                    + entry("batch_pct_pagerank", "null", 0.04)
                    + ","
                    + entry("sot_account_age_days", "12.25", -0.03)
                    + ","
                    + entry("cluster_member_feature_coverage", "0.8", 0.02)
                    + ","
                    + entry("flow_log_component_size", Double.toString(Math.log(37)), 0.01)
                    + ","
                    + entry("sot_total_volume_usd", "1.5E7", 0.01)
                    + "]"))
        .containsExactly(
            "alert volume $1,235: +0.30",
            "address is mixer-like: +0.20",
            "address is not a whale: -0.10",
            "alert severity critical: +0.09",
            "address PageRank missing: +0.05",
            "address PageRank: no percentile of this batch (value missing): +0.04",
            "address account age 12.3 days: -0.03",
            "cluster members with features 80%: +0.02",
            "addresses in its in-batch flow component 37: +0.01",
            "address total volume $15,000,000: +0.01");
  }

  @Test
  void a_feature_the_table_lacks_is_shown_as_stored() {
    assertThat(texts("[" + entry("brand_new_feature", "0.25", 0.001) + "]"))
        .containsExactly("brand_new_feature 0.25: +0.001");
  }

  @ParameterizedTest
  @CsvSource({
    "0.99, in the top 1%",
    "0.9996, in the top 0.1%",
    "0.995, in the top 0.5%",
    "0.987, in the top 1.3%",
    "0.75, in the top 25%",
    "0.749, in the top 26%",
    "0.02, in the bottom 2%",
    "0.0, in the bottom 0%",
    "1.0, in the top 0%",
  })
  void standing_rounds_the_share_up_so_the_claim_holds(double percentile, String expected) {
    assertThat(ReadableExplanation.standing(percentile)).isEqualTo(expected);
  }

  @Test
  void empty_and_malformed_explanations() {
    assertThat(ReadableExplanation.read("").reasons()).isEmpty();
    assertThat(ReadableExplanation.read("[]").reasons()).isEmpty();
    assertThatThrownBy(() -> ReadableExplanation.read("{oops"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReadableExplanation.read("{\"feature\":\"x\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReadableExplanation.read("[{\"value\":1}]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void every_feature_of_the_current_feature_set_has_a_label() {
    assertThat(AlertFeatureSet.NAMES)
        .allSatisfy(n -> assertThat(FeatureLabels.covers(n)).as(n).isTrue());
    assertThat(FeatureLabels.covers("brand_new_feature")).isFalse();
    assertThat(FeatureLabels.covers("batch_pct_brand_new")).isFalse();
  }
}
