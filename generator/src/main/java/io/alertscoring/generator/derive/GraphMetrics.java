package io.alertscoring.generator.derive;

import io.alertscoring.generator.rng.Hashing;
import java.util.Arrays;

/**
 * Graph measures over one window's transfer graph: USD-weighted PageRank, k-core numbers,
 * communities (connected components over non-hub edges), local clustering coefficients and k-hop
 * neighbourhoods.
 *
 * <p>Trade-offs. The graph is the shard's window (its accounts plus the hubs they touch), not the
 * whole network: shards only meet through hubs, so scores of ordinary accounts are close to the
 * global ones while hubs are under-counted. Hubs (exchanges, mixers, DeFi contracts) end k-hop
 * walks and do not join communities, as an analyst would not follow an exchange's omnibus wallet.
 * Betweenness and closeness are not computed (exact ones cost O(V E) per window) and stay missing.
 */
final class GraphMetrics {
  private static final double DAMPING = 0.85;
  private static final int PAGERANK_ITERATIONS = 30;

  /** Neighbours considered for the clustering coefficient, so a hub cannot cost O(d^2). */
  static final int CLUSTERING_NEIGHBOUR_CAP = 200;

  final double[] pagerank;
  final int[] core;
  final int[] community;
  private final WindowIndex w;
  private final boolean[] hub;

  GraphMetrics(WindowIndex w, boolean[] hub) {
    this.w = w;
    this.hub = hub;
    this.pagerank = pageRank(w);
    this.core = coreNumbers(w);
    this.community = communities(w, hub);
  }

  private static double[] pageRank(WindowIndex w) {
    int n = w.nodes;
    double[] rank = new double[n];
    double[] next = new double[n];
    double[] outWeight = new double[n];
    if (n == 0) {
      return rank;
    }
    for (int p = 0; p < w.pairCount; p++) {
      outWeight[w.pairFrom[p]] += w.pairUsd[p];
    }
    Arrays.fill(rank, 1.0 / n);
    for (int it = 0; it < PAGERANK_ITERATIONS; it++) {
      double dangling = 0;
      for (int v = 0; v < n; v++) {
        if (outWeight[v] == 0) {
          dangling += rank[v];
        }
      }
      double base = (1 - DAMPING) / n + DAMPING * dangling / n;
      Arrays.fill(next, base);
      for (int p = 0; p < w.pairCount; p++) {
        int u = w.pairFrom[p];
        next[w.pairTo[p]] += DAMPING * rank[u] * w.pairUsd[p] / outWeight[u];
      }
      double[] t = rank;
      rank = next;
      next = t;
    }
    return rank;
  }

  /** Batagelj-Zaversnik k-core decomposition of the undirected graph, O(V + E). */
  private static int[] coreNumbers(WindowIndex w) {
    int n = w.nodes;
    int[] deg = new int[n];
    int maxDeg = 0;
    for (int v = 0; v < n; v++) {
      deg[v] = w.degree(v);
      maxDeg = Math.max(maxDeg, deg[v]);
    }
    int[] bin = new int[maxDeg + 1];
    for (int v = 0; v < n; v++) {
      bin[deg[v]]++;
    }
    int start = 0;
    for (int d = 0; d <= maxDeg; d++) {
      int num = bin[d];
      bin[d] = start;
      start += num;
    }
    int[] pos = new int[n];
    int[] vert = new int[n];
    for (int v = 0; v < n; v++) {
      pos[v] = bin[deg[v]];
      vert[pos[v]] = v;
      bin[deg[v]]++;
    }
    for (int d = maxDeg; d > 0; d--) {
      bin[d] = bin[d - 1];
    }
    if (maxDeg >= 0 && bin.length > 0) {
      bin[0] = 0;
    }
    for (int i = 0; i < n; i++) {
      int v = vert[i];
      for (int e = w.adjOff[v]; e < w.adjOff[v + 1]; e++) {
        int u = w.adj[e];
        if (deg[u] > deg[v]) {
          int du = deg[u];
          int pu = pos[u];
          int pw = bin[du];
          int x = vert[pw];
          if (u != x) {
            pos[u] = pw;
            vert[pu] = x;
            pos[x] = pu;
            vert[pw] = u;
          }
          bin[du]++;
          deg[u]--;
        }
      }
    }
    return deg;
  }

  /** Component ids over non-hub edges, each named by a hash of its smallest account key. */
  private static int[] communities(WindowIndex w, boolean[] hub) {
    int n = w.nodes;
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    for (int v = 0; v < n; v++) {
      if (hub[v]) {
        continue;
      }
      for (int e = w.adjOff[v]; e < w.adjOff[v + 1]; e++) {
        int u = w.adj[e];
        if (!hub[u]) {
          int a = find(parent, v);
          int c = find(parent, u);
          if (a != c) {
            parent[Math.max(a, c)] = Math.min(a, c);
          }
        }
      }
    }
    long[] minKey = new long[n];
    Arrays.fill(minKey, Long.MAX_VALUE);
    for (int v = 0; v < n; v++) {
      int r = find(parent, v);
      minKey[r] = Math.min(minKey[r], w.b.key(v));
    }
    int[] id = new int[n];
    for (int v = 0; v < n; v++) {
      id[v] = (int) (Hashing.mix(minKey[find(parent, v)]) >>> 34);
    }
    return id;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  /**
   * Local clustering coefficient of v over its first {@value #CLUSTERING_NEIGHBOUR_CAP} neighbours.
   */
  double clustering(int v) {
    int start = w.adjOff[v];
    int k = Math.min(w.degree(v), CLUSTERING_NEIGHBOUR_CAP);
    if (k < 2) {
      return 0;
    }
    long links = 0;
    for (int i = 0; i < k; i++) {
      int a = w.adj[start + i];
      for (int j = i + 1; j < k; j++) {
        int c = w.adj[start + j];
        // search in the shorter list
        if (w.degree(a) <= w.degree(c) ? w.adjacent(a, c) : w.adjacent(c, a)) {
          links++;
        }
      }
    }
    return 2.0 * links / ((double) k * (k - 1));
  }

  /**
   * Breadth-first neighbourhood of v up to 3 hops, not expanding through hubs: {@code counts[k-1]}
   * = nodes within k hops, {@code volumes[k-1]} = USD on the edges that reached hop k, cumulative.
   */
  void khop(int v, int[] mark, int[] queue, int stamp, double[] counts, double[] volumes) {
    int head = 0;
    int tail = 0;
    queue[tail++] = v;
    mark[v] = stamp;
    int levelEnd = tail;
    int level = 0;
    double volume = 0;
    int reached = 0;
    while (level < 3) {
      while (head < levelEnd) {
        int u = queue[head++];
        if (u != v && hub[u]) {
          continue;
        }
        for (int e = w.adjOff[u]; e < w.adjOff[u + 1]; e++) {
          int x = w.adj[e];
          if (mark[x] != stamp) {
            mark[x] = stamp;
            queue[tail++] = x;
            reached++;
            volume += w.adjW[e];
          }
        }
      }
      counts[level] = reached;
      volumes[level] = volume;
      levelEnd = tail;
      level++;
    }
  }
}
