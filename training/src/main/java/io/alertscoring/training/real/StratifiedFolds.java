package io.alertscoring.training.real;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stratified k-fold assignment: positives and negatives are shuffled apart with a fixed seed and
 * dealt round-robin, so every fold holds the whole set's positive share to within one example per
 * class, the folds are disjoint and together cover every row. The same labels and seed always give
 * the same folds.
 */
public final class StratifiedFolds {
  private StratifiedFolds() {}

  /**
   * The fold (0..folds-1) of every row.
   *
   * @throws IllegalArgumentException when {@code folds < 2} or there are fewer rows than folds
   */
  public static int[] assign(boolean[] labels, int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("need at least 2 folds, got " + folds);
    }
    if (labels.length < folds) {
      throw new IllegalArgumentException(
          "cannot split " + labels.length + " rows into " + folds + " folds");
    }
    List<Integer> positives = new ArrayList<>();
    List<Integer> negatives = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      (labels[i] ? positives : negatives).add(i);
    }
    SplittableRandom random = new SplittableRandom(seed);
    shuffle(positives, random);
    shuffle(negatives, random);
    int[] fold = new int[labels.length];
    // negatives continue the rotation where positives stopped, so fold sizes differ by at most 1
    int next = 0;
    for (int i : positives) {
      fold[i] = next;
      next = (next + 1) % folds;
    }
    for (int i : negatives) {
      fold[i] = next;
      next = (next + 1) % folds;
    }
    return fold;
  }

  /** The rows (ascending) whose fold is {@code k}, or whose fold is not {@code k}. */
  public static int[] rows(int[] fold, int k, boolean inFold) {
    int n = 0;
    for (int f : fold) {
      n += (f == k) == inFold ? 1 : 0;
    }
    int[] rows = new int[n];
    int j = 0;
    for (int i = 0; i < fold.length; i++) {
      if ((fold[i] == k) == inFold) {
        rows[j++] = i;
      }
    }
    return rows;
  }

  /** Fisher-Yates with the given generator. */
  private static void shuffle(List<Integer> items, SplittableRandom random) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = items.get(i);
      items.set(i, items.get(j));
      items.set(j, t);
    }
  }
}
