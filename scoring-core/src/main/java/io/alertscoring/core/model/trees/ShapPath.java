package io.alertscoring.core.model.trees;

/**
 * The path bookkeeping of Lundberg et al.'s TreeSHAP (arXiv:1802.03888, Algorithm 2), as LightGBM
 * implements it in {@code Tree::ExtendPath}, {@code UnwindPath} and {@code UnwoundPathSum}, over
 * parallel arrays instead of an array of structs. A path occupies {@code [base, base + depth]}.
 */
final class ShapPath {
  final int[] feature;
  final double[] zero;
  final double[] one;
  final double[] weight;

  ShapPath(int capacity) {
    feature = new int[capacity];
    zero = new double[capacity];
    one = new double[capacity];
    weight = new double[capacity];
  }

  /** Copies the {@code length} elements at {@code from} to {@code to}. */
  void copy(int from, int to, int length) {
    System.arraycopy(feature, from, feature, to, length);
    System.arraycopy(zero, from, zero, to, length);
    System.arraycopy(one, from, one, to, length);
    System.arraycopy(weight, from, weight, to, length);
  }

  void extend(int base, int depth, double zeroFraction, double oneFraction, int featureIndex) {
    int top = base + depth;
    feature[top] = featureIndex;
    zero[top] = zeroFraction;
    one[top] = oneFraction;
    weight[top] = depth == 0 ? 1 : 0;
    double denominator = depth + 1;
    for (int i = depth - 1; i >= 0; i--) {
      weight[base + i + 1] += oneFraction * weight[base + i] * (i + 1) / denominator;
      weight[base + i] = zeroFraction * weight[base + i] * (depth - i) / denominator;
    }
  }

  void unwind(int base, int depth, int pathIndex) {
    double oneFraction = one[base + pathIndex];
    double zeroFraction = zero[base + pathIndex];
    double nextOnePortion = weight[base + depth];
    for (int i = depth - 1; i >= 0; --i) {
      if (oneFraction != 0) {
        double tmp = weight[base + i];
        weight[base + i] = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
        nextOnePortion = tmp - weight[base + i] * zeroFraction * (depth - i) / (double) (depth + 1);
      } else {
        weight[base + i] = (weight[base + i] * (depth + 1)) / (zeroFraction * (depth - i));
      }
    }
    for (int i = pathIndex; i < depth; ++i) {
      feature[base + i] = feature[base + i + 1];
      zero[base + i] = zero[base + i + 1];
      one[base + i] = one[base + i + 1];
    }
  }

  double unwoundSum(int base, int depth, int pathIndex) {
    double oneFraction = one[base + pathIndex];
    double zeroFraction = zero[base + pathIndex];
    double nextOnePortion = weight[base + depth];
    double total = 0;
    for (int i = depth - 1; i >= 0; --i) {
      if (oneFraction != 0) {
        double tmp = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
        total += tmp;
        nextOnePortion =
            weight[base + i] - tmp * zeroFraction * ((depth - i) / (double) (depth + 1));
      } else {
        total += (weight[base + i] / zeroFraction) / ((depth - i) / (double) (depth + 1));
      }
    }
    return total;
  }
}
