package io.alertscoring.core.features;

import io.alertscoring.schemas.input.MoneyFlow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The batch's money flows as a directed graph weighted by USD, in compressed sparse rows over
 * addresses sorted by name. All sums run in that fixed order, so results are bit-for-bit
 * reproducible. PageRank uses a fixed number of iterations rather than a tolerance for the same
 * reason.
 */
public final class FlowGraph {
  static final double DAMPING = 0.85;
  static final int PAGERANK_ITERATIONS = 40;

  private final String[] nodes;
  private final Map<String, Integer> index;
  private final int[] outStart;
  private final int[] outTo;
  private final double[] outWeight;
  private final int[] inStart;
  private final int[] inFrom;
  private final double[] inWeight;
  private final double[] outVolumes;
  private final double[] inVolumes;
  private double[] pageRank;
  private int[] componentSize;

  public FlowGraph(List<MoneyFlow> flows) {
    this(builderOf(flows));
  }

  private static Builder builderOf(List<MoneyFlow> flows) {
    Builder builder = new Builder(flows.size());
    for (MoneyFlow flow : flows) {
      builder.add(flow.fromAddress(), flow.toAddress(), flow.amountUsdSum().doubleValue());
    }
    return builder;
  }

  /**
   * Collects edges in primitive arrays (addresses dictionary-encoded on arrival), then builds the
   * graph. Edges may come in any order: the adjacency lists are sorted by the counterpart's address
   * and edges with the same (from, to) keep their insertion order, exactly as a graph built from
   * the batch's canonically sorted flows.
   */
  public static final class Builder {
    private final Map<String, Integer> ids;
    private final List<String> names = new ArrayList<>();
    private int[] from;
    private int[] to;
    private double[] weight;
    private int size;

    public Builder(int expectedEdges) {
      int capacity = Math.max(16, expectedEdges);
      ids = new HashMap<>();
      from = new int[capacity];
      to = new int[capacity];
      weight = new double[capacity];
    }

    /** Adds one flow of {@code usd} from one address to another. */
    public Builder add(String fromAddress, String toAddress, double usd) {
      if (size == from.length) {
        int capacity = size + (size >> 1) + 16;
        from = Arrays.copyOf(from, capacity);
        to = Arrays.copyOf(to, capacity);
        weight = Arrays.copyOf(weight, capacity);
      }
      from[size] = id(fromAddress);
      to[size] = id(toAddress);
      weight[size] = usd;
      size++;
      return this;
    }

    private int id(String address) {
      Integer id = ids.get(address);
      if (id == null) {
        id = names.size();
        ids.put(address, id);
        names.add(address);
      }
      return id;
    }

    public int edgeCount() {
      return size;
    }

    public FlowGraph build() {
      return new FlowGraph(this);
    }
  }

