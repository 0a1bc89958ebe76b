package io.alertscoring.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.core.features.AlertFeatures;
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
    assertThat(bundle.alertScorer().manifest().featureNames()).isEqualTo(AlertFeatures.NAMES);
    assertThat(bundle.citation()).contains("alert-scorer:", "alert-ranker:", "cluster-scorer:");
    assertThat(bundle.alertScorer().manifest().sha256())
        .isEqualTo(ModelLoader.sha256(SHIPPED.resolve("alert-scorer/model.json")));
  }

  @Test
  void refusesAModelWhoseFileWasChanged(@TempDir Path dir) throws IOException {
    Path copy = copyOf("alert-scorer", dir);
    Files.writeString(copy.resolve("model.json"), "{\"bias\": 0, \"weights\": []}");
    assertThatThrownBy(() -> ModelLoader.load(copy, AlertFeatures.NAMES))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("sha256 mismatch");
  }

  @Test
  void refusesAFeatureListThatDiffersAndNamesTheDifference() throws IOException {
    List<String> expected = new ArrayList<>(AlertFeatures.NAMES);
    expected.set(3, "a_new_feature");
    assertThatThrownBy(() -> ModelLoader.load(SHIPPED.resolve("alert-scorer"), expected))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("missing from model [a_new_feature]")
        .hasMessageContaining("unknown to this build [risk_indicator_count]");

    List<String> swapped = new ArrayList<>(AlertFeatures.NAMES);
    swapped.set(0, AlertFeatures.NAMES.get(1));
    swapped.set(1, AlertFeatures.NAMES.get(0));
    assertThatThrownBy(() -> ModelLoader.load(SHIPPED.resolve("alert-scorer"), swapped))
        .hasMessageContaining("another order, first at position 0");
  }

  @Test
  void refusesADirectoryWithoutManifest(@TempDir Path dir) {
    assertThatThrownBy(() -> ModelLoader.load(dir, AlertFeatures.NAMES))
        .hasMessageContaining("no manifest.json");
  }

  @Test
  void contributionsAndBiasSumToTheRawScoreAndMissingContributesNothing() {
    ScoringModel model = ModelLoader.load(SHIPPED.resolve("alert-scorer"), AlertFeatures.NAMES);
    double[] x = new double[AlertFeatures.NAMES.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 3 == 0 ? Double.NaN : i * 0.37;
    }
    double[] contributions = model.contributions(x);
    assertThat(contributions).hasSize(x.length + 1);
    double sum = 0;
    for (double c : contributions) {
      sum += c;
    }
    assertThat(sum).isCloseTo(model.rawScore(x), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(contributions[0]).isZero();
    assertThat(model.probability(model.rawScore(x))).isBetween(0.0, 1.0);
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
