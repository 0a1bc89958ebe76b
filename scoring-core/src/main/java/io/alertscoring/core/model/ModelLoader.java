package io.alertscoring.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.core.model.trees.LightGbmModelParser;
import io.alertscoring.core.model.trees.TreeEnsemble;
import io.alertscoring.core.model.trees.TreeEnsembleModel;
import io.alertscoring.core.model.trees.XGBoostJsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Loads a model directory ({@code manifest.json} plus the model file) and verifies it: the file's
 * sha256, the manifest's feature list against the caller's, and (for tree models) the feature names
 * inside the model file against the manifest. Libraries: {@value #LINEAR}, {@value #LIGHTGBM},
 * {@value #XGBOOST}.
 */
public final class ModelLoader {
  public static final String MANIFEST = "manifest.json";

  /** {@code library} of a logistic model: a JSON file with {@code bias} and {@code weights}. */
  public static final String LINEAR = "linear-logistic";

  /** {@code library} of a LightGBM model: the text format of {@code saveModelToString()}. */
  public static final String LIGHTGBM = "lightgbm";

  /** {@code library} of an XGBoost model: its JSON format ({@code saveModel("x.json")}). */
  public static final String XGBOOST = "xgboost";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ModelLoader() {}

  /**
   * Loads and verifies a model.
   *
   * @param expectedFeatures the feature names, in order, that the caller will feed the model
   * @throws ModelLoadException when a file is missing, the hash differs, or the features differ
   */
  public static ScoringModel load(Path directory, List<String> expectedFeatures) {
    Path manifestPath = directory.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestPath)) {
      throw new ModelLoadException("no " + MANIFEST + " in model directory " + directory);
    }
    ModelManifest manifest;
    try {
      manifest = MAPPER.readValue(manifestPath.toFile(), ModelManifest.class);
    } catch (IOException e) {
      throw new ModelLoadException(
          "unreadable manifest " + manifestPath + ": " + e.getMessage(), e);
    }
    Path modelPath = directory.resolve(manifest.modelFile());
    if (!Files.isRegularFile(modelPath)) {
      throw new ModelLoadException("model file " + modelPath + " named by the manifest is missing");
    }
    String actualSha = sha256(modelPath);
    if (!actualSha.equalsIgnoreCase(manifest.sha256())) {
      throw new ModelLoadException(
          "sha256 mismatch for "
              + modelPath
              + ": manifest says "
              + manifest.sha256()
              + ", file has "
              + actualSha);
    }
    String difference = describeDifference(expectedFeatures, manifest.featureNames());
    if (difference != null) {
      throw new ModelLoadException(
          "feature list of model " + manifest.citation() + " does not match: " + difference);
    }
    return switch (manifest.library() == null ? "" : manifest.library()) {
      case LINEAR -> readLinear(manifest, modelPath);
      case LIGHTGBM -> readTrees(manifest, modelPath, LightGbmModelParser::parse);
      case XGBOOST -> readTrees(manifest, modelPath, XGBoostJsonParser::parse);
      default ->
          throw new ModelLoadException(
              "unsupported model library '" + manifest.library() + "' in " + manifestPath);
    };
  }

  private static ScoringModel readTrees(
      ModelManifest manifest, Path modelPath, Function<String, TreeEnsemble> parser) {
    String text;
    try {
      text = Files.readString(modelPath, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelLoadException("unreadable model file " + modelPath + ": " + e.getMessage(), e);
    }
    TreeEnsemble ensemble;
    try {
      ensemble = parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(
          "model file "
              + modelPath
              + " is not a usable "
              + manifest.library()
              + " model: "
              + e.getMessage(),
          e);
    }
    if (!ensemble.namedFeatures()) {
      throw new ModelLoadException(
          "model file "
              + modelPath
              + " does not name its features, so they cannot be checked against the manifest;"
              + " train with feature names set on the data");
    }
    String difference =
        describeDifference(
            manifest.featureNames(),
            ensemble.featureNames(),
            "in the manifest but not the model file",
            "in the model file but not the manifest",
            "model file");
    if (difference != null) {
      throw new ModelLoadException(
          "feature names in model file "
              + modelPath
              + " do not match its manifest ("
              + manifest.citation()
              + "): "
              + difference);
    }
    try {
      return new TreeEnsembleModel(manifest, ensemble);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
  }

  private static ScoringModel readLinear(ModelManifest manifest, Path modelPath) {
    try {
      JsonNode node = MAPPER.readTree(modelPath.toFile());
      JsonNode weightsNode = node.get("weights");
      if (weightsNode == null || !weightsNode.isArray() || !node.has("bias")) {
        throw new ModelLoadException(modelPath + " needs a numeric 'bias' and a 'weights' array");
      }
      double[] weights = new double[weightsNode.size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = weightsNode.get(i).asDouble();
      }
      return new LinearModel(manifest, node.get("bias").asDouble(), weights);
    } catch (IOException e) {
      throw new ModelLoadException("unreadable model file " + modelPath + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
  }

  /** Hex sha256 of a file. */
  public static String sha256(Path file) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new ModelLoadException("cannot hash " + file + ": " + e.getMessage(), e);
    }
  }

  /** A readable description of how two feature lists differ, or {@code null} when equal. */
  static String describeDifference(List<String> expected, List<String> actual) {
    return describeDifference(
        expected, actual, "missing from model", "unknown to this build", "model");
  }

  /**
   * How {@code actual} differs from {@code expected}, or {@code null} when equal.
   *
   * @param missingLabel introduces names of {@code expected} that {@code actual} lacks
   * @param extraLabel introduces names of {@code actual} that {@code expected} lacks
   * @param actualName what {@code actual} is, e.g. "model"
   */
  static String describeDifference(
      List<String> expected,
      List<String> actual,
      String missingLabel,
      String extraLabel,
      String actualName) {
    if (expected.equals(actual)) {
      return null;
    }
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    StringBuilder message = new StringBuilder();
    if (!missing.isEmpty()) {
      message.append(missingLabel).append(' ').append(missing).append("; ");
    }
    if (!extra.isEmpty()) {
      message.append(extraLabel).append(' ').append(extra).append("; ");
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        if (!expected.get(i).equals(actual.get(i))) {
          message
              .append("same names in another order, first at position ")
              .append(i)
              .append(": expected ")
              .append(expected.get(i))
              .append(", ")
              .append(actualName)
              .append(" has ")
              .append(actual.get(i))
              .append("; ");
          break;
        }
      }
    }
    message
        .append("expected ")
        .append(expected.size())
        .append(" features, ")
        .append(actualName)
        .append(" has ")
        .append(actual.size());
    return message.toString();
  }
}
