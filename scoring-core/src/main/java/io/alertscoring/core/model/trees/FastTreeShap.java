package io.alertscoring.core.model.trees;

import java.util.Arrays;

/**
 * Exact path-dependent TreeSHAP, the values {@link NaiveTreeShap} and LightGBM's {@code
 * predictContrib} give, in O(N D) per tree instead of the recursion's O(L D^2): the idea of Linear
 * TreeSHAP (Bifet, Read, Xu 2022, arXiv:2209.08192), derived here as a one-dimensional integral.
 *
 * <p>For one leaf with output {@code v}, let {@code F} be the distinct features on its path, {@code
 * z_j} the fraction of training cover that follows the path's edges on feature {@code j} (the
 * product of child/parent cover ratios), and {@code o_j = 1} when the row itself follows all those
 * edges, else 0. The leaf's Shapley values are those of {@code f(S) = v prod_{j in S} o_j prod_{j
 * not in S} z_j}. Writing the Shapley weights as Beta integrals, {@code |S|! (d-|S|-1)! / d! =
 * int_0^1 t^|S| (1-t)^(d-1-|S|) dt}, the sum over subsets factorises:
 *
 * <pre>
 *   phi_i = v * int_0^1 P(t) (o_i - z_i) / f_i(t) dt,   P(t) = prod_{j in F} f_j(t),
 *   f_j(t) = z_j + t (1 - z_j)  when o_j = 1,   z_j (1 - t)  when o_j = 0.
 * </pre>
 *
 * (For {@code o_i = 0} the integrand is {@code -P / (1 - t)}.) The integrand is a polynomial of
 * degree {@code d - 1}, so Gauss-Legendre quadrature with {@code ceil(d/2)} nodes is exact. Per
 * tree and row, at the quadrature nodes:
 *
 * <ol>
 *   <li>the row's side at every internal node, and for every node the set O of path features the
 *       row follows (a bit mask, built from the parent's);
 *   <li>going down, {@code P} at every node: the parent's times the edge's factor (when a feature
 *       repeats on the path its earlier factor is replaced by a precomputed ratio);
 *   <li>going up, {@code S(t) = sum of v P(t)} over the leaves below each node, and at every edge
 *       on feature {@code i} the contribution {@code sum_k w_k g(t_k) S_child(t_k)}, where {@code g
 *       = (o - z) / f} of the merged state after the edge, minus (for a feature met before on the
 *       path) the {@code g} the nearest earlier edge on that feature has already applied to the
 *       same leaves.
 * </ol>
 *
 * Everything per edge and quadrature node that does not depend on the row is precomputed (six
 * numbers per edge and node). The quadrature nodes are processed four at a time in straight-line
 * code. Trees with more than 63 distinct features on one path use the recursion. Immutable and
 * thread-safe (scratch buffers are per thread).
 */
public final class FastTreeShap {
  private static final int MAX_MASK_BITS = 63;
  // per edge, for each state OFF, ON, OFF_BEFORE: the m factors, then the m contribution weights g
  private static final int STATES = 3;
  private static final int OFF_BEFORE = 2;

  private final TreeEnsemble e;
  private final int numFeatures;
  // per internal node: branch-free decision (slot -1: special node, ask the ensemble)
  private final int[] nodeSlot;
  private final double[] nodeThreshold;

  /** Per internal node: holds-means-right | repeated feature << 1 | path position << 2. */
  private final int[] nodeFlags;

  // per edge 2n + side
  private final int[] edgePosition;
  private final int[] edgeRepeated;
  private final int[] edgeFeature;

  /** Where an edge's child goes in the per-tree buffers: internal nodes, then leaves. */
  private final int[] edgeDestination;

  /** Where an edge's numbers start in {@link #data}. */
  private final int[] edgeData;

  /**
   * Per edge, for each state OFF, ON, OFF_BEFORE of the row: at the tree's {@code m} quadrature
   * nodes the factor {@code P} is multiplied by going down (times the leaf value when the child is
   * a leaf), then the weight {@code w_k g(t_k)} the child's {@code S} is multiplied by.
   */
  private final double[] data;

  // per tree
  private final int[] treeNodes;
  private final boolean[] recursiveTree;
  private final int maxNodesPerTree;

  /**
   * Per-thread buffers for one row and tree. (Static, so a thread's buffers do not keep this
   * instance reachable once it is dropped.)
   */
  private final ThreadLocal<Scratch> scratch;

  private static final class Scratch {
    final double[] xs;
    final long[] masks;
    final int[] factorAt;
    final double[] sums;

