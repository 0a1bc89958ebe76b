package io.alertscoring.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  private static final double EPS = 1e-12;

  // scikit-learn's documented example: roc_auc_score = 0.75, average_precision_score = 0.8333...
  private static final double[] SK_SCORES = {0.1, 0.4, 0.35, 0.8};
  private static final boolean[] SK_LABELS = {false, false, true, true};

  // five items, two positives, distinct scores
  private static final double[] S5 = {0.9, 0.8, 0.7, 0.6, 0.5};
  private static final boolean[] L5 = {true, false, true, false, false};

  @Test
  void aucAndAveragePrecisionOfTheScikitLearnExample() {
    assertThat(BinaryMetrics.aucRoc(SK_SCORES, SK_LABELS)).isCloseTo(0.75, within(EPS));
    // by hand: thresholds 0.8 (P 1, R .5), 0.4 (P .5, R .5), 0.35 (P 2/3, R 1), 0.1 (P .5, R 1)
    // AP = .5 * 1 + 0 * .5 + .5 * 2/3 + 0 * .5 = 5/6
    assertThat(BinaryMetrics.averagePrecision(SK_SCORES, SK_LABELS))
        .isCloseTo(5.0 / 6.0, within(EPS));
  }

  @Test
  void tiesCountHalfInAucAndFallOnOneSideInAveragePrecision() {
    double[] scores = {0.5, 0.5, 0.5, 0.1};
    boolean[] labels = {true, false, true, false};
    // each positive: tie with the 0.5 negative (1/2) and beats 0.1 (1): (1.5 + 1.5) / (2 * 2)
    assertThat(BinaryMetrics.aucRoc(scores, labels)).isCloseTo(0.75, within(EPS));
    // a single threshold 0.5 reaches recall 1 with precision 2/3; 0.1 adds no recall
    assertThat(BinaryMetrics.averagePrecision(scores, labels)).isCloseTo(2.0 / 3.0, within(EPS));
    // all scores tied: AUC 0.5, AP = prevalence
    double[] flat = {0.3, 0.3, 0.3, 0.3};
    assertThat(BinaryMetrics.aucRoc(flat, labels)).isCloseTo(0.5, within(EPS));
    assertThat(BinaryMetrics.averagePrecision(flat, labels)).isCloseTo(0.5, within(EPS));
  }

  @Test
  void perfectAndReversedRankings() {
    assertThat(BinaryMetrics.aucRoc(new double[] {0.9, 0.1}, new boolean[] {true, false}))
        .isEqualTo(1.0);
    assertThat(BinaryMetrics.aucRoc(new double[] {0.1, 0.9}, new boolean[] {true, false}))
        .isEqualTo(0.0);
    assertThat(
            BinaryMetrics.averagePrecision(
                new double[] {0.9, 0.8, 0.1}, new boolean[] {true, true, false}))
        .isEqualTo(1.0);
  }

  @Test
  void aucMatchesBruteForcePairCountingOnRandomDataWithTies() {
    Random random = new Random(42);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + random.nextInt(300);
      double[] scores = new double[n];
      boolean[] labels = new boolean[n];
      for (int i = 0; i < n; i++) {
        // one decimal: plenty of ties
        scores[i] = Math.round(random.nextDouble() * 10) / 10.0;
        labels[i] = random.nextDouble() < 0.3;
      }
      labels[0] = true;
      labels[1] = false;
      double wins = 0;
      long pairs = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (labels[i] && !labels[j]) {
            pairs++;
            wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
          }
        }
      }
      assertThat(BinaryMetrics.aucRoc(scores, labels)).isCloseTo(wins / pairs, within(1e-12));
    }
  }

  @Test
  void averagePrecisionMatchesADirectThresholdLoopOnRandomData() {
    Random random = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(200);
      double[] scores = new double[n];
      boolean[] labels = new boolean[n];
      for (int i = 0; i < n; i++) {
        scores[i] = Math.round(random.nextDouble() * 20) / 20.0;
        labels[i] = random.nextDouble() < 0.4;
      }
      labels[0] = true;
      // O(n^2): for every distinct threshold from the top, count directly
      TreeSet<Double> thresholds = new TreeSet<>();
      for (double s : scores) {
        thresholds.add(s);
      }
      int positives = BinaryMetrics.positives(labels);
      double ap = 0;
      double previousRecall = 0;
      for (double t : thresholds.descendingSet()) {
        int tp = 0;
        int flagged = 0;
        for (int i = 0; i < n; i++) {
          if (scores[i] >= t) {
            flagged++;
            tp += labels[i] ? 1 : 0;
          }
        }
        double recall = (double) tp / positives;
        ap += (recall - previousRecall) * tp / flagged;
        previousRecall = recall;
      }
      assertThat(BinaryMetrics.averagePrecision(scores, labels)).isCloseTo(ap, within(1e-12));
    }
  }

  @Test
  void operatingPointAtAThreshold() {
    OperatingPoint p = BinaryMetrics.at(S5, L5, 0.7);
    // flagged 0.9 (pos), 0.8 (neg), 0.7 (pos)
    assertThat(p.truePositives()).isEqualTo(2);
    assertThat(p.falsePositives()).isEqualTo(1);
    assertThat(p.trueNegatives()).isEqualTo(2);
    assertThat(p.falseNegatives()).isEqualTo(0);
    assertThat(p.precision()).isCloseTo(2.0 / 3.0, within(EPS));
    assertThat(p.recall()).isEqualTo(1.0);
    assertThat(p.f1()).isCloseTo(0.8, within(EPS));
    assertThat(p.falsePositiveRate()).isCloseTo(1.0 / 3.0, within(EPS));
    OperatingPoint none = BinaryMetrics.at(S5, L5, 0.95);
    assertThat(none.flagged()).isZero();
    assertThat(none.precision()).isZero();
    assertThat(none.f1()).isZero();
  }

  @Test
  void bestF1ByHand() {
    // F1 at 0.9: 2/3, 0.8: 1/2, 0.7: 4/5, 0.6: 2/3, 0.5: 4/7
    OperatingPoint best = BinaryMetrics.bestF1(S5, L5);
    assertThat(best.threshold()).isEqualTo(0.7);
    assertThat(best.f1()).isCloseTo(0.8, within(EPS));
    assertThat(best.precision()).isCloseTo(2.0 / 3.0, within(EPS));
    assertThat(best.recall()).isEqualTo(1.0);
  }

  @Test
  void bestF1PrefersTheHigherThresholdOnEqualF1() {
    double[] scores = {0.9, 0.8, 0.6, 0.5};
    boolean[] labels = {true, false, true, false};
    // 0.9: 2/3 ; 0.8: 1/2 ; 0.6: 4/5 ; 0.5: 4/6 -> unique best at 0.6
    assertThat(BinaryMetrics.bestF1(scores, labels).threshold()).isEqualTo(0.6);
    double[] twin = {0.9, 0.8, 0.7, 0.6};
    boolean[] twinLabels = {true, false, false, true};
    // 0.9: tp1 fn1 -> 2/3 ; 0.8: 2/4 ; 0.7: 2/5 ; 0.6: 4/6 = 2/3 -> tie, 0.9 wins
    assertThat(BinaryMetrics.bestF1(twin, twinLabels).threshold()).isEqualTo(0.9);
  }

  @Test
  void thresholdForMaxFprGivesTheMostRecallWithinTheBudget() {
    // FPR at 0.9: 0, 0.8: 1/3, 0.7: 1/3, 0.6: 2/3, 0.5: 1
    OperatingPoint p = BinaryMetrics.thresholdForMaxFpr(S5, L5, 0.34);
    assertThat(p.threshold()).isEqualTo(0.7);
    assertThat(p.recall()).isEqualTo(1.0);
    assertThat(p.falsePositiveRate()).isCloseTo(1.0 / 3.0, within(EPS));
    assertThat(BinaryMetrics.thresholdForMaxFpr(S5, L5, 0.0).threshold()).isEqualTo(0.9);
    assertThat(BinaryMetrics.thresholdForMaxFpr(S5, L5, 1.0).threshold()).isEqualTo(0.5);
    // the top score is a negative: a zero budget flags nothing
    OperatingPoint none =
        BinaryMetrics.thresholdForMaxFpr(new double[] {0.9, 0.1}, new boolean[] {false, true}, 0.0);
    assertThat(none.flagged()).isZero();
    assertThat(none.threshold()).isGreaterThan(0.9);
  }

  @Test
  void thresholdForMinRecallGivesTheFewestFlaggedItems() {
    assertThat(BinaryMetrics.thresholdForMinRecall(S5, L5, 0.5).threshold()).isEqualTo(0.9);
    assertThat(BinaryMetrics.thresholdForMinRecall(S5, L5, 0.6).threshold()).isEqualTo(0.7);
    assertThat(BinaryMetrics.thresholdForMinRecall(S5, L5, 1.0).threshold()).isEqualTo(0.7);
    assertThat(BinaryMetrics.thresholdForMinRecall(S5, L5, 0.0).flagged()).isZero();
  }

  @Test
  void precisionRecallCurveHasOnePointPerDistinctScore() {
    List<PrPoint> curve = BinaryMetrics.precisionRecallCurve(SK_SCORES, SK_LABELS);
    assertThat(curve)
        .containsExactly(
            new PrPoint(0.8, 1.0, 0.5),
            new PrPoint(0.4, 0.5, 0.5),
            new PrPoint(0.35, 2.0 / 3.0, 1.0),
            new PrPoint(0.1, 0.5, 1.0));
  }

  @Test
  void brierScoreByHand() {
    double[] p = {0.05, 0.15, 0.25, 0.35, 0.95, 0.92};
    boolean[] y = {false, false, true, false, true, true};
    // (.0025 + .0225 + .5625 + .1225 + .0025 + .0064) / 6
    assertThat(BinaryMetrics.brier(p, y)).isCloseTo(0.7189 / 6, within(EPS));
    assertThat(BinaryMetrics.brier(new double[] {0.5, 0.5}, new boolean[] {true, false}))
        .isCloseTo(0.25, within(EPS));
  }

  @Test
  void expectedCalibrationErrorAndReliabilityCurveByHand() {
    double[] p = {0.05, 0.15, 0.25, 0.35, 0.95, 0.92};
    boolean[] y = {false, false, true, false, true, true};
    // 10 bins: |0-.05|, |0-.15|, |1-.25|, |0-.35| (one item each), |1-.935| (two items)
    assertThat(BinaryMetrics.expectedCalibrationError(p, y))
        .isCloseTo((0.05 + 0.15 + 0.75 + 0.35 + 2 * 0.065) / 6, within(1e-12));
    // 2 bins: [0,.5) mean .2 observed .25 (4 items); [.5,1] mean .935 observed 1 (2 items)
    assertThat(BinaryMetrics.expectedCalibrationError(p, y, 2))
        .isCloseTo((4 * 0.05 + 2 * 0.065) / 6, within(1e-12));
    List<ReliabilityBin> curve = BinaryMetrics.reliabilityCurve(p, y, 10);
    assertThat(curve).hasSize(5);
    ReliabilityBin top = curve.get(4);
    assertThat(top.lower()).isEqualTo(0.9);
    assertThat(top.upper()).isEqualTo(1.0);
    assertThat(top.count()).isEqualTo(2);
    assertThat(top.meanPredicted()).isCloseTo(0.935, within(1e-12));
    assertThat(top.observedRate()).isEqualTo(1.0);
    // 1.0 belongs to the last bin
    assertThat(BinaryMetrics.reliabilityCurve(new double[] {1.0}, new boolean[] {true}, 10))
        .containsExactly(new ReliabilityBin(0.9, 1.0, 1, 1.0, 1.0));
    // perfectly calibrated bins give 0
    assertThat(
            BinaryMetrics.expectedCalibrationError(
                new double[] {0.5, 0.5, 0.0, 1.0}, new boolean[] {true, false, false, true}))
        .isZero();
  }

  @Test
  void undefinedOrMalformedInputIsRefused() {
    assertThatThrownBy(
            () -> BinaryMetrics.aucRoc(new double[] {0.1, 0.2}, new boolean[] {true, true}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both classes");
    assertThatThrownBy(
            () ->
                BinaryMetrics.averagePrecision(
                    new double[] {0.1, 0.2}, new boolean[] {false, false}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> BinaryMetrics.aucRoc(new double[] {Double.NaN, 0.2}, new boolean[] {true, false}))
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> BinaryMetrics.aucRoc(new double[] {0.1}, new boolean[] {true, false}))
        .hasMessageContaining("length");
    assertThatThrownBy(() -> BinaryMetrics.brier(new double[] {1.2}, new boolean[] {true}))
        .hasMessageContaining("outside [0,1]");
    assertThatThrownBy(() -> BinaryMetrics.thresholdForMaxFpr(S5, L5, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