  private FlowGraph(Builder builder) {
    // Nodes in address order; the builder's arrival ids are remapped to it.
    nodes = builder.names.toArray(String[]::new);
    Arrays.sort(nodes);
    int n = nodes.length;
    int[] remap = new int[n];
    index = builder.ids;
    for (int i = 0; i < n; i++) {
      remap[index.get(nodes[i])] = i;
      index.put(nodes[i], i);
    }
    int m = builder.size;
    int[] from = builder.from;
    int[] to = builder.to;
    double[] weight = builder.weight;
    for (int e = 0; e < m; e++) {
      from[e] = remap[from[e]];
      to[e] = remap[to[e]];
    }
    outStart = new int[n + 1];
    inStart = new int[n + 1];
    for (int e = 0; e < m; e++) {
      outStart[from[e] + 1]++;
      inStart[to[e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      outStart[i + 1] += outStart[i];
      inStart[i + 1] += inStart[i];
    }
    int[] identity = new int[m];
    for (int e = 0; e < m; e++) {
      identity[e] = e;
    }
    // Two stable counting sorts give the (from, to) order, ties in insertion order; likewise
    // (to, from) for the in-lists. Linear time, no boxing: a batch can have ten million flows.
    int[] outOrder = countingOrder(from, n, countingOrder(to, n, identity, m), m);
    outTo = new int[m];
    outWeight = new double[m];
    for (int k = 0; k < m; k++) {
      int e = outOrder[k];
      outTo[k] = to[e];
      outWeight[k] = weight[e];
    }
    outOrder = null;
    int[] inOrder = countingOrder(to, n, countingOrder(from, n, identity, m), m);
    inFrom = new int[m];
    inWeight = new double[m];
    for (int k = 0; k < m; k++) {
      int e = inOrder[k];
      inFrom[k] = from[e];
      inWeight[k] = weight[e];
    }
    outVolumes = new double[n];
    inVolumes = new double[n];
    for (int v = 0; v < n; v++) {
      for (int e = outStart[v]; e < outStart[v + 1]; e++) {
        outVolumes[v] += outWeight[e];
      }
      for (int e = inStart[v]; e < inStart[v + 1]; e++) {
        inVolumes[v] += inWeight[e];
      }
    }
  }

  /** {@code order} stably sorted by {@code keys[e]} in [0, n). */
  private static int[] countingOrder(int[] keys, int n, int[] order, int m) {
    int[] position = new int[n + 1];
    for (int k = 0; k < m; k++) {
      position[keys[order[k]] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      position[i + 1] += position[i];
    }
    int[] sorted = new int[m];
    for (int k = 0; k < m; k++) {
      int e = order[k];
      sorted[position[keys[e]]++] = e;
    }
    return sorted;
  }

  public int edgeCount() {
    return outTo.length;
  }

  public int nodeCount() {
    return nodes.length;
  }

  /** Node index of an address, or -1 when it has no flow in the batch. */
  public int node(String address) {
    return index.getOrDefault(address, -1);
  }

  public int outDegree(int v) {
    return outStart[v + 1] - outStart[v];
  }

  public int inDegree(int v) {
    return inStart[v + 1] - inStart[v];
  }

  public double outVolume(int v) {
    return outVolumes[v];
  }

  public double inVolume(int v) {
    return inVolumes[v];
  }

  /** Share of v's counterparties that both send to and receive from v; NaN without any. */
  public double reciprocity(int v) {
    int i = outStart[v];
    int j = inStart[v];
    int both = 0;
    int union = 0;
    while (i < outStart[v + 1] || j < inStart[v + 1]) {
      int a = i < outStart[v + 1] ? outTo[i] : Integer.MAX_VALUE;
      int b = j < inStart[v + 1] ? inFrom[j] : Integer.MAX_VALUE;
      union++;
      if (a == b) {
        both++;
        i++;
        j++;
      } else if (a < b) {
        i++;
      } else {
        j++;
      }
    }
    return union == 0 ? Double.NaN : (double) both / union;
  }

  /**
   * Volume one hop further out: for every distinct counterparty u of v, u's total in and out volume
   * minus what it exchanged with v itself.
   */
  public double twoHopVolume(int v) {
    TreeSet<Integer> neighbours = new TreeSet<>();
    for (int e = outStart[v]; e < outStart[v + 1]; e++) {
      neighbours.add(outTo[e]);
    }
    for (int e = inStart[v]; e < inStart[v + 1]; e++) {
      neighbours.add(inFrom[e]);
    }
    double sum = 0;
    for (int u : neighbours) {
      double total = inVolume(u) + outVolume(u);
      sum += total - exchanged(u, v) - exchanged(v, u);
    }
    return sum;
  }

  /** USD sent from {@code from} to {@code to} within the batch; 0 without such a flow. */
  public double flow(int from, int to) {
    return exchanged(from, to);
  }

  /** Whether a flow from {@code from} to {@code to} exists (even of zero USD). */
  public boolean hasFlow(int from, int to) {
    return edge(from, to) >= 0;
  }

  private double exchanged(int from, int to) {
    int e = edge(from, to);
    return e < 0 ? 0 : outWeight[e];
  }

  private int edge(int from, int to) {
    int lo = outStart[from];
    int hi = outStart[from + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (outTo[mid] == to) {
        return mid;
      } else if (outTo[mid] < to) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /**
   * Computes PageRank and the weakly connected components now rather than on first use, so a caller
   * can run this (the graph's most expensive part) as a step of its own.
   */
  public void computeGlobalMetrics() {
    if (pageRank == null) {
      pageRank = computePageRank();
    }
    if (componentSize == null) {
      componentSize = computeComponents();
    }
  }

  /** USD-weighted PageRank; dangling mass is spread uniformly. Sums to 1 over all nodes. */
  public double pageRank(int v) {
    if (pageRank == null) {
      pageRank = computePageRank();
    }
    return pageRank[v];
  }

  private double[] computePageRank() {
    int n = nodes.length;
    double[] rank = new double[n];
    if (n == 0) {
      return rank;
    }
    double[] outTotal = outVolumes;
    Arrays.fill(rank, 1.0 / n);
    double[] next = new double[n];
    for (int iteration = 0; iteration < PAGERANK_ITERATIONS; iteration++) {
      double dangling = 0;
      for (int v = 0; v < n; v++) {
        if (outTotal[v] <= 0) {
          dangling += rank[v];
        }
      }
      double base = (1 - DAMPING) / n + DAMPING * dangling / n;
      for (int v = 0; v < n; v++) {
        double incoming = 0;
        for (int e = inStart[v]; e < inStart[v + 1]; e++) {
          int u = inFrom[e];
          if (outTotal[u] > 0) {
            incoming += rank[u] * inWeight[e] / outTotal[u];
          }
        }
        next[v] = base + DAMPING * incoming;
      }
      double[] swap = rank;
      rank = next;
      next = swap;
    }
    return rank;
  }

  /** Number of addresses in v's weakly connected component. */
  public int componentSize(int v) {
    if (componentSize == null) {
      componentSize = computeComponents();
    }
    return componentSize[v];
  }

  private int[] computeComponents() {
    int n = nodes.length;
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    for (int v = 0; v < n; v++) {
      for (int e = outStart[v]; e < outStart[v + 1]; e++) {
        int a = find(parent, v);
        int b = find(parent, outTo[e]);
        if (a != b) {
          parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    int[] size = new int[n];
    for (int v = 0; v < n; v++) {
      size[find(parent, v)]++;
    }
    int[] result = new int[n];
    for (int v = 0; v < n; v++) {
      result[v] = size[find(parent, v)];
    }
    return result;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }
}
