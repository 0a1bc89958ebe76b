package io.alertscoring.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alertscoring.core.features.AlertFeatureSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
  static final Path SHIPPED = Path.of("..", "trained_models");

  @Test
  void loadsTheShippedModels() {
    ModelBundle bundle = ModelBundle.load(SHIPPED);
    assertThat(bundle.alertScorer().manifest().featureNames()).isEqualTo(AlertFeatureSet.NAMES);
    assertThat(bundle.citation()).contains("alert-scorer:", "alert-ranker:", "cluster-scorer:");
    assertThat(bundle.alertScorer().manifest().sha256())
        .isEqualTo(ModelLoader.sha256(SHIPPED.resolve("alert-scorer/model.txt")));
    assertThat(bundle.citation()).doesNotContain("alert-live-scorer");
  }

  @Test
  void theLiveScorerUsesTheAlertLocalColumnsOnlyAndSharesTheTrainingRun() {
    ModelBundle bundle = ModelBundle.load(SHIPPED);
    ModelManifest live = bundle.liveScorer().manifest();
    assertThat(AlertFeatureSet.LIVE_NAMES)
        .hasSize(AlertFeatureSet.ALERT_COLUMNS)
        .isEqualTo(AlertFeatureSet.NAMES.subList(0, AlertFeatureSet.ALERT_COLUMNS));
    assertThat(live.featureNames()).isEqualTo(AlertFeatureSet.LIVE_NAMES);
    assertThat(live.name()).isEqualTo("alert-live-scorer");
    assertThat(live.version()).isEqualTo(bundle.alertScorer().manifest().version());
    assertThat(live.sha256())
        .isEqualTo(ModelLoader.sha256(SHIPPED.resolve("alert-live-scorer/model.txt")));
    assertThat(bundle.liveCitation()).isEqualTo("alert-live-scorer:" + live.version());
    // The full loader refuses the live model for the final path's columns and vice versa.
    assertThatThrownBy(
            () -> ModelLoader.load(SHIPPED.resolve("alert-live-scorer"), AlertFeatureSet.NAMES))
        .isInstanceOf(ModelLoadException.class);
    assertThatThrownBy(
            () -> ModelLoader.load(SHIPPED.resolve("alert-scorer"), AlertFeatureSet.LIVE_NAMES))
        .isInstanceOf(ModelLoadException.class);
  }

  @Test
  void theLiveScorerExplainsEveryScoreExactly() {
    ScoringModel live = ModelBundle.load(SHIPPED).liveScorer();
    java.util.Random random = new java.util.Random(4);
    for (int row = 0; row < 200; row++) {
      double[] x = new double[AlertFeatureSet.LIVE_NAMES.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextDouble() < 0.2 ? Double.NaN : random.nextGaussian() * 3;
      }
      double[] contributions = live.contributions(x);
      assertThat(contributions).hasSize(x.length + 1);
      double sum = 0;
      for (double c : contributions) {
        sum += c;
      }
      assertThat(sum).isCloseTo(live.rawScore(x), within(1e-9));
    }
  }

  @Test
  void refusesAModelWhoseFileWasChanged(@TempDir Path dir) throws IOException {
    Path copy = copyOf("alert-scorer", dir);
    Files.writeString(copy.resolve("model.txt"), "tampered");
    assertThatThrownBy(() -> ModelLoader.load(copy, AlertFeatureSet.NAMES))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("sha256 mismatch");
  }

  @Test
  void refusesAFeatureListThatDiffersAndNamesTheDifference() throws IOException {
    List<String> expected = new ArrayList<>(AlertFeatureSet.NAMES);
    expected.set(3, "a_new_feature");
    assertThatThrownBy(() -> ModelLoader.load(SHIPPED.resolve("alert-scorer"), expected))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("missing from model [a_new_feature]")
        .hasMessageContaining("unknown to this build [" + AlertFeatureSet.NAMES.get(3) + "]");

    List<String> swapped = new ArrayList<>(AlertFeatureSet.NAMES);
    swapped.set(0, AlertFeatureSet.NAMES.get(1));
    swapped.set(1, AlertFeatureSet.NAMES.get(0));
    assertThatThrownBy(() -> ModelLoader.load(SHIPPED.resolve("alert-scorer"), swapped))
        .hasMessageContaining("another order, first at position 0");
  }

  @Test
  void appliesTheManifestsCalibrationToTheRawScore() {
    ModelBundle bundle = ModelBundle.load(SHIPPED);
    for (ScoringModel model :
        List.of(bundle.alertScorer(), bundle.clusterScorer(), bundle.liveScorer())) {
      Calibration calibration = Calibration.fromManifest(model.manifest().calibration());
      assertThat(calibration).as(model.manifest().name() + " is calibrated").isNotNull();
      for (double raw : new double[] {-6, -1.5, 0, 0.7, 4}) {
        assertThat(model.probability(raw))
            .isEqualTo(1.0 / (1.0 + Math.exp(-(calibration.a() * raw + calibration.b()))));
      }
    }
    // the ranker has no calibration and says which order is served
    assertThat(bundle.alertRanker().manifest().calibration()).isEmpty();
    assertThat(bundle.alertRanker().manifest().servingOrder())
        .isIn(ModelManifest.ORDER_RANKER, ModelManifest.ORDER_SCORER);
  }

  @Test
  void refusesAnUnknownCalibrationOrServingOrder(@TempDir Path dir) throws IOException {
    Path copy = copyOf("alert-scorer", dir);
    Path manifest = copy.resolve(ModelLoader.MANIFEST);
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.replace("\"platt\"", "\"isotonic-v9\""));
    assertThatThrownBy(() -> ModelLoader.load(copy, AlertFeatureSet.NAMES))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("unsupported calibration method 'isotonic-v9'");

    Path ranker = copyOf("alert-ranker", dir);
    Path rankerManifest = ranker.resolve(ModelLoader.MANIFEST);
    String rankerText = Files.readString(rankerManifest);
    assertThat(rankerText).contains("\"serving_order\"");
    Files.writeString(
        rankerManifest,
        rankerText.replaceAll("\"serving_order\" : \"[a-z]+\"", "\"serving_order\" : \"random\""));
    assertThatThrownBy(() -> ModelLoader.load(ranker, AlertFeatureSet.NAMES))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("serving_order");
  }

  @Test
  void refusesADirectoryWithoutManifest(@TempDir Path dir) {
    assertThatThrownBy(() -> ModelLoader.load(dir, AlertFeatureSet.NAMES))
        .hasMessageContaining("no manifest.json");
  }

  @Test
  void linearModelContributionsAndBiasSumToTheRawScoreAndMissingContributesNothing(
      @TempDir Path dir) throws IOException {
    List<String> names = List.of("a", "b", "c");
    Files.writeString(
        dir.resolve("model.json"), "{\"bias\": -0.5, \"weights\": [1.5, -2.0, 0.25]}");
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"name\": \"alert-scorer\", \"version\": \"t\","
            + " \"library\": \"linear-logistic\", \"model_file\": \"model.json\", \"sha256\": \""
            + ModelLoader.sha256(dir.resolve("model.json"))
            + "\", \"feature_names\": [\"a\", \"b\", \"c\"],"
            + " \"thresholds\": {\"medium\": 0.4, \"high\": 0.7}}");
    ScoringModel model = ModelLoader.load(dir, names);
    double[] x = {2.0, Double.NaN, 4.0};
    double[] contributions = model.contributions(x);
    assertThat(contributions).containsExactly(3.0, 0.0, 1.0, -0.5);
    assertThat(model.rawScore(x)).isEqualTo(3.5);
    assertThat(model.probability(3.5)).isBetween(0.0, 1.0);
  }

  @Test
  void shippedTreeModelsExplainEveryScoreExactly() {
    ModelBundle bundle = ModelBundle.load(SHIPPED);
    java.util.Random random = new java.util.Random(3);
    for (int row = 0; row < 200; row++) {
      double[] x = new double[AlertFeatureSet.NAMES.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextDouble() < 0.2 ? Double.NaN : random.nextGaussian() * 3;
      }
      double sum = 0;
      for (double c : bundle.alertScorer().contributions(x)) {
        sum += c;
      }
      assertThat(sum).isCloseTo(bundle.alertScorer().rawScore(x), within(1e-9));
    }
  }

  private static Path copyOf(String model, Path target) throws IOException {
    Path dir = target.resolve(model);
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(SHIPPED.resolve(model))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }
}