    Scratch(int features, int nodes) {
      xs = new double[2 * features + 1];
      masks = new long[nodes];
      factorAt = new int[2 * nodes];
      sums = new double[4 * nodes];
    }
  }

  public FastTreeShap(TreeEnsemble ensemble) {
    this.e = ensemble;
    this.numFeatures = ensemble.numFeatures();
    int nodes = ensemble.numInternalNodes();
    int trees = ensemble.numTrees();
    nodeSlot = new int[nodes];
    nodeThreshold = new double[nodes];
    nodeFlags = new int[nodes];
    for (int n = 0; n < nodes; n++) {
      nodeSlot[n] = ensemble.comparisonSlot(n);
      nodeThreshold[n] = ensemble.comparisonThreshold(n);
    }
    edgePosition = new int[2 * nodes];
    edgeRepeated = new int[2 * nodes];
    edgeFeature = new int[2 * nodes];
    edgeDestination = new int[2 * nodes];
    edgeData = new int[2 * nodes];
    treeNodes = new int[trees];
    recursiveTree = new boolean[trees];

    Preparation prep = new Preparation(ensemble.maxDepth() + 1);
    int most = 1;
    long dataSize = 0;
    for (int t = 0; t < trees; t++) {
      int start = ensemble.treeNodeStart[t];
      int count = ensemble.treeNodeCount[t];
      int firstLeaf = ensemble.treeLeafStart[t];
      most = Math.max(most, count + ensemble.treeLeafCount[t]);
      int root = ensemble.treeRoot[t];
      if (root < 0) {
        continue;
      }
      prep.longest = 0;
      if (!prep.walk(root, 0)) {
        recursiveTree[t] = true;
        continue;
      }
      // ceil(d / 2) nodes make the rule exact; computed in blocks of four, two and one
      int m = Math.max(1, (prep.longest + 1) / 2);
      treeNodes[t] = m;
      for (int n = start; n < start + count; n++) {
        for (int side = 0; side < 2; side++) {
          int edge = 2 * n + side;
          int child = ensemble.nodeChild[edge];
          edgeDestination[edge] = child >= 0 ? child - start : count + (~child - firstLeaf);
          edgeData[edge] = (int) dataSize;
          dataSize += 2L * STATES * m;
        }
      }
    }
    if (dataSize > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("ensemble too large for TreeSHAP tables");
    }
    for (int n = 0; n < nodes; n++) {
      nodeFlags[n] =
          ensemble.holdsMeansRight(n) | edgeRepeated[2 * n] << 1 | edgePosition[2 * n] << 2;
    }
    this.maxNodesPerTree = most;
    this.data = new double[(int) dataSize];
    int features = numFeatures;
    int perTree = most;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(features, perTree));
    for (int t = 0; t < trees; t++) {
      if (ensemble.treeRoot[t] >= 0 && !recursiveTree[t]) {
        fillEdges(t, prep);
      }
    }
  }

  /** Per edge: its path position, whether its feature repeats, and the merged covers. */
  private final class Preparation {
    // the current root-to-node path: distinct features in order of first appearance
    final int[][] stackFeature;
    final double[][] stackZero;
    // per edge, filled by walk: merged cover fraction before (if repeated) and after the edge
    final double[] zeroBefore = new double[edgePosition.length];
    final double[] zeroAfter = new double[edgePosition.length];
    int longest;

    Preparation(int maxLength) {
      stackFeature = new int[maxLength + 1][];
      stackZero = new double[maxLength + 1][];
      stackFeature[0] = new int[0];
      stackZero[0] = new double[0];
    }

    /** Returns false when a path has more distinct features than a mask holds. */
    boolean walk(int node, int level) {
      int[] features = stackFeature[level];
      double[] zeros = stackZero[level];
      if (node < 0) {
        longest = Math.max(longest, features.length);
        return true;
      }
      int split = e.nodeWord[node] & TreeEnsemble.FEATURE_MASK;
      int position = -1;
      for (int p = 0; p < features.length; p++) {
        if (features[p] == split) {
          position = p;
          break;
        }
      }
      boolean first = position < 0;
      int[] childFeatures = features;
      if (first) {
        position = features.length;
        if (position >= MAX_MASK_BITS) {
          return false;
        }
        childFeatures = Arrays.copyOf(features, position + 1);
        childFeatures[position] = split;
      }
      double cover = e.nodeCover[node];
      for (int side = 0; side < 2; side++) {
        int child = e.nodeChild[2 * node + side];
        int edge = 2 * node + side;
        edgePosition[edge] = position;
        edgeRepeated[edge] = first ? 0 : 1;
        edgeFeature[edge] = split;
        double ratio = (child >= 0 ? e.nodeCover[child] : e.leafCover[~child]) / cover;
        double[] childZeros = Arrays.copyOf(zeros, childFeatures.length);
        // LightGBM multiplies the new ratio into the merged fraction: ratio * before
        childZeros[position] = first ? ratio : ratio * zeros[position];
        zeroBefore[edge] = first ? 1.0 : zeros[position];
        zeroAfter[edge] = childZeros[position];
        stackFeature[level + 1] = childFeatures;
        stackZero[level + 1] = childZeros;
        if (!walk(child, level + 1)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * For every edge of tree {@code t} and quadrature node {@code t_k}: the factor {@code P} is
   * multiplied by and the weight {@code g} its child's sums are multiplied by, in three states: OFF
   * (the row leaves the path here or above on this feature), ON, OFF_BEFORE (a repeated feature the
   * row had already left: factor {@code z_after / z_before}, weight 0).
   */
  private void fillEdges(int t, Preparation prep) {
    int m = treeNodes[t];
    double[][] gauss = GaussLegendre.on01(m);
    double[] nodes = gauss[0];
    double[] weights = gauss[1];
    int start = e.treeNodeStart[t];
    int count = e.treeNodeCount[t];
    for (int n = start; n < start + count; n++) {
      for (int side = 0; side < 2; side++) {
        int edge = 2 * n + side;
        int at = edgeData[edge];
        boolean repeated = edgeRepeated[edge] != 0;
        double before = prep.zeroBefore[edge];
        double after = prep.zeroAfter[edge];
        int child = e.nodeChild[edge];
        double leafValue = child < 0 ? e.leafValue[~child] : 1.0; // S = v P at a leaf
        double ratio = repeated ? after / before : after;
        for (int k = 0; k < m; k++) {
          double tk = nodes[k];
          double w = weights[k];
          double onAfter = after + tk * (1 - after);
          double offAfter = after * (1 - tk);
          double gOn = w * (1 - after) / onAfter;
          double gOff = -w / (1 - tk);
          if (repeated) {
            double onBefore = before + tk * (1 - before);
            double gBefore = w * (1 - before) / onBefore;
            data[at + k] = leafValue * (offAfter / onBefore);
            data[at + 2 * m + k] = leafValue * (onAfter / onBefore);
            data[at + 4 * m + k] = leafValue * (Double.isFinite(ratio) ? ratio : 0.0);
            data[at + m + k] = gOff - gBefore;
            data[at + 3 * m + k] = gOn - gBefore;
            data[at + 5 * m + k] = 0.0;
          } else {
            data[at + k] = leafValue * offAfter;
            data[at + 2 * m + k] = leafValue * onAfter;
            data[at + 4 * m + k] = 0.0; // unused
            data[at + m + k] = gOff;
            data[at + 3 * m + k] = gOn;
            data[at + 5 * m + k] = 0.0; // unused
          }
        }
      }
    }
  }

  /**
   * Path-dependent SHAP values of the raw score.
   *
   * @return {@code numFeatures + 1} values: one per feature, then the bias (expected value)
   */
  public double[] contributions(double[] x) {
    e.checkLength(x);
    double[] phi = new double[numFeatures + 1];
    Scratch scratch = this.scratch.get();
    double[] xs = e.signedInputs(x, scratch.xs);
    long[] masks = scratch.masks;
    int[] factorAt = scratch.factorAt;
    double[] sums = scratch.sums;
    ShapPath recursionPath = null;
    final int[] roots = e.treeRoot;
    for (int t = 0; t < roots.length; t++) {
      if (roots[t] < 0) {
        continue;
      }
      if (recursiveTree[t]) {
        if (recursionPath == null) {
          int maxLength = e.maxDepth() + 1;
          recursionPath = new ShapPath(maxLength * (maxLength + 1) / 2 + 1);
        }
        NaiveTreeShap.addTree(e, t, x, phi, recursionPath);
        continue;
      }
      int start = e.treeNodeStart[t];
      int count = e.treeNodeCount[t];
      int m = treeNodes[t];
      edgeStates(x, xs, start, count, m, masks, factorAt);
      int block = 0;
      for (; block + 4 <= m; block += 4) {
        quadratureBlock(t, block, m, factorAt, sums, phi);
      }
      if (block + 2 <= m) {
        quadraturePair(t, block, m, factorAt, sums, phi);
        block += 2;
      }
      if (block < m) {
        quadratureSingle(t, block, m, factorAt, sums, phi);
      }
    }
    NaiveTreeShap.finish(e, phi);
    return phi;
  }

  /**
   * The row's side at every node of a tree, the mask of O of every node and leaf (parents before
   * children), and for every edge where its factors for the row's state start (its weights follow
   * {@code m} later). Branch-free except at special nodes.
   */
  private void edgeStates(
      double[] x, double[] xs, int start, int count, int m, long[] masks, int[] factorAt) {
    final int[] slots = nodeSlot;
    final double[] thresholds = nodeThreshold;
    final int[] flags = nodeFlags;
    final int[] destination = edgeDestination;
    final int[] offsets = edgeData;
    masks[0] = 0L;
    for (int n = start; n < start + count; n++) {
      int local = n - start;
      int slot = slots[n];
      int flag = flags[n];
      int hot;
      if (slot >= 0) {
        int holds = xs[slot] <= thresholds[n] ? 1 : 0;
        hot = (holds ^ 1) ^ (flag & 1);
      } else {
        hot = e.side(n, x);
      }
      int p = flag >>> 2; // both edges split on the same feature, at path position p
      int first = ((flag >>> 1) & 1) ^ 1;
      long bit = 1L << p;
      long mask = masks[local];
      long leftHot = -(long) (hot ^ 1); // all ones when the row goes left
      long set = bit & -(long) first; // a first occurrence sets the bit when the row follows
      long leftMask = (mask | (set & leftHot)) & (~bit | leftHot);
      long rightMask = (mask | (set & ~leftHot)) & (~bit | ~leftHot);
      int edge = 2 * n;
      masks[destination[edge]] = leftMask;
      masks[destination[edge + 1]] = rightMask;
      int offBefore = (first ^ 1) & ~(int) (mask >>> p) & 1;
      int leftState = ((int) (leftMask >>> p) & 1) + OFF_BEFORE * offBefore;
      int rightState = ((int) (rightMask >>> p) & 1) + OFF_BEFORE * offBefore;
      factorAt[2 * local] = offsets[edge] + leftState * 2 * m;
      factorAt[2 * local + 1] = offsets[edge + 1] + rightState * 2 * m;
    }
  }

  /**
   * Quadrature nodes {@code block .. block + 3} of one tree: P going down, {@code S = v P} at the
   * leaves, S going up, and each node's two edges' weighted sums of their children's S added to
   * {@code phi} of the node's feature. Four independent lanes in straight-line code: no short inner
   * loops.
   */
  private void quadratureBlock(
      int t, int block, int weights, int[] factorAt, double[] sums, double[] phi) {
    final double[] d = data;
    final int[] destination = edgeDestination;
    final int[] feature = edgeFeature;
    int start = e.treeNodeStart[t];
    int count = e.treeNodeCount[t];
    sums[0] = 1.0;
    sums[1] = 1.0;
    sums[2] = 1.0;
    sums[3] = 1.0;
    for (int local = 0; local < count; local++) {
      int from = 4 * local;
      double p0 = sums[from];
      double p1 = sums[from + 1];
      double p2 = sums[from + 2];
      double p3 = sums[from + 3];
      int edge = 2 * (start + local);
      int f = factorAt[2 * local] + block;
      int to = 4 * destination[edge];
      sums[to] = p0 * d[f];
      sums[to + 1] = p1 * d[f + 1];
      sums[to + 2] = p2 * d[f + 2];
      sums[to + 3] = p3 * d[f + 3];
      f = factorAt[2 * local + 1] + block;
      to = 4 * destination[edge + 1];
      sums[to] = p0 * d[f];
      sums[to + 1] = p1 * d[f + 1];
      sums[to + 2] = p2 * d[f + 2];
      sums[to + 3] = p3 * d[f + 3];
    }
    for (int local = count - 1; local >= 0; local--) {
      int edge = 2 * (start + local);
      int left = 4 * destination[edge];
      int right = 4 * destination[edge + 1];
      double l0 = sums[left];
      double l1 = sums[left + 1];
      double l2 = sums[left + 2];
      double l3 = sums[left + 3];
      double r0 = sums[right];
      double r1 = sums[right + 1];
      double r2 = sums[right + 2];
      double r3 = sums[right + 3];
      int gl = factorAt[2 * local] + weights + block;
      int gr = factorAt[2 * local + 1] + weights + block;
      // both edges split on the node's feature
      phi[feature[edge]] +=
          ((d[gl] * l0 + d[gl + 1] * l1) + (d[gl + 2] * l2 + d[gl + 3] * l3))
              + ((d[gr] * r0 + d[gr + 1] * r1) + (d[gr + 2] * r2 + d[gr + 3] * r3));
      int at = 4 * local;
      sums[at] = l0 + r0;
      sums[at + 1] = l1 + r1;
      sums[at + 2] = l2 + r2;
      sums[at + 3] = l3 + r3;
    }
  }

  /** {@link #quadratureBlock} for the last two quadrature nodes. */
  private void quadraturePair(
      int t, int block, int weights, int[] factorAt, double[] sums, double[] phi) {
    final double[] d = data;
    final int[] destination = edgeDestination;
    final int[] feature = edgeFeature;
    int start = e.treeNodeStart[t];
    int count = e.treeNodeCount[t];
    sums[0] = 1.0;
    sums[1] = 1.0;
    for (int local = 0; local < count; local++) {
      int from = 2 * local;
      double p0 = sums[from];
      double p1 = sums[from + 1];
      int edge = 2 * (start + local);
      int f = factorAt[2 * local] + block;
      int to = 2 * destination[edge];
      sums[to] = p0 * d[f];
      sums[to + 1] = p1 * d[f + 1];
      f = factorAt[2 * local + 1] + block;
      to = 2 * destination[edge + 1];
      sums[to] = p0 * d[f];
      sums[to + 1] = p1 * d[f + 1];
    }
    for (int local = count - 1; local >= 0; local--) {
      int edge = 2 * (start + local);
      int left = 2 * destination[edge];
      int right = 2 * destination[edge + 1];
      double l0 = sums[left];
      double l1 = sums[left + 1];
      double r0 = sums[right];
      double r1 = sums[right + 1];
      int gl = factorAt[2 * local] + weights + block;
      int gr = factorAt[2 * local + 1] + weights + block;
      phi[feature[edge]] += (d[gl] * l0 + d[gl + 1] * l1) + (d[gr] * r0 + d[gr + 1] * r1);
      int at = 2 * local;
      sums[at] = l0 + r0;
      sums[at + 1] = l1 + r1;
    }
  }

  /** {@link #quadratureBlock} for the last quadrature node. */
  private void quadratureSingle(
      int t, int block, int weights, int[] factorAt, double[] sums, double[] phi) {
    final double[] d = data;
    final int[] destination = edgeDestination;
    final int[] feature = edgeFeature;
    int start = e.treeNodeStart[t];
    int count = e.treeNodeCount[t];
    sums[0] = 1.0;
    for (int local = 0; local < count; local++) {
      double p = sums[local];
      int edge = 2 * (start + local);
      sums[destination[edge]] = p * d[factorAt[2 * local] + block];
      sums[destination[edge + 1]] = p * d[factorAt[2 * local + 1] + block];
    }
    for (int local = count - 1; local >= 0; local--) {
      int edge = 2 * (start + local);
      double l = sums[destination[edge]];
      double r = sums[destination[edge + 1]];
      phi[feature[edge]] +=
          d[factorAt[2 * local] + weights + block] * l
              + d[factorAt[2 * local + 1] + weights + block] * r;
      sums[local] = l + r;
    }
  }

  /** Gauss-Legendre quadrature on [0, 1]. */
  static final class GaussLegendre {
    private static final double[][][] CACHE = new double[33][][];

    private GaussLegendre() {}

    /** {nodes, weights} of the m-point rule on [0, 1]: exact for polynomials of degree 2m - 1. */
    static synchronized double[][] on01(int m) {
      if (m < CACHE.length && CACHE[m] != null) {
        return CACHE[m];
      }
      double[] nodes = new double[m];
      double[] weights = new double[m];
      for (int i = 0; i < m; i++) {
        double x = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
        double derivative = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
          double p0 = 1;
          double p1 = x;
          for (int j = 2; j <= m; j++) {
            double p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
            p0 = p1;
            p1 = p2;
          }
          derivative = m * (x * p1 - p0) / (x * x - 1);
          double dx = p1 / derivative;
          x -= dx;
          if (Math.abs(dx) < 1e-17) {
            break;
          }
        }
        // recompute the derivative at the final x
        double p0 = 1;
        double p1 = x;
        for (int j = 2; j <= m; j++) {
          double p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
          p0 = p1;
          p1 = p2;
        }
        derivative = m * (x * p1 - p0) / (x * x - 1);
        nodes[i] = (1 - x) / 2;
        weights[i] = 1 / ((1 - x * x) * derivative * derivative);
      }
      double[][] rule = {nodes, weights};
      if (m < CACHE.length) {
        CACHE[m] = rule;
      }
      return rule;
    }
  }
}
