package io.alertscoring.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ArgsortTest {
  @Test
  void matchesAStableLibrarySort() {
    Random random = new Random(3);
    for (int trial = 0; trial < 30; trial++) {
      double[] values = new double[random.nextInt(500)];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextInt(20);
      }
      Integer[] expected = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
      // Arrays.sort on objects is a stable merge sort
      Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
      assertThat(Argsort.descending(values))
          .containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
    }
  }
}
