package io.alertscoring.core.model.trees;

/**
 * The reference TreeSHAP: the straightforward recursion of Lundberg et al. (Algorithm 2), node for
 * node the one in LightGBM's {@code Tree::TreeSHAP}. It costs O(L D^2) per tree (L leaves, D
 * depth). {@link FastTreeShap} computes the same values much faster; this class is kept as the
 * yardstick for tests and benchmarks.
 */
public final class NaiveTreeShap {
  private NaiveTreeShap() {}

  /**
   * Path-dependent SHAP values of the raw score.
   *
   * @return {@code numFeatures + 1} values: one per feature, then the bias (expected value)
   */
  public static double[] contributions(TreeEnsemble ensemble, double[] x) {
    ensemble.checkLength(x);
    int numFeatures = ensemble.numFeatures();
    double[] phi = new double[numFeatures + 1];
    int maxLength = ensemble.maxDepth() + 1;
    ShapPath path = new ShapPath(maxLength * (maxLength + 1) / 2 + 1);
    for (int t = 0; t < ensemble.numTrees(); t++) {
      int root = ensemble.treeRoot[t];
      if (root >= 0) {
        recurse(ensemble, x, phi, path, root, 0, 0, 1, 1, -1);
      }
    }
    finish(ensemble, phi);
    return phi;
  }

  /** Adds one tree's SHAP values (not its bias) to {@code phi}. */
  static void addTree(TreeEnsemble ensemble, int tree, double[] x, double[] phi, ShapPath path) {
    int root = ensemble.treeRoot[tree];
    if (root >= 0) {
      recurse(ensemble, x, phi, path, root, 0, 0, 1, 1, -1);
    }
  }

  /** Sets the bias and applies LightGBM's {@code average_output}. */
  static void finish(TreeEnsemble ensemble, double[] phi) {
    int numFeatures = ensemble.numFeatures();
    if (ensemble.averagesOutput()) {
      for (int i = 0; i < numFeatures; i++) {
        phi[i] /= ensemble.numTrees();
      }
    }
    phi[numFeatures] = ensemble.expectedValue();
  }

  /**
   * @param node a child reference: {@code >= 0} internal node, {@code < 0} the leaf {@code ~node}
   * @param parentBase where the parent's path starts in {@code path}
   */
  private static void recurse(
      TreeEnsemble e,
      double[] x,
      double[] phi,
      ShapPath path,
      int node,
      int uniqueDepth,
      int parentBase,
      double parentZeroFraction,
      double parentOneFraction,
      int parentFeature) {
    int base = parentBase + uniqueDepth;
    if (uniqueDepth > 0) {
      path.copy(parentBase, base, uniqueDepth);
    }
    path.extend(base, uniqueDepth, parentZeroFraction, parentOneFraction, parentFeature);

    if (node < 0) {
      double value = e.leafValue[~node];
      for (int i = 1; i <= uniqueDepth; ++i) {
        double w = path.unwoundSum(base, uniqueDepth, i);
        phi[path.feature[base + i]] += w * (path.one[base + i] - path.zero[base + i]) * value;
      }
      return;
    }
    int side = e.side(node, x);
    int hot = e.nodeChild[2 * node + side];
    int cold = e.nodeChild[2 * node + 1 - side];
    double w = e.nodeCover[node];
    double hotZeroFraction = cover(e, hot) / w;
    double coldZeroFraction = cover(e, cold) / w;
    double incomingZeroFraction = 1;
    double incomingOneFraction = 1;
    int splitFeature = e.nodeWord[node] & TreeEnsemble.FEATURE_MASK;

    int pathIndex = 0;
    for (; pathIndex <= uniqueDepth; ++pathIndex) {
      if (path.feature[base + pathIndex] == splitFeature) {
        break;
      }
    }
    if (pathIndex != uniqueDepth + 1) {
      incomingZeroFraction = path.zero[base + pathIndex];
      incomingOneFraction = path.one[base + pathIndex];
      path.unwind(base, uniqueDepth, pathIndex);
      uniqueDepth -= 1;
    }
    recurse(
        e,
        x,
        phi,
        path,
        hot,
        uniqueDepth + 1,
        base,
        hotZeroFraction * incomingZeroFraction,
        incomingOneFraction,
        splitFeature);
    recurse(
        e,
        x,
        phi,
        path,
        cold,
        uniqueDepth + 1,
        base,
        coldZeroFraction * incomingZeroFraction,
        0,
        splitFeature);
  }

  private static double cover(TreeEnsemble e, int child) {
    return child >= 0 ? e.nodeCover[child] : e.leafCover[~child];
  }
}
