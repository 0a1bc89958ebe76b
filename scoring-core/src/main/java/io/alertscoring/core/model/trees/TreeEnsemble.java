package io.alertscoring.core.model.trees;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable, thread-safe ensemble of binary decision trees, flattened into primitive arrays and
 * evaluated with the exact semantics of the library that trained it.
 *
 * <p>Layout: all internal nodes of all trees share one set of arrays, numbered tree by tree in
 * pre-order (a parent always has a smaller number than its children); all leaves share another. A
 * child reference {@code c >= 0} is an internal node, {@code c < 0} is the leaf {@code ~c}. Per
 * internal node: {@link #nodeWord} holds the feature index plus two flag bits, {@link
 * #nodeThreshold} the threshold, and {@link #nodeChild} the left child at {@code 2n} and the right
 * child at {@code 2n + 1}.
 *
 * <p>A plain numeric node sends {@code x} left when {@code x <= threshold}, right when {@code x >
 * threshold}, and a {@code NaN} to the side in bit {@link #NAN_RIGHT_BIT}. The parsers translate
 * each library's rule into this one form without changing any decision:
 *
 * <ul>
 *   <li>LightGBM compares {@code double}s with {@code <=}. Its C API first replaces every input
 *       with {@code |x| <= kZeroThreshold} by zero and sends {@code NaN} to zero unless the node's
 *       missing type is {@code NaN}; thresholds within {@code kZeroThreshold} of zero are moved so
 *       that comparing the unfiltered input gives the same side. Nodes whose rule cannot be written
 *       as one comparison (categorical splits; some "zero as missing" splits) are marked special
 *       (the sign bit) and evaluated by a port of LightGBM's {@code Tree::Decision}.
 *   <li>XGBoost rounds the input to {@code float} and goes left when {@code fvalue <
 *       split_condition}. The threshold stored here is the largest {@code double} whose {@code
 *       float} rounding is below the split condition, so {@code x <= threshold} on the unrounded
 *       input decides the same.
 * </ul>
 *
 * <p>Raw scores are summed the way the library sums them: LightGBM adds the tree outputs in tree
 * order to a {@code double} starting at {@code 0.0}; XGBoost adds them in {@code float} to its base
 * margin.
 *
 * <p>Scoring walks a second copy of the trees ({@link #fast}) laid out for speed: every level is a
 * single comparison without a branch, and six trees descend together so that their chains of
 * dependent memory loads overlap. A tree with a special node is walked on the arrays above.
 */
public final class TreeEnsemble {

  /** Which library's model file this ensemble came from, and so whose arithmetic it follows. */
  public enum Library {
    LIGHTGBM,
    XGBOOST
  }

  /** How a raw score becomes a probability. */
  public enum OutputTransform {
    /** {@code 1 / (1 + exp(-scale * raw))}: binary classifiers. */
    SIGMOID,
    /** No probability of its own (rankers, regressions): the logistic of the raw score. */
    NONE
  }

  static final int SPECIAL_BIT = 0x8000_0000;
  static final int NAN_RIGHT_BIT = 0x4000_0000;
  static final int NAN_SHIFT = 30;
  static final int FEATURE_MASK = 0x3FFF_FFFF;

  /** LightGBM's {@code kZeroThreshold}: the {@code float} literal {@code 1e-35f} as a double. */
  static final double K_ZERO_THRESHOLD = (double) 1e-35f;

  private final Library library;
  private final String objective;
  private final OutputTransform outputTransform;
  private final double sigmoidScale;
  private final List<String> featureNames;
  private final int numFeatures;
  private final boolean averageOutput;
  private final float baseMargin;
  private final boolean namedFeatures;

  // internal nodes
  final int[] nodeWord;
  final double[] nodeThreshold;
  final int[] nodeChild;
  final byte[] nodeDecisionType;
  final double[] nodeCover;
  // leaves
  final double[] leafValue;
  final double[] leafCover;
  // trees
  final int[] treeRoot;
  final int[] treeNodeStart;
  final int[] treeNodeCount;
  final int[] treeLeafStart;
  final int[] treeLeafCount;
  final int[] treeDepth;
  final double[] treeExpectedValue;
  // LightGBM categorical bitsets, indexed by the threshold of a categorical node
  final int[] catBoundaries;
  final int[] catBits;
  private final int maxDepth;
  private final double expectedValue;

  /**
   * The branch-free scoring layout: two longs per node, each tree in pre-order with the child taken
   * when the node's comparison holds (its "first" child) right after the node. Internal node:
   * {@code [threshold bits, second << 32 | slot]}; the row goes first when {@code xs[slot] <=
   * threshold}, where {@code xs[2f] = x[f]} and {@code xs[2f + 1] = -x[f]}. A node whose NaN goes
   * right compares {@code x} with its threshold (first = left; NaN fails the comparison and goes
   * right). A node whose NaN goes left compares {@code -x} with {@code nextDown(-threshold)}, which
   * holds exactly when {@code x > threshold} (first = right; NaN fails and goes left). Leaf: {@code
   * [value bits, LEAF | self << 32 | NaN slot]}: its comparison always fails and its second child
   * is itself, so a finished descent stays put.
   */
  final long[] fast;

  /** Root of each tree in {@link #fast}, or -1 for a tree with special nodes. */
  final int[] fastRoot;

  private static final long LEAF = Long.MIN_VALUE;
  private static final int LANES = 6;
  private final int nanSlot;

  /**
   * Per-thread buffers for one row: allocating them per row costs about 10%. (Static, so a thread's
   * buffers do not keep this ensemble reachable once it is dropped.)
   */
  private final ThreadLocal<Scratch> scratch;

  private static final class Scratch {
    final double[] xs;
    final int[] reached;

    Scratch(int inputs, int trees) {
      xs = new double[inputs];
      reached = new int[trees];
    }
  }

  private TreeEnsemble(Builder b) {
    this.library = b.library;
    this.objective = b.objective;
    this.outputTransform = b.outputTransform;
    this.sigmoidScale = b.sigmoidScale;
    this.featureNames = List.copyOf(b.featureNames);
    this.numFeatures = b.featureNames.size();
    this.averageOutput = b.averageOutput;
    this.baseMargin = b.baseMargin;
    this.namedFeatures = b.namedFeatures;
    int nodes = b.nodeCount;
    int leaves = b.leafCount;
    int trees = b.treeRoot.size();
    this.nodeWord = Arrays.copyOf(b.nodeWord, nodes);
    this.nodeThreshold = Arrays.copyOf(b.nodeThreshold, nodes);
    this.nodeChild = Arrays.copyOf(b.nodeChild, 2 * nodes);
    this.nodeDecisionType = Arrays.copyOf(b.nodeDecisionType, nodes);
    this.nodeCover = Arrays.copyOf(b.nodeCover, nodes);
    this.leafValue = Arrays.copyOf(b.leafValue, leaves);
    this.leafCover = Arrays.copyOf(b.leafCover, leaves);
    this.treeRoot = toArray(b.treeRoot);
    this.treeNodeStart = toArray(b.treeNodeStart);
    this.treeNodeCount = toArray(b.treeNodeCount);
    this.treeLeafStart = toArray(b.treeLeafStart);
    this.treeLeafCount = toArray(b.treeLeafCount);
    this.treeDepth = toArray(b.treeDepth);
    this.treeExpectedValue = new double[trees];
    for (int t = 0; t < trees; t++) {
      treeExpectedValue[t] = b.treeExpectedValue.get(t);
    }
    this.catBoundaries = toArray(b.catBoundaries);
    this.catBits = toArray(b.catBits);
    int depth = 0;
    for (int d : treeDepth) {
      depth = Math.max(depth, d);
    }
    this.maxDepth = depth;
    this.expectedValue = computeExpectedValue();
    this.nanSlot = 2 * numFeatures;
    this.fastRoot = new int[trees];
    long[] layout = new long[2 * (nodes + leaves)];
    int used = 0;
    for (int t = 0; t < trees; t++) {
      if (hasSpecialNode(t)) {
        fastRoot[t] = -1;
        continue;
      }
      fastRoot[t] = used / 2;
      used = emitFast(layout, used, treeRoot[t]);
    }
    this.fast = Arrays.copyOf(layout, used);
    int inputs = nanSlot + 1;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(inputs, trees));
  }

  private boolean hasSpecialNode(int tree) {
    for (int n = treeNodeStart[tree]; n < treeNodeStart[tree] + treeNodeCount[tree]; n++) {
      if (nodeWord[n] < 0) {
        return true;
      }
    }
    return false;
  }

  /** Writes the subtree at {@code node} (a child reference) at {@code at}; returns the end. */
  private int emitFast(long[] layout, int at, int node) {
    int self = at / 2;
    if (node < 0) {
      layout[at] = Double.doubleToRawLongBits(leafValue[~node]);
      layout[at + 1] = LEAF | ((long) self << 32) | nanSlot;
      return at + 2;
    }
    int right = holdsMeansRight(node);
    int end = emitFast(layout, at + 2, nodeChild[2 * node + right]);
    int secondIndex = end / 2;
    end = emitFast(layout, end, nodeChild[2 * node + 1 - right]);
    layout[at] = Double.doubleToRawLongBits(firstThreshold(node));
    layout[at + 1] = ((long) secondIndex << 32) | slot(node);
    return end;
  }

  private boolean nanRight(int node) {
    return (nodeWord[node] & NAN_RIGHT_BIT) != 0;
  }

  /**
   * {@code 2f} (compare {@code x}) when the node's NaN goes right, else {@code 2f + 1} ({@code
   * -x}).
   */
  private int slot(int node) {
    return 2 * (nodeWord[node] & FEATURE_MASK) + (nanRight(node) ? 0 : 1);
  }

  /**
   * What {@code xs[slot(node)]} is compared with: the threshold itself when NaN goes right (holds:
   * left), else {@code nextDown(-t)}, since {@code -x <= nextDown(-t)} exactly when {@code x > t}
   * (holds: right); with {@code t = +inf} nothing is greater, so NaN: never holds.
   */
  private double firstThreshold(int node) {
    double t = nodeThreshold[node];
    if (nanRight(node)) {
      return t;
    }
    return t == Double.POSITIVE_INFINITY ? Double.NaN : Math.nextDown(-t);
  }

  private double computeExpectedValue() {
    if (library == Library.XGBOOST) {
      double sum = baseMargin;
      for (double e : treeExpectedValue) {
        sum += e;
      }
      return sum;
    }
    // LightGBM's GBDT::PredictContrib adds each tree's ExpectedValue() in tree order.
    double sum = 0.0;
    for (double e : treeExpectedValue) {
      sum += e;
    }
    return averageOutput && treeRoot.length > 0 ? sum / treeRoot.length : sum;
  }

  private static int[] toArray(List<Integer> list) {
    int[] a = new int[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = list.get(i);
    }
    return a;
  }

  public Library library() {
    return library;
  }

  /**
   * The objective as the model file names it, e.g. {@code binary sigmoid:1}, {@code lambdarank}.
   */
  public String objective() {
    return objective;
  }

  public OutputTransform outputTransform() {
    return outputTransform;
  }

  /** Feature names in input order, as the model file lists them. */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Whether the model file itself names its features; when not (an XGBoost model trained without
   * feature names) {@link #featureNames()} are the placeholders {@code f0, f1, ...}.
   */
  public boolean namedFeatures() {
    return namedFeatures;
  }

  /** XGBoost's base margin (0 for LightGBM, whose trees already hold any initial score). */
  public double baseMargin() {
    return baseMargin;
  }

  /**
   * LightGBM random-forest models ({@code average_output}) average their trees instead of summing.
   */
  public boolean averagesOutput() {
    return averageOutput;
  }

  public int numFeatures() {
    return numFeatures;
  }

  public int numTrees() {
    return treeRoot.length;
  }

  public int numInternalNodes() {
    return nodeWord.length;
  }

  public int numLeaves() {
    return leafValue.length;
  }

  /** The largest number of splits from a root to a leaf. */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * The mean raw score over the training data as the trees' covers weight it: the bias term of SHAP
   * contributions (for XGBoost including the base margin).
   */
  public double expectedValue() {
    return expectedValue;
  }

  /**
   * The raw score (margin), bit-identical to the native library's raw prediction.
   *
   * @param x one value per feature in {@link #featureNames()} order; {@code NaN} is missing
   */
  public double rawScore(double[] x) {
    checkLength(x);
    Scratch buffers = scratch.get();
    int[] reached = buffers.reached;
    descendAll(x, signedInputs(x, buffers.xs), reached);
    final long[] nodes = fast;
    final double[] leaves = leafValue;
    if (library == Library.XGBOOST) {
      float sum = baseMargin;
      for (int r : reached) {
        sum += (float) (r >= 0 ? Double.longBitsToDouble(nodes[2 * r]) : leaves[~r]);
      }
      return sum;
    }
    double sum = 0.0;
    for (int r : reached) {
      sum += r >= 0 ? Double.longBitsToDouble(nodes[2 * r]) : leaves[~r];
    }
    return averageOutput && reached.length > 0 ? sum / reached.length : sum;
  }

  /** Fills {@code xs} with {@code xs[2f] = x[f]}, {@code xs[2f + 1] = -x[f]}, then one NaN. */
  double[] signedInputs(double[] x, double[] xs) {
    for (int f = 0; f < x.length; f++) {
      double v = x[f];
      xs[2 * f] = v;
      xs[2 * f + 1] = -v;
    }
    xs[nanSlot] = Double.NaN;
    return xs;
  }

  /** One branch-free level: the first child ({@code n + 1}) when the comparison holds. */
  private static int step(long[] nodes, double[] xs, int n, long meta) {
    int holds = xs[(int) meta] <= Double.longBitsToDouble(nodes[2 * n]) ? 1 : 0;
    int second = (int) (meta >>> 32) & Integer.MAX_VALUE;
    return second + ((n + 1 - second) & -holds);
  }

  /**
   * The leaf each tree sends the row to: {@code reached[t] >= 0} a leaf of {@link #fast}, {@code <
   * 0} the leaf {@code ~reached[t]} of a tree with special nodes. Six trees descend together, so
   * their independent chains of dependent loads overlap; every step is branch-free, so no
   * mispredicted branch flushes them.
   */
  private void descendAll(double[] x, double[] xs, int[] reached) {
    final long[] nodes = fast;
    final int[] roots = fastRoot;
    final int trees = roots.length;
    int t = 0;
    while (t < trees) {
      if (t + LANES <= trees
          && (roots[t] | roots[t + 1] | roots[t + 2] | roots[t + 3] | roots[t + 4] | roots[t + 5])
              >= 0) {
        int n0 = roots[t];
        int n1 = roots[t + 1];
        int n2 = roots[t + 2];
        int n3 = roots[t + 3];
        int n4 = roots[t + 4];
        int n5 = roots[t + 5];
        long m0 = nodes[2 * n0 + 1];
        long m1 = nodes[2 * n1 + 1];
        long m2 = nodes[2 * n2 + 1];
        long m3 = nodes[2 * n3 + 1];
        long m4 = nodes[2 * n4 + 1];
        long m5 = nodes[2 * n5 + 1];
        while ((m0 & m1 & m2 & m3 & m4 & m5) >= 0) { // until all six are at a leaf
          n0 = step(nodes, xs, n0, m0);
          n1 = step(nodes, xs, n1, m1);
          n2 = step(nodes, xs, n2, m2);
          n3 = step(nodes, xs, n3, m3);
          n4 = step(nodes, xs, n4, m4);
          n5 = step(nodes, xs, n5, m5);
          m0 = nodes[2 * n0 + 1];
          m1 = nodes[2 * n1 + 1];
          m2 = nodes[2 * n2 + 1];
          m3 = nodes[2 * n3 + 1];
          m4 = nodes[2 * n4 + 1];
          m5 = nodes[2 * n5 + 1];
        }
        reached[t] = n0;
        reached[t + 1] = n1;
        reached[t + 2] = n2;
        reached[t + 3] = n3;
        reached[t + 4] = n4;
        reached[t + 5] = n5;
        t += LANES;
      } else {
        int n = roots[t];
        if (n < 0) {
          reached[t] = ~descend(treeRoot[t], x);
        } else {
          long meta = nodes[2 * n + 1];
          while (meta >= 0) {
            n = step(nodes, xs, n, meta);
            meta = nodes[2 * n + 1];
          }
          reached[t] = n;
        }
        t++;
      }
    }
  }

  /** The probability a raw score stands for, following the model's objective. */
  public double probability(double raw) {
    if (outputTransform == OutputTransform.SIGMOID) {
      return 1.0 / (1.0 + Math.exp(-sigmoidScale * raw));
    }
    return 1.0 / (1.0 + Math.exp(-raw));
  }

  /** Index (into this ensemble's leaves) of the leaf {@code x} reaches in tree {@code tree}. */
  public int leafIndex(int tree, double[] x) {
    checkLength(x);
    return descend(treeRoot[tree], x);
  }

  /** Output of a leaf returned by {@link #leafIndex(int, double[])}. */
  public double leafValue(int leaf) {
    return leafValue[leaf];
  }

  private int descend(int node, double[] x) {
    final int[] words = nodeWord;
    final double[] thresholds = nodeThreshold;
    final int[] children = nodeChild;
    while (node >= 0) {
      int w = words[node];
      int side;
      if (w >= 0) {
        double f = x[w & FEATURE_MASK];
        double t = thresholds[node];
        side = f <= t ? 0 : (f > t ? 1 : (w >>> NAN_SHIFT));
      } else {
        side = specialSide(node, x);
      }
      node = children[2 * node + side];
    }
    return ~node;
  }

  /**
   * The slot of {@link #signedInputs} that internal node {@code node} compares, or -1 for a special
   * node (use {@link #side}).
   */
  int comparisonSlot(int node) {
    return nodeWord[node] < 0 ? -1 : slot(node);
  }

  /** The threshold the {@link #comparisonSlot} value is compared with ({@code <=}). */
  double comparisonThreshold(int node) {
    return firstThreshold(node);
  }

  /** 1 when the comparison holding sends the row right (the node's NaN goes left), else 0. */
  int holdsMeansRight(int node) {
    return nanRight(node) ? 0 : 1;
  }

  /** 0 when {@code x} goes to the left child of internal node {@code node}, 1 when right. */
  int side(int node, double[] x) {
    int w = nodeWord[node];
    if (w >= 0) {
      double f = x[w & FEATURE_MASK];
      double t = nodeThreshold[node];
      return f <= t ? 0 : (f > t ? 1 : (w >>> NAN_SHIFT));
    }
    return specialSide(node, x);
  }

  /** A port of LightGBM's {@code Tree::Decision} (v4), after the C API's zero filter. */
  private int specialSide(int node, double[] x) {
    double f = x[nodeWord[node] & FEATURE_MASK];
    if (Math.abs(f) <= K_ZERO_THRESHOLD) {
      f = 0.0; // RowFunctionFromDenseMatric drops |x| <= kZeroThreshold: the row holds a zero
    }
    int decisionType = nodeDecisionType[node];
    int missingType = (decisionType >> 2) & 3;
    boolean defaultLeft = (decisionType & 2) != 0;
    if ((decisionType & 1) != 0) {
      // CategoricalDecision
      if (Double.isNaN(f)) {
        return 1;
      }
      int category = (int) f;
      if (category < 0) {
        return 1;
      }
      int catIndex = (int) nodeThreshold[node];
      int start = catBoundaries[catIndex];
      int words = catBoundaries[catIndex + 1] - start;
      int word = category / 32;
      if (word >= words) {
        return 1;
      }
      return ((catBits[start + word] >>> (category % 32)) & 1) != 0 ? 0 : 1;
    }
    // NumericalDecision
    if (Double.isNaN(f) && missingType != 2) {
      f = 0.0;
    }
    if ((missingType == 1 && f >= -K_ZERO_THRESHOLD && f <= K_ZERO_THRESHOLD)
        || (missingType == 2 && Double.isNaN(f))) {
      return defaultLeft ? 0 : 1;
    }
    return f <= nodeThreshold[node] ? 0 : 1;
  }

  void checkLength(double[] x) {
    if (x.length != numFeatures) {
      throw new IllegalArgumentException("expected " + numFeatures + " features, got " + x.length);
    }
  }

  /** Collects trees and builds the flattened ensemble. */
  static final class Builder {
    private final Library library;
    private final List<String> featureNames;
    private String objective = "";
    private OutputTransform outputTransform = OutputTransform.NONE;
    private double sigmoidScale = 1.0;
    private boolean averageOutput;
    private float baseMargin;
    private boolean namedFeatures = true;

    private int nodeCount;
    private int leafCount;
    private int[] nodeWord = new int[64];
    private double[] nodeThreshold = new double[64];
    private int[] nodeChild = new int[128];
    private byte[] nodeDecisionType = new byte[64];
    private double[] nodeCover = new double[64];
    private double[] leafValue = new double[64];
    private double[] leafCover = new double[64];
    private final List<Integer> treeRoot = new ArrayList<>();
    private final List<Integer> treeNodeStart = new ArrayList<>();
    private final List<Integer> treeNodeCount = new ArrayList<>();
    private final List<Integer> treeLeafStart = new ArrayList<>();
    private final List<Integer> treeLeafCount = new ArrayList<>();
    private final List<Integer> treeDepth = new ArrayList<>();
    private final List<Double> treeExpectedValue = new ArrayList<>();
    private final List<Integer> catBoundaries = new ArrayList<>(List.of(0));
    private final List<Integer> catBits = new ArrayList<>();

    Builder(Library library, List<String> featureNames) {
      this.library = library;
      this.featureNames = List.copyOf(featureNames);
    }

    Builder objective(String objective, OutputTransform transform, double sigmoidScale) {
      this.objective = objective;
      this.outputTransform = transform;
      this.sigmoidScale = sigmoidScale;
      return this;
    }

    Builder averageOutput(boolean averageOutput) {
      this.averageOutput = averageOutput;
      return this;
    }

    Builder namedFeatures(boolean namedFeatures) {
      this.namedFeatures = namedFeatures;
      return this;
    }

    Builder baseMargin(float baseMargin) {
      this.baseMargin = baseMargin;
      return this;
    }

    /** Appends LightGBM categorical bitsets; returns the global index of their first split. */
    int addCategoricalBitsets(int[] boundaries, int[] bits) {
      int firstIndex = catBoundaries.size() - 1;
      int offset = catBits.size();
      for (int b : bits) {
        catBits.add(b);
      }
      for (int i = 1; i < boundaries.length; i++) {
        catBoundaries.add(offset + boundaries[i]);
      }
      return firstIndex;
    }

    /**
     * Adds one tree described LightGBM-style: internal nodes {@code 0..n-1} with the root at 0
     * (when {@code n > 0}), children {@code >= 0} internal and {@code < 0} the leaf {@code ~c}.
     *
     * @param word feature index plus {@link #NAN_RIGHT_BIT} or {@link #SPECIAL_BIT}
     * @param threshold the comparison threshold (plain nodes) or the raw threshold (special nodes)
     * @param decisionType LightGBM's decision_type byte (special nodes only)
     * @param expectedValue the tree's mean output weighted by cover
     */
    void addTree(
        int[] word,
        double[] threshold,
        byte[] decisionType,
        int[] left,
        int[] right,
        double[] internalCover,
        double[] leafValues,
        double[] leafCovers,
        double expectedValue) {
      int internal = left.length;
      if (leafValues.length != internal + 1) {
        throw new IllegalArgumentException(
            "a tree with " + internal + " splits needs " + (internal + 1) + " leaves");
      }
      int nodeStart = nodeCount;
      int leafStart = leafCount;
      ensureCapacity(nodeCount + internal, leafCount + leafValues.length);
      treeNodeStart.add(nodeStart);
      treeNodeCount.add(internal);
      treeLeafStart.add(leafStart);
      treeLeafCount.add(leafValues.length);
      treeExpectedValue.add(expectedValue);
      if (internal == 0) {
        leafValue[leafCount] = leafValues[0];
        leafCover[leafCount] = leafCovers.length > 0 ? leafCovers[0] : 0.0;
        treeRoot.add(~leafCount);
        leafCount++;
        treeDepth.add(0);
        return;
      }
      // Pre-order renumbering with an explicit stack: (original node, parent slot, depth).
      int[] stackNode = new int[internal + leafValues.length];
      int[] stackSlot = new int[stackNode.length];
      int[] stackDepth = new int[stackNode.length];
      boolean[] seenNode = new boolean[internal];
      boolean[] seenLeaf = new boolean[leafValues.length];
      int top = 0;
      stackNode[top] = 0;
      stackSlot[top] = -1;
      stackDepth[top] = 0;
      top++;
      int depth = 0;
      int root = 0;
      while (top > 0) {
        top--;
        int original = stackNode[top];
        int slot = stackSlot[top];
        int d = stackDepth[top];
        int reference;
        if (original >= 0) {
          if (original >= internal || seenNode[original]) {
            throw new IllegalArgumentException("node " + original + " is not part of one tree");
          }
          seenNode[original] = true;
          int n = nodeCount++;
          nodeWord[n] = word[original];
          nodeThreshold[n] = threshold[original];
          nodeDecisionType[n] = decisionType[original];
          nodeCover[n] = internalCover[original];
          reference = n;
          // push right first so the left subtree is numbered first
          stackNode[top] = right[original];
          stackSlot[top] = 2 * n + 1;
          stackDepth[top] = d + 1;
          top++;
          stackNode[top] = left[original];
          stackSlot[top] = 2 * n;
          stackDepth[top] = d + 1;
          top++;
        } else {
          int leaf = ~original;
          if (leaf >= leafValues.length || seenLeaf[leaf]) {
            throw new IllegalArgumentException("leaf " + leaf + " is not part of one tree");
          }
          seenLeaf[leaf] = true;
          int l = leafCount++;
          leafValue[l] = leafValues[leaf];
          leafCover[l] = leafCovers[leaf];
          reference = ~l;
          depth = Math.max(depth, d);
        }
        if (slot < 0) {
          root = reference;
        } else {
          nodeChild[slot] = reference;
        }
      }
      if (nodeCount - nodeStart != internal || leafCount - leafStart != leafValues.length) {
        throw new IllegalArgumentException("tree has unreachable nodes");
      }
      treeRoot.add(root);
      treeDepth.add(depth);
    }

    private void ensureCapacity(int nodes, int leaves) {
      if (nodes > nodeWord.length) {
        int n = Math.max(nodes, 2 * nodeWord.length);
        nodeWord = Arrays.copyOf(nodeWord, n);
        nodeThreshold = Arrays.copyOf(nodeThreshold, n);
        nodeChild = Arrays.copyOf(nodeChild, 2 * n);
        nodeDecisionType = Arrays.copyOf(nodeDecisionType, n);
        nodeCover = Arrays.copyOf(nodeCover, n);
      }
      if (leaves > leafValue.length) {
        int n = Math.max(leaves, 2 * leafValue.length);
        leafValue = Arrays.copyOf(leafValue, n);
        leafCover = Arrays.copyOf(leafCover, n);
      }
    }

    TreeEnsemble build() {
      return new TreeEnsemble(this);
    }
  }
}
