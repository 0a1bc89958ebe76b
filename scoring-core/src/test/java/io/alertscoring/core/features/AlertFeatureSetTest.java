package io.alertscoring.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.schemas.input.AlertCluster;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertFeatureSetTest {
  final SampleBatch sample = SampleBatchGenerator.generate(TestRecords.KEY, 150, 9);

  private AssembledBatch shuffled(long seed) {
    Random random = new Random(seed);
    var alerts = new ArrayList<>(sample.alerts());
    var features = new ArrayList<>(sample.features());
    var clusters = new ArrayList<>(sample.clusters());
    var flows = new ArrayList<>(sample.moneyFlows());
    Collections.shuffle(alerts, random);
    Collections.shuffle(features, random);
    Collections.shuffle(clusters, random);
    Collections.shuffle(flows, random);
    return new AssembledBatch(TestRecords.KEY, alerts, features, clusters, flows);
  }

  @Test
  void namesAreUniqueAndEveryFamilyFillsExactlyItsColumns() {
    assertThat(AlertFeatureSet.NAMES).doesNotHaveDuplicates().hasSizeGreaterThan(150);
    double[][] rows = AlertFeatureSet.vectors(shuffled(1));
    // Columns are initialised to 0; a family that forgot a column would leave a gap of zeros
    // across every row, which the sample data never produces for these always-set columns.
    assertThat(rows).hasNumberOfRows(150);
    for (double[] row : rows) {
      assertThat(row[TestRecords.column("alert_confidence")]).isBetween(0.0, 1.0);
      assertThat(row[TestRecords.column("batch_pct_confidence")]).isBetween(0.0, 1.0);
    }
  }

  @Test
  void vectorsAreBitIdenticalWhateverTheArrivalOrder() {
    double[][] first = AlertFeatureSet.vectors(shuffled(1));
    double[][] second = AlertFeatureSet.vectors(shuffled(2));
    for (int i = 0; i < first.length; i++) {
      for (int j = 0; j < first[i].length; j++) {
        assertThat(Double.doubleToRawLongBits(second[i][j]))
            .as(AlertFeatureSet.NAMES.get(j))
            .isEqualTo(Double.doubleToRawLongBits(first[i][j]));
      }
    }
  }

  @Test
  void clusterVectorsCountInternalFlowsAndStackMemberScores() {
    AssembledBatch batch = shuffled(3);
    BatchContext context = new BatchContext(batch);
    Map<String, Double> scores = new HashMap<>();
    for (int i = 0; i < context.size(); i++) {
      scores.put(context.alerts().get(i).alertId(), i / (double) context.size());
    }
    for (AlertCluster cluster : batch.clusters()) {
      double[] vector = ClusterFeatureSet.vector(cluster, context, scores);
      assertThat(vector).hasSize(ClusterFeatureSet.NAMES.size());
      List<Double> memberScores = cluster.relatedAlertIds().stream().map(scores::get).toList();
      assertThat(vector[ClusterFeatureSet.NAMES.indexOf("cluster_member_max_score")])
          .isEqualTo(Collections.max(memberScores));
      FlowGraph graph = context.flowGraph();
      int internal = 0;
      for (String a : cluster.addressesInvolved()) {
        for (String b : cluster.addressesInvolved()) {
          if (graph.node(a) >= 0
              && graph.node(b) >= 0
              && graph.hasFlow(graph.node(a), graph.node(b))) {
            internal++;
          }
        }
      }
      assertThat(vector[ClusterFeatureSet.NAMES.indexOf("cluster_internal_edge_count")])
          .isEqualTo(internal);
    }
  }
}
