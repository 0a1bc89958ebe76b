package io.alertscoring.core.features;

import static io.alertscoring.core.features.TestRecords.alert;
import static io.alertscoring.core.features.TestRecords.cluster;
import static io.alertscoring.core.features.TestRecords.column;
import static io.alertscoring.core.features.TestRecords.features;
import static io.alertscoring.core.features.TestRecords.flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alertscoring.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureFamiliesTest {

  private static double[][] vectors(AssembledBatch batch) {
    double[][] rows = AlertFeatureSet.vectors(batch);
    assertThat(rows[0]).hasSize(AlertFeatureSet.NAMES.size());
    return rows;
  }

  @Test
  void alertLevelEncodesSeverityTypologyAndVolume() {
    AssembledBatch batch =
        new AssembledBatch(
            TestRecords.KEY,
            List.of(
                alert("a1", "x", "Fan-In", Severity.CRITICAL, 0.9, 999),
                alert("a2", "y", "something_new", Severity.LOW, 0.1, 0)),
            List.of(),
            List.of(),
            List.of());
    double[][] rows = vectors(batch);
    assertThat(rows[0][column("alert_severity")]).isEqualTo(3);
    assertThat(rows[0][column("alert_log_volume_usd")]).isEqualTo(Math.log1p(999));
    assertThat(rows[0][column("alert_typology_fan_in")]).isEqualTo(1);
    assertThat(rows[0][column("alert_typology_other")]).isZero();
    assertThat(rows[1][column("alert_typology_other")]).isEqualTo(1);
    assertThat(rows[1][column("alert_typology_fan_in")]).isZero();
    assertThat(rows[0][column("alert_address_type_eoa")]).isEqualTo(1);
    assertThat(rows[0][column("alert_address_type_mixer")]).isZero();
  }

  @Test
  void sotFeaturesKeepMissingAsNaNAndFlagPresence() {
    AssembledBatch batch =
        new AssembledBatch(
            TestRecords.KEY,
            List.of(
                alert("a1", "x", "cycle", Severity.HIGH, 0.5, 10),
                alert("a2", "y", "cycle", Severity.HIGH, 0.5, 10)),
            List.of(features("x", "pagerank", 0.25)),
            List.of(),
            List.of());
    double[][] rows = vectors(batch);
    assertThat(rows[0][column("sot_present")]).isEqualTo(1);
    assertThat(rows[0][column("sot_pagerank")]).isEqualTo(0.25);
    assertThat(rows[0][column("sot_degree_in")]).isNaN();
    assertThat(rows[1][column("sot_present")]).isZero();
    assertThat(rows[1][column("sot_pagerank")]).isNaN();
  }

  @Test
  void activityTimestampsBecomeAgesRelativeToTheProcessingDate() {
    // 2026-01-15 ends at 2026-01-16T00:00Z = 1768521600000 ms.
    AssembledBatch batch =
        new AssembledBatch(
            TestRecords.KEY,
            List.of(alert("a1", "x", "cycle", Severity.HIGH, 0.5, 10)),
            List.of(features("x", "first_activity_timestamp", 1768521600000.0 - 10 * 86_400_000.0)),
            List.of(),
            List.of());
    double[][] rows = vectors(batch);
    assertThat(rows[0][column("sot_account_age_days")]).isEqualTo(10.0);
    assertThat(rows[0][column("sot_days_since_last_activity")]).isNaN();
    assertThat(AlertFeatureSet.NAMES).noneMatch(name -> name.contains("timestamp"));
  }

  @Test
  void batchRelativeGivesZScoresAndMidRankPercentilesWithinBatchAndTypology() {
    AssembledBatch batch =
        new AssembledBatch(
            TestRecords.KEY,
            List.of(
                alert("a1", "x", "cycle", Severity.HIGH, 0.2, 10),
                alert("a2", "y", "cycle", Severity.HIGH, 0.4, 10),
                alert("a3", "z", "layering", Severity.HIGH, 0.4, 10),
                alert("a4", "w", "layering", Severity.HIGH, 0.8, 10)),
            List.of(),
            List.of(),
            List.of());
    double[][] rows = vectors(batch);
    int pct = column("batch_pct_confidence");
    assertThat(rows[0][pct]).isEqualTo(0.125); // lowest of 4: (0 + 1/2) / 4
    assertThat(rows[1][pct]).isEqualTo(0.5); // tied with a3: (1 + 2/2) / 4
    assertThat(rows[3][pct]).isEqualTo(0.875);
    assertThat(rows[0][column("typology_pct_confidence")]).isEqualTo(0.25); // within "cycle"
    assertThat(rows[3][column("typology_pct_confidence")]).isEqualTo(0.75); // within "layering"
    double mean = (0.2 + 0.4 + 0.4 + 0.8) / 4;
    double std =
        Math.sqrt(
            ((0.2 - mean) * (0.2 - mean)
                    + 2 * (0.4 - mean) * (0.4 - mean)
                    + (0.8 - mean) * (0.8 - mean))
                / 4);
    assertThat(rows[3][column("batch_z_confidence")]).isCloseTo((0.8 - mean) / std, within(1e-12));
    assertThat(rows[0][column("batch_z_log_volume_usd")]).isZero(); // no spread
    assertThat(rows[0][column("batch_pct_pagerank")]).isNaN(); // no features at all
  }

  @Test
  void clusterColumnsDescribeTheLargestClusterAndAreMissingOutsideClusters() {
    AssembledBatch batch =
        new AssembledBatch(
            TestRecords.KEY,
            List.of(
                alert("a1", "x", "cycle", Severity.LOW, 0.2, 10),
                alert("a2", "y", "cycle", Severity.CRITICAL, 0.6, 10),
                alert("a3", "z", "cycle", Severity.MEDIUM, 0.4, 10),
                alert("a4", "w", "cycle", Severity.MEDIUM, 0.4, 10)),
            List.of(features("x", "degree_in", 1)),
            List.of(
                cluster("c-small", List.of("a1", "a2"), List.of("x", "y"), 100),
                cluster(
                    "c-big", List.of("a1", "a2", "a3", "missing"), List.of("x", "y", "z"), 1000)),
            List.of());
    double[][] rows = vectors(batch);
    assertThat(rows[0][column("cluster_count")]).isEqualTo(2);
    assertThat(rows[0][column("cluster_size")]).isEqualTo(4);
    assertThat(rows[0][column("cluster_log_total_volume_usd")]).isEqualTo(Math.log1p(1000));
    assertThat(rows[0][column("cluster_member_mean_confidence")]).isCloseTo(0.4, within(1e-12));
    assertThat(rows[0][column("cluster_member_max_severity")]).isEqualTo(3);
    assertThat(rows[0][column("cluster_member_feature_coverage")])
        .isCloseTo(1.0 / 3, within(1e-12));
    assertThat(rows[0][column("cluster_time_span_hours")]).isEqualTo(2.0);
    assertThat(rows[0][column("cluster_is_primary_alert")]).isEqualTo(1);
    assertThat(rows[1][column("cluster_is_primary_alert")]).isZero();
    assertThat(rows[3][column("cluster_count")]).isZero();
    assertThat(rows[3][column("cluster_size")]).isNaN();
  }

  @Test
  void flowGraphColumnsFollowTheBatchFlows() {
    // x -> y (100), y -> x (50), y -> z (10), u -> v (1): x and y are reciprocal.
    AssembledBatch batch =
        new AssembledBatch(
            TestRecords.KEY,
            List.of(
                alert("a1", "x", "cycle", Severity.LOW, 0.2, 10),
                alert("a2", "y", "cycle", Severity.LOW, 0.2, 10),
                alert("a3", "lonely", "cycle", Severity.LOW, 0.2, 10)),
            List.of(),
            List.of(),
            List.of(
                flow("x", "y", 100), flow("y", "x", 50), flow("y", "z", 10), flow("u", "v", 1)));
    double[][] rows = vectors(batch);
    assertThat(rows[1][column("flow_in_degree")]).isEqualTo(1);
    assertThat(rows[1][column("flow_out_degree")]).isEqualTo(2);
    assertThat(rows[1][column("flow_log_out_usd")]).isEqualTo(Math.log1p(60));
    assertThat(rows[1][column("flow_reciprocity")]).isEqualTo(0.5); // x both ways, z only out
    assertThat(rows[0][column("flow_reciprocity")]).isEqualTo(1.0);
    assertThat(rows[0][column("flow_log_component_size")]).isEqualTo(Math.log(3));
    // x's only counterparty is y; y's other volume is its 10 USD to z.
    assertThat(rows[0][column("flow_log_two_hop_usd")]).isEqualTo(Math.log1p(10));
    assertThat(rows[2][column("flow_in_degree")]).isZero();
    assertThat(rows[2][column("flow_reciprocity")]).isNaN();
  }

  @Test
  void pageRankIsAProbabilityDistributionFavouringWhereMoneyGoes() {
    FlowGraph graph =
        new FlowGraph(
            List.of(
                flow("a", "hub", 10),
                flow("b", "hub", 10),
                flow("c", "hub", 10),
                flow("hub", "d", 5)));
    double sum = 0;
    for (int v = 0; v < graph.nodeCount(); v++) {
      sum += graph.pageRank(v);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));
    assertThat(graph.pageRank(graph.node("hub"))).isGreaterThan(graph.pageRank(graph.node("a")));
    assertThat(graph.componentSize(graph.node("d"))).isEqualTo(5);
  }
}
