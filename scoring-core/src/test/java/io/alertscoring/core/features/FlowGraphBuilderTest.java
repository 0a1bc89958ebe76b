package io.alertscoring.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.MoneyFlow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowGraphBuilderTest {

  @Test
  void edgesAddedInAnyOrderGiveTheGraphOfTheCanonicallySortedFlows() {
    SampleBatch batch =
        SampleBatchGenerator.generate(new BatchKey("ethereum", "2026-03-01", 7), 400, 13);
    List<MoneyFlow> sorted = new ArrayList<>(batch.moneyFlows());
    sorted.sort(
        java.util.Comparator.comparing(MoneyFlow::fromAddress).thenComparing(MoneyFlow::toAddress));
    FlowGraph reference = new FlowGraph(sorted);

    List<MoneyFlow> shuffled = new ArrayList<>(batch.moneyFlows());
    Collections.shuffle(shuffled, new Random(3));
    FlowGraph.Builder builder = new FlowGraph.Builder(0);
    for (MoneyFlow flow : shuffled) {
      builder.add(flow.fromAddress(), flow.toAddress(), flow.amountUsdSum().doubleValue());
    }
    FlowGraph built = builder.build();

    assertThat(builder.edgeCount()).isEqualTo(sorted.size());
    assertThat(built.nodeCount()).isEqualTo(reference.nodeCount()).isPositive();
    for (MoneyFlow flow : sorted) {
      for (String address : List.of(flow.fromAddress(), flow.toAddress())) {
        int v = reference.node(address);
        assertThat(built.node(address)).isEqualTo(v);
        assertThat(bits(built.pageRank(v))).isEqualTo(bits(reference.pageRank(v)));
        assertThat(bits(built.inVolume(v))).isEqualTo(bits(reference.inVolume(v)));
        assertThat(bits(built.outVolume(v))).isEqualTo(bits(reference.outVolume(v)));
        assertThat(bits(built.twoHopVolume(v))).isEqualTo(bits(reference.twoHopVolume(v)));
        assertThat(built.componentSize(v)).isEqualTo(reference.componentSize(v));
        assertThat(bits(built.reciprocity(v))).isEqualTo(bits(reference.reciprocity(v)));
      }
    }
  }

  private static long bits(double value) {
    return Double.doubleToRawLongBits(value);
  }
}
