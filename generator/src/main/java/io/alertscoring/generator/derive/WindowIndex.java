package io.alertscoring.generator.derive;

import java.util.Arrays;

/**
 * Sorted views of a {@link TransferBuffer}: each node's sent transfers ordered by (recipient,
 * time), its received transfers ordered by (sender, time), the directed pairs with their USD sums,
 * and the undirected neighbour lists with weights. Built with stable counting sorts over a (time,
 * insertion) order, so every order below is total and independent of hashing.
 */
final class WindowIndex {
  final TransferBuffer b;
  final int n;
  final int nodes;

  /** Transfer ids by (time, insertion order). */
  final int[] timeOrder;

  final int[] outOff;
  final int[] outIdx;
  final int[] inOff;
  final int[] inIdx;

  /** Directed pairs in (from, to) order; {@code pairOff[v]} is the first pair sent by v. */
  final int[] pairOff;

  final int[] pairFrom;
  final int[] pairTo;
  final double[] pairUsd;

  /** Start of each pair's transfers in {@link #outIdx}; the run ends at the next pair's start. */
  final int[] pairStart;

  final int pairCount;

  /** Undirected simple graph: sorted neighbour ids and the USD moved either way. */
  final int[] adjOff;

  final int[] adj;
  final double[] adjW;

  WindowIndex(TransferBuffer buffer) {
    this.b = buffer;
    this.n = buffer.size();
    this.nodes = buffer.nodeCount();
    this.timeOrder = byTime(buffer, n);

    int[] byTo = stableBy(timeOrder, buffer.to, nodes, null);
    outOff = new int[nodes + 1];
    outIdx = stableBy(byTo, buffer.from, nodes, outOff);
    int[] byFrom = stableBy(timeOrder, buffer.from, nodes, null);
    inOff = new int[nodes + 1];
    inIdx = stableBy(byFrom, buffer.to, nodes, inOff);

    // directed pairs: runs of equal (from, to) in outIdx
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || !samePair(outIdx[i - 1], outIdx[i])) {
        count++;
      }
    }
    pairCount = count;
    pairFrom = new int[count];
    pairTo = new int[count];
    pairUsd = new double[count + 1];
    pairStart = new int[count + 1];
    pairOff = new int[nodes + 1];
    int p = -1;
    for (int i = 0; i < n; i++) {
      int t = outIdx[i];
      if (i == 0 || !samePair(outIdx[i - 1], t)) {
        p++;
        pairFrom[p] = buffer.from[t];
        pairTo[p] = buffer.to[t];
        pairStart[p] = i;
      }
      pairUsd[p] += buffer.usd[t];
    }
    pairStart[count] = n;
    // pairOff: first pair of each sender (pairs are grouped by sender)
    int q = 0;
    for (int v = 0; v <= nodes; v++) {
      while (q < count && pairFrom[q] < v) {
        q++;
      }
      pairOff[v] = q;
    }

    // undirected adjacency: merge out-pairs (sorted by to) and in-runs (sorted by from)
    adjOff = new int[nodes + 1];
    int[] scratchN = new int[Math.max(1, maxDegree())];
    double[] scratchW = new double[scratchN.length];
    int total = 0;
    for (int v = 0; v < nodes; v++) {
      total += mergeNeighbours(v, scratchN, scratchW);
      adjOff[v + 1] = total;
    }
    adj = new int[total];
    adjW = new double[total];
    for (int v = 0; v < nodes; v++) {
      int k = mergeNeighbours(v, scratchN, scratchW);
      System.arraycopy(scratchN, 0, adj, adjOff[v], k);
      System.arraycopy(scratchW, 0, adjW, adjOff[v], k);
    }
  }

  private boolean samePair(int a, int c) {
    return b.from[a] == b.from[c] && b.to[a] == b.to[c];
  }

  private int maxDegree() {
    int max = 0;
    for (int v = 0; v < nodes; v++) {
      max = Math.max(max, (pairOff[v + 1] - pairOff[v]) + (inOff[v + 1] - inOff[v]));
    }
    return max;
  }

  /** Writes v's distinct neighbours (sorted) and weights into the scratch arrays. */
  private int mergeNeighbours(int v, int[] outN, double[] outW) {
    int i = pairOff[v];
    int iEnd = pairOff[v + 1];
    int j = inOff[v];
    int jEnd = inOff[v + 1];
    int k = 0;
    while (i < iEnd || j < jEnd) {
      int a = i < iEnd ? pairTo[i] : Integer.MAX_VALUE;
      int c = j < jEnd ? b.from[inIdx[j]] : Integer.MAX_VALUE;
      int next = Math.min(a, c);
      double w = 0;
      if (a == next) {
        w += pairUsd[i];
        i++;
      }
      while (j < jEnd && b.from[inIdx[j]] == next) {
        w += b.usd[inIdx[j]];
        j++;
      }
      outN[k] = next;
      outW[k] = w;
      k++;
    }
    return k;
  }

  int degree(int v) {
    return adjOff[v + 1] - adjOff[v];
  }

  /** USD sent from u to v in the window (0 when none), by binary search in u's pairs. */
  double pairVolume(int u, int v) {
    int lo = pairOff[u];
    int hi = pairOff[u + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int t = pairTo[mid];
      if (t < v) {
        lo = mid + 1;
      } else if (t > v) {
        hi = mid - 1;
      } else {
        return pairUsd[mid];
      }
    }
    return 0;
  }

  boolean adjacent(int u, int v) {
    return Arrays.binarySearch(adj, adjOff[u], adjOff[u + 1], v) >= 0;
  }

  private static int[] byTime(TransferBuffer b, int n) {
    if (n == 0) {
      return new int[0];
    }
    long min = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, b.time[i]);
    }
    int idBits = 32 - Integer.numberOfLeadingZeros(n);
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = ((b.time[i] - min) << idBits) | i;
    }
    Arrays.sort(packed);
    int[] order = new int[n];
    long mask = (1L << idBits) - 1;
    for (int i = 0; i < n; i++) {
      order[i] = (int) (packed[i] & mask);
    }
    return order;
  }

  /** Stable counting sort of transfer ids by {@code key[id]}; fills {@code offsets} if given. */
  private static int[] stableBy(int[] order, int[] key, int nodes, int[] offsets) {
    int[] count = offsets != null ? offsets : new int[nodes + 1];
    Arrays.fill(count, 0);
    for (int id : order) {
      count[key[id] + 1]++;
    }
    for (int v = 0; v < nodes; v++) {
      count[v + 1] += count[v];
    }
    int[] next = Arrays.copyOf(count, nodes);
    int[] sorted = new int[order.length];
    for (int id : order) {
      sorted[next[key[id]]++] = id;
    }
    return sorted;
  }
}
