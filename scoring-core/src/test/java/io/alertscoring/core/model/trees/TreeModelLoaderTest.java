package io.alertscoring.core.model.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.core.model.ModelLoadException;
import io.alertscoring.core.model.ModelLoader;
import io.alertscoring.core.model.ScoringModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelLoader} for {@code lightgbm} and {@code xgboost} manifests. */
class TreeModelLoaderTest {
  static final int FEATURES = 8;
  static final List<String> NAMES = NativeModels.names(FEATURES);
  static final String TEXT = RandomLightGbmText.generate(3, FEATURES, 10, 12).text();

  @Test
  void loadsALightGbmModelThroughTheSameChecks(@TempDir Path dir) throws IOException {
    write(dir, "lightgbm", "model.txt", TEXT, NAMES);
    ScoringModel model = ModelLoader.load(dir, NAMES);
    assertThat(model).isInstanceOf(TreeEnsembleModel.class);
    assertThat(model.manifest().library()).isEqualTo("lightgbm");
    double[] x = {0.3, Double.NaN, -1, 0, 2, 1e-36, -0.5, 1.25};
    TreeEnsemble direct = LightGbmModelParser.parse(TEXT);
    assertThat(model.rawScore(x)).isEqualTo(direct.rawScore(x));
    double[] contributions = model.contributions(x);
    assertThat(contributions).hasSize(FEATURES + 1);
    double sum = 0;
    for (double c : contributions) {
      sum += c;
    }
    assertThat(sum).isCloseTo(model.rawScore(x), within(1e-12));
    assertThat(((TreeEnsembleModel) model).referenceContributions(x))
        .containsExactly(contributions, within(1e-12));
  }

  @Test
  void refusesALightGbmFileWhoseHashDiffers(@TempDir Path dir) throws IOException {
    write(dir, "lightgbm", "model.txt", TEXT, NAMES);
    Files.writeString(dir.resolve("model.txt"), TEXT.replace("shrinkage=1", "shrinkage=0.5"));
    assertThatThrownBy(() -> ModelLoader.load(dir, NAMES))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("sha256 mismatch");
  }

  @Test
  void refusesAModelFileWhoseFeatureNamesDifferFromTheManifest(@TempDir Path dir)
      throws IOException {
    // the manifest and the caller agree; the model file was trained on other columns
    String renamed = TEXT.replace("feature_names=f00 f01", "feature_names=f00 amount_usd");
    write(dir, "lightgbm", "model.txt", renamed, NAMES);
    assertThatThrownBy(() -> ModelLoader.load(dir, NAMES))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("do not match its manifest")
        .hasMessageContaining("in the manifest but not the model file [f01]")
        .hasMessageContaining("in the model file but not the manifest [amount_usd]");

    String swapped = TEXT.replace("feature_names=f00 f01", "feature_names=f01 f00");
    write(dir, "lightgbm", "model.txt", swapped, NAMES);
    assertThatThrownBy(() -> ModelLoader.load(dir, NAMES))
        .hasMessageContaining(
            "another order, first at position 0: expected f00, model file has f01");
  }

  @Test
  void refusesAnUnsupportedLibrary(@TempDir Path dir) throws IOException {
    write(dir, "catboost", "model.cbm", TEXT, NAMES);
    assertThatThrownBy(() -> ModelLoader.load(dir, NAMES))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("unsupported model library 'catboost'");
  }

  @Test
  void refusesAFileThatIsNotAModelOfItsLibrary(@TempDir Path dir) throws IOException {
    write(dir, "lightgbm", "model.txt", TEXT.substring(0, TEXT.indexOf("Tree=3")), NAMES);
    assertThatThrownBy(() -> ModelLoader.load(dir, NAMES))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not a usable lightgbm model")
        .hasMessageContaining("truncated");
    write(dir, "xgboost", "model.json", TEXT, NAMES);
    assertThatThrownBy(() -> ModelLoader.load(dir, NAMES))
        .hasMessageContaining("not a usable xgboost model");
  }

  @Test
  void loadsAnXGBoostModelAndRefusesOneWithoutFeatureNames(@TempDir Path dir) throws Exception {
    double[] x = NativeModels.trainingMatrix(51, 400, false);
    float[] y = NativeModels.binaryLabels(x, 400, 52);
    List<String> all = NativeModels.names(NativeModels.FEATURES);
    NativeModels.Xgb named = NativeModels.trainXgb(x, y, 5, true);
    NativeModels.Xgb unnamed = NativeModels.trainXgb(x, y, 5, false);
    try {
      write(dir, "xgboost", "model.json", named.json(), all);
      ScoringModel model = ModelLoader.load(dir, all);
      double[] row = NativeModels.row(x, NativeModels.FEATURES, 0);
      float margin = named.margins(row, 1)[0][0];
      assertThat(model.rawScore(row)).isEqualTo((double) margin);

      write(dir, "xgboost", "model.json", unnamed.json(), all);
      assertThatThrownBy(() -> ModelLoader.load(dir, all))
          .hasMessageContaining("does not name its features");
    } finally {
      named.booster().dispose();
      unnamed.booster().dispose();
    }
  }

  static void write(Path dir, String library, String file, String content, List<String> names)
      throws IOException {
    Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", "alert-scorer");
    manifest.put("version", "test");
    manifest.put("library", library);
    manifest.put("library_version", "test");
    manifest.put("model_file", file);
    manifest.put("sha256", ModelLoader.sha256(dir.resolve(file)));
    manifest.put("feature_names", new ArrayList<>(names));
    manifest.put("thresholds", Map.of("medium", 0.4, "high", 0.7));
    new ObjectMapper().writeValue(dir.resolve(ModelLoader.MANIFEST).toFile(), manifest);
  }
}
