package io.alertscoring.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads a model directory ({@code manifest.json} plus the model file) and verifies it. */
public final class ModelLoader {
  public static final String MANIFEST = "manifest.json";
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
    return switch (manifest.library()) {
      case "linear-logistic" -> readLinear(manifest, modelPath);
      default ->
          throw new ModelLoadException(
              "unsupported model library '" + manifest.library() + "' in " + manifestPath);
    };
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
    if (expected.equals(actual)) {
      return null;
    }
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    StringBuilder message = new StringBuilder();
    if (!missing.isEmpty()) {
      message.append("missing from model ").append(missing).append("; ");
    }
    if (!extra.isEmpty()) {
      message.append("unknown to this build ").append(extra).append("; ");
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      for (int i = 0; i < expected.size(); i++) {
        if (!expected.get(i).equals(actual.get(i))) {
          message
              .append("same names in another order, first at position ")
              .append(i)
              .append(": expected ")
              .append(expected.get(i))
              .append(", model has ")
              .append(actual.get(i))
              .append("; ");
          break;
        }
      }
    }
    message
        .append("expected ")
        .append(expected.size())
        .append(" features, model has ")
        .append(actual.size());
    return message.toString();
  }
}
