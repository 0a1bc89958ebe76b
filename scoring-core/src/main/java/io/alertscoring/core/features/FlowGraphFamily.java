package io.alertscoring.core.features;

import java.util.List;

/**
 * The alert address's position in the batch's money-flow graph: degrees, volumes, reciprocity,
 * USD-weighted PageRank (scaled by the node count so it is comparable across batch sizes), weakly
 * connected component size and 2-hop volume. An address without flows gets zero degrees and NaN for
 * the ratios.
 */
public final class FlowGraphFamily implements FeatureFamily {
  private static final List<String> NAMES =
      List.of(
          "flow_in_degree",
          "flow_out_degree",
          "flow_log_in_usd",
          "flow_log_out_usd",
          "flow_net_share",
          "flow_reciprocity",
          "flow_pagerank_scaled",
          "flow_log_component_size",
          "flow_log_two_hop_usd");

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public void fill(BatchContext context, double[][] rows, int offset) {
    FlowGraph graph = context.flowGraph();
    for (int i = 0; i < context.size(); i++) {
      double[] row = rows[i];
      int v = graph.node(context.alerts().get(i).address());
      int c = offset;
      if (v < 0) {
        row[c++] = 0;
        row[c++] = 0;
        row[c++] = 0;
        row[c++] = 0;
        java.util.Arrays.fill(row, c, offset + NAMES.size(), Double.NaN);
        continue;
      }
      double in = graph.inVolume(v);
      double out = graph.outVolume(v);
      row[c++] = graph.inDegree(v);
      row[c++] = graph.outDegree(v);
      row[c++] = Math.log1p(in);
      row[c++] = Math.log1p(out);
      row[c++] = in + out > 0 ? (in - out) / (in + out) : Double.NaN;
      row[c++] = graph.reciprocity(v);
      row[c++] = graph.pageRank(v) * graph.nodeCount();
      row[c++] = Math.log(graph.componentSize(v));
      row[c++] = Math.log1p(graph.twoHopVolume(v));
    }
  }
}
