package io.alertscoring.core.model.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Fast TreeSHAP against the reference recursion on deep trees with many repeated features. */
class FastTreeShapTest {

  @Test
  void deepTreesWithRepeatedFeaturesGiveTheReferenceValues() {
    int features = 30;
    TreeEnsemble ensemble =
        LightGbmModelParser.parse(RandomLightGbmText.generate(9, features, 20, 300).text());
    FastTreeShap fast = new FastTreeShap(ensemble);
    assertThat(ensemble.maxDepth()).isGreaterThan(15);
    double[] rows = NativeModels.rows(77, 500, features, null);
    for (int r = 0; r < 500; r++) {
      double[] x = NativeModels.row(rows, features, r);
      double[] reference = NaiveTreeShap.contributions(ensemble, x);
      assertThat(fast.contributions(x)).containsExactly(reference, within(1e-12));
      double sum = 0;
      for (double v : reference) {
        sum += v;
      }
      assertThat(sum).isCloseTo(ensemble.rawScore(x), within(1e-9));
    }
  }

  @Test
  void pathsWithMoreDistinctFeaturesThanAMaskHoldsUseTheRecursion() {
    int features = 80;
    TreeEnsemble ensemble =
        LightGbmModelParser.parse(RandomLightGbmText.generate(4, features, 3, 75, true).text());
    assertThat(ensemble.maxDepth()).isEqualTo(74);
    FastTreeShap fast = new FastTreeShap(ensemble);
    double[] rows = NativeModels.rows(78, 200, features, null);
    for (int r = 0; r < 200; r++) {
      double[] x = NativeModels.row(rows, features, r);
      double[] fastValues = fast.contributions(x);
      assertThat(fastValues)
          .containsExactly(NaiveTreeShap.contributions(ensemble, x), within(1e-12));
      // The recursion itself (LightGBM's too) loses precision on such paths: its sum misses the
      // raw score by up to ~1e-5 here, which is why trees up to 63 use the quadrature.
      double sum = 0;
      for (double v : fastValues) {
        sum += v;
      }
      assertThat(sum).isCloseTo(ensemble.rawScore(x), within(1e-3));
    }
  }

  @Test
  void oneInstanceServesManyThreads() throws Exception {
    int features = 12;
    TreeEnsemble ensemble =
        LightGbmModelParser.parse(RandomLightGbmText.generate(5, features, 40, 31).text());
    FastTreeShap fast = new FastTreeShap(ensemble);
    double[] rows = NativeModels.rows(79, 2000, features, null);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?>[] futures = new Future<?>[4];
      for (int t = 0; t < futures.length; t++) {
        futures[t] =
            pool.submit(
                () -> {
                  for (int r = 0; r < 2000; r++) {
                    double[] x = NativeModels.row(rows, features, r);
                    assertThat(fast.contributions(x))
                        .containsExactly(NaiveTreeShap.contributions(ensemble, x), within(1e-12));
                  }
                });
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
