package io.alertscoring.training.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

  /** 9,816 rows with 2,179 positives scattered at random, like the Ethereum set. */
  static boolean[] labels(int rows, int positives, long seed) {
    boolean[] labels = new boolean[rows];
    SplittableRandom random = new SplittableRandom(seed);
    int placed = 0;
    while (placed < positives) {
      int i = random.nextInt(rows);
      if (!labels[i]) {
        labels[i] = true;
        placed++;
      }
    }
    return labels;
  }

  @Test
  void everyFoldKeepsThePositiveShareAndFoldsAreDisjointAndCovering() {
    boolean[] labels = labels(9_816, 2_179, 3);
    int k = 5;
    int[] fold = StratifiedFolds.assign(labels, k, 42);
    double share = 2_179 / 9_816.0;
    boolean[] covered = new boolean[labels.length];
    int total = 0;
    for (int f = 0; f < k; f++) {
      int[] in = StratifiedFolds.rows(fold, f, true);
      int[] out = StratifiedFolds.rows(fold, f, false);
      assertThat(in.length + out.length).isEqualTo(labels.length);
      // sizes differ by at most one row
      assertThat(in.length).isBetween(labels.length / k, labels.length / k + 1);
      int positives = 0;
      for (int i : in) {
        assertThat(covered[i]).as("row %d in two folds", i).isFalse();
        covered[i] = true;
        positives += labels[i] ? 1 : 0;
      }
      total += in.length;
      // within one positive of the exact stratified count
      assertThat(positives).isBetween(2_179 / k, 2_179 / k + 1);
      assertThat(positives / (double) in.length)
          .isCloseTo(share, org.assertj.core.data.Offset.offset(0.001));
      for (int i : out) {
        assertThat(fold[i]).isNotEqualTo(f);
      }
    }
    assertThat(total).isEqualTo(labels.length);
    for (boolean c : covered) {
      assertThat(c).isTrue();
    }
  }

  @Test
  void sameSeedSameFoldsAndAnotherSeedShuffles() {
    boolean[] labels = labels(1_000, 90, 9);
    int[] a = StratifiedFolds.assign(labels, 5, 42);
    assertThat(StratifiedFolds.assign(labels, 5, 42)).isEqualTo(a);
    assertThat(StratifiedFolds.assign(labels, 5, 43)).isNotEqualTo(a);
    // not just the row order dealt out: positives are spread over the folds at random
    int[] firstPositives =
        java.util.stream.IntStream.range(0, labels.length)
            .filter(i -> labels[i])
            .limit(10)
            .map(i -> a[i])
            .toArray();
    assertThat(Arrays.stream(firstPositives).distinct().count()).isGreaterThan(1);
  }

  @Test
  void smallAndDegenerateInputs() {
    // fewer positives than folds: the negatives fill the remaining folds evenly
    boolean[] labels = {true, true, false, false, false, false, false};
    int[] fold = StratifiedFolds.assign(labels, 3, 1);
    int[] sizes = new int[3];
    for (int f : fold) {
      sizes[f]++;
    }
    assertThat(sizes).containsExactlyInAnyOrder(3, 2, 2);
    assertThatThrownBy(() -> StratifiedFolds.assign(labels, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StratifiedFolds.assign(new boolean[2], 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
