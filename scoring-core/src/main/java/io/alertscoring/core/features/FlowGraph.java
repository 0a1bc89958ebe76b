package io.alertscoring.core.features;

import io.alertscoring.schemas.input.MoneyFlow;
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
    TreeSet<String> names = new TreeSet<>();
    for (MoneyFlow flow : flows) {
      names.add(flow.fromAddress());
      names.add(flow.toAddress());
    }
    nodes = names.toArray(String[]::new);
    index = new HashMap<>(nodes.length * 2);
    for (int i = 0; i < nodes.length; i++) {
      index.put(nodes[i], i);
    }
    int n = nodes.length;
    int m = flows.size();
    int[] from = new int[m];
    int[] to = new int[m];
    double[] weight = new double[m];
    outStart = new int[n + 1];
    inStart = new int[n + 1];
    for (int e = 0; e < m; e++) {
      MoneyFlow flow = flows.get(e);
      from[e] = index.get(flow.fromAddress());
      to[e] = index.get(flow.toAddress());
      weight[e] = flow.amountUsdSum().doubleValue();
      outStart[from[e] + 1]++;
      inStart[to[e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      outStart[i + 1] += outStart[i];
      inStart[i + 1] += inStart[i];
    }
    outTo = new int[m];
    outWeight = new double[m];
    inFrom = new int[m];
    inWeight = new double[m];
    int[] outFill = Arrays.copyOf(outStart, n);
    int[] inFill = Arrays.copyOf(inStart, n);
    // Edges are visited in the flows' canonical (from, to) order, so every adjacency list is
    // sorted.
    Integer[] order = new Integer[m];
    for (int e = 0; e < m; e++) {
      order[e] = e;
    }
    Arrays.sort(
        order,
        (a, b) ->
            from[a] != from[b] ? Integer.compare(from[a], from[b]) : Integer.compare(to[a], to[b]));
    for (int e : order) {
      outTo[outFill[from[e]]] = to[e];
      outWeight[outFill[from[e]]++] = weight[e];
    }
    Arrays.sort(
        order,
        (a, b) ->
            to[a] != to[b] ? Integer.compare(to[a], to[b]) : Integer.compare(from[a], from[b]));
    for (int e : order) {
      inFrom[inFill[to[e]]] = from[e];
      inWeight[inFill[to[e]]++] = weight[e];
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
