package io.alertscoring.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alertscoring.core.model.trees.NaiveTreeShap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: every path gives the same answers on its rows. */
class BenchmarkModelTest {
  static BenchmarkModel model;

  @BeforeAll
  static void setUp() throws Exception {
    model = new BenchmarkModel();
  }

  @AfterAll
  static void tearDown() throws Exception {
    model.close();
  }

  @Test
  void theModelHasTheAdvertisedShape() {
    assertThat(model.ensemble.numTrees()).isEqualTo(BenchmarkModel.TREES);
    assertThat(model.ensemble.numFeatures()).isEqualTo(BenchmarkModel.FEATURES);
    int full = BenchmarkModel.TREES * BenchmarkModel.LEAVES;
    assertThat(model.ensemble.numLeaves()).isBetween(full * 95 / 100, full);
    System.out.printf(
        "leaves %d, max depth %d%n", model.ensemble.numLeaves(), model.ensemble.maxDepth());
  }

  @Test
  void everyScoringPathGivesTheSameRawScores() throws Exception {
    for (double[] row : model.rows) {
      double ours = model.ensemble.rawScore(row);
      assertThat(ours).isEqualTo(model.lightGbmFastSingleRow(row));
      assertThat(ours).isEqualTo(model.lightGbm4jSingleRow(row));
    }
  }

  @Test
  void everyExplanationPathGivesTheSameContributions() {
    for (int r = 0; r < 200; r++) {
      double[] row = model.rows[r];
      double[] fast = model.fastShap.contributions(row);
      assertThat(fast).containsExactly(model.lightGbmFastContributions(row), within(1e-9));
      assertThat(fast)
          .containsExactly(NaiveTreeShap.contributions(model.ensemble, row), within(1e-9));
    }
  }
}
