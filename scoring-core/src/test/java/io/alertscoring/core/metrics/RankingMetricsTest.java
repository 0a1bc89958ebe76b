package io.alertscoring.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static final double LOG2_3 = Math.log(3) / Math.log(2);
  private static final double LOG2_5 = Math.log(5) / Math.log(2);

  @Test
  void binaryRelevanceByHand() {
    double[] scores = {0.9, 0.8, 0.7, 0.6};
    double[] relevance = {0, 1, 0, 1};
    // DCG@3 = 0 + 1/log2(3) + 0 ; IDCG@3 = 1 + 1/log2(3) + 0
    double expected = (1 / LOG2_3) / (1 + 1 / LOG2_3);
    assertThat(RankingMetrics.ndcgAtK(scores, relevance, 3).getAsDouble())
        .isCloseTo(expected, within(1e-12))
        .isCloseTo(0.38685280723454163, within(1e-12));
  }

  @Test
  void gradedRelevanceByHand() {
    double[] scores = {0.1, 0.9, 0.5, 0.3};
    double[] relevance = {3, 2, 0, 1};
    // order by score: rel 2, 0, 1, 3 -> DCG = 3/1 + 0 + 1/2 + 7/log2(5)
    // ideal: 3, 2, 1, 0 -> 7/1 + 3/log2(3) + 1/2 + 0
    double dcg = 3 + 0.5 + 7 / LOG2_5;
    double ideal = 7 + 3 / LOG2_3 + 0.5;
    assertThat(RankingMetrics.ndcgAtK(scores, relevance, 10).getAsDouble())
        .isCloseTo(dcg / ideal, within(1e-12))
        .isCloseTo(0.6935890634491111, within(1e-12));
    // k = 2: DCG = 3 + 0 ; IDCG = 7 + 3/log2(3)
    assertThat(RankingMetrics.ndcgAtK(scores, relevance, 2).getAsDouble())
        .isCloseTo(3 / (7 + 3 / LOG2_3), within(1e-12));
  }

  @Test
  void perfectRankingIsOneAndTiesKeepInputOrder() {
    assertThat(
            RankingMetrics.ndcgAtK(new double[] {3, 2, 1}, new double[] {2, 1, 0}, 3).getAsDouble())
        .isEqualTo(1.0);
    // all tied: input order decides, as in LightGBM
    assertThat(RankingMetrics.ndcgAtK(new double[] {1, 1}, new double[] {1, 0}, 1).getAsDouble())
        .isEqualTo(1.0);
    assertThat(RankingMetrics.ndcgAtK(new double[] {1, 1}, new double[] {0, 1}, 1).getAsDouble())
        .isEqualTo(0.0);
  }

  @Test
  void groupsWithoutRelevantItemsAreSkippedAndCounted() {
    double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3};
    double[] relevance = {0, 1, 0, 0, 1, 0, 0};
    // groups: [0.9 0.8] -> 1/log2(3) ; [0.7 0.6] no positive -> skipped ; [0.5 0.4 0.3] -> 1
    NdcgResult result = RankingMetrics.meanNdcgAtK(scores, relevance, new int[] {2, 2, 3}, 10);
    assertThat(result.evaluatedGroups()).isEqualTo(2);
    assertThat(result.skippedGroups()).isEqualTo(1);
    assertThat(result.mean()).isCloseTo((1 / LOG2_3 + 1.0) / 2, within(1e-12));
    assertThat(result.perGroup()[1]).isNaN();

    // the same groups named by key, interleaved
    NdcgResult keyed =
        RankingMetrics.meanNdcgAtK(
            new double[] {0.9, 0.7, 0.5, 0.8, 0.6, 0.4, 0.3},
            new double[] {0, 0, 1, 1, 0, 0, 0},
            List.of("a", "b", "c", "a", "b", "c", "c"),
            10);
    assertThat(keyed.mean()).isCloseTo(result.mean(), within(1e-12));
    assertThat(keyed.skippedGroups()).isEqualTo(1);

    NdcgResult none =
        RankingMetrics.meanNdcgAtK(new double[] {1, 2}, new double[] {0, 0}, new int[] {2}, 5);
    assertThat(none.mean()).isNaN();
    assertThat(none.skippedGroups()).isEqualTo(1);
    assertThat(RankingMetrics.ndcgAtK(new double[] {1}, new double[] {0}, 1)).isEmpty();
  }

  @Test
  void malformedInputIsRefused() {
    assertThatThrownBy(() -> RankingMetrics.ndcgAtK(new double[] {1}, new double[] {1}, 0))
        .hasMessageContaining("k must be");
    assertThatThrownBy(() -> RankingMetrics.ndcgAtK(new double[] {1}, new double[] {-1}, 1))
        .hasMessageContaining("relevance");
    assertThatThrownBy(
            () ->
                RankingMetrics.meanNdcgAtK(
                    new double[] {1, 2}, new double[] {1, 0}, new int[] {1}, 1))
        .hasMessageContaining("add up");
  }
}
