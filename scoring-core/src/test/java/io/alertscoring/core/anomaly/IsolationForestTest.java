package io.alertscoring.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

  static double[][] normal(int n, int columns, long seed) {
    Random random = new Random(seed);
    double[][] rows = new double[n][columns];
    for (double[] row : rows) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextGaussian();
      }
    }
    return rows;
  }

  @Test
  void outliersScoreHigherThanOrdinaryRowsAndTheFitIsDeterministic() {
    double[][] history = normal(2_000, 5, 1);
    IsolationForest forest = IsolationForest.fit(history, 100, 256, 7);
    double ordinary = 0;
    for (double[] row : normal(200, 5, 2)) {
      ordinary += forest.score(row) / 200;
    }
    double outlier = forest.score(new double[] {6, -6, 5, 0, 0});
    assertThat(ordinary).isBetween(0.35, 0.5);
    assertThat(outlier).isGreaterThan(0.65).isGreaterThan(ordinary + 0.2);
    assertThat(IsolationForest.risk(outlier)).isGreaterThan(30);
    assertThat(IsolationForest.risk(0.4)).isZero();
    assertThat(IsolationForest.risk(1.0)).isEqualTo(100);
    IsolationForest again = IsolationForest.fit(history, 100, 256, 7);
    assertThat(again.score(new double[] {1, 2, 3, 4, 5}))
        .isEqualTo(forest.score(new double[] {1, 2, 3, 4, 5}));
  }

  @Test
  void missingValuesLookOrdinaryAndAllMissingColumnsAreNeverSplit() {
    double[][] history = normal(500, 3, 3);
    for (double[] row : history) {
      row[2] = Double.NaN;
    }
    IsolationForest forest = IsolationForest.fit(history, 50, 128, 1);
    double missing = forest.score(new double[] {Double.NaN, Double.NaN, 99});
    double median = forest.score(new double[] {0, 0, Double.NaN});
    assertThat(missing).isCloseTo(median, within(0.05));
    assertThat(missing).isLessThan(0.6);
  }

  @Test
  void averagePathLengthFollowsThePaperAndBadArgumentsAreRefused() {
    assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1);
    assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.24, within(0.01));
    assertThatThrownBy(() -> IsolationForest.fit(new double[1][2], 10, 8, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void robustZSummarisesTheLargestAndMeanDeviation() {
    double[][] rows = {{1, 10}, {2, 10}, {3, 11}, {2, 9}, {40, 10}};
    double[][] z = RobustZ.summaries(rows);
    assertThat(z[4][0]).isGreaterThan(z[0][0]).isGreaterThan(10);
    assertThat(z[1][0]).isZero();
    double[][] constant = RobustZ.summaries(new double[][] {{1}, {1}, {1}});
    assertThat(constant[0][0]).isNaN();
  }
}
