package io.alertscoring.core.metrics;

/**
 * Stable index sort on primitive arrays. A stable merge sort on {@code int[]} avoids boxing every
 * index into an {@code Integer} (training evaluates millions of rows) and keeps the input order of
 * tied scores, which NDCG relies on.
 */
final class Argsort {
  private Argsort() {}

  /** Indices of {@code values} from the highest value to the lowest; ties keep input order. */
  static int[] descending(double[] values) {
    int n = values.length;
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    int[] buffer = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        merge(values, index, buffer, lo, mid, hi);
      }
    }
    return index;
  }

  private static void merge(double[] values, int[] index, int[] buffer, int lo, int mid, int hi) {
    System.arraycopy(index, lo, buffer, lo, hi - lo);
    int left = lo;
    int right = mid;
    for (int k = lo; k < hi; k++) {
      if (left >= mid) {
        index[k] = buffer[right++];
      } else if (right >= hi) {
        index[k] = buffer[left++];
      } else if (values[buffer[right]] > values[buffer[left]]) {
        // strictly greater only: an equal right element stays behind the left one (stability)
        index[k] = buffer[right++];
      } else {
        index[k] = buffer[left++];
      }
    }
  }
}
