package io.alertscoring.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model directory the loader accepts: the LightGBM text model and a manifest with the
 * feature names, library, thresholds, the model file's sha256 and the training record. Output is
 * byte-for-byte reproducible: no timestamps, keys in a fixed order.
 */
public final class ModelWriter {
  public static final String MODEL_FILE = "model.txt";
  public static final String LIBRARY = "lightgbm";
  public static final String LIBRARY_VERSION = "4.3.0";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private ModelWriter() {}

  public static void write(
      Path directory,
      String name,
      String version,
      String modelText,
      List<String> featureNames,
      double mediumThreshold,
      double highThreshold,
      Map<String, Object> training)
      throws IOException {
    Files.createDirectories(directory);
    byte[] model = modelText.getBytes(StandardCharsets.UTF_8);
    Files.write(directory.resolve(MODEL_FILE), model);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", name);
    manifest.put("version", version);
    manifest.put("library", LIBRARY);
    manifest.put("library_version", LIBRARY_VERSION);
    manifest.put("model_file", MODEL_FILE);
    manifest.put("sha256", sha256(model));
    manifest.put("feature_names", featureNames);
    manifest.put("thresholds", Map.of("medium", mediumThreshold, "high", highThreshold));
    manifest.put("training", training);
    Files.writeString(directory.resolve("manifest.json"), JSON.writeValueAsString(manifest) + "\n");
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A reproducible fingerprint of a training matrix: values, labels and groups. */
  public static String fingerprint(FeatureMatrix... matrices) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8);
      for (FeatureMatrix m : matrices) {
        for (double v : m.values()) {
          buffer.clear();
          digest.update(buffer.putLong(Double.doubleToLongBits(v)).array());
        }
        for (double v : m.labels()) {
          buffer.clear();
          digest.update(buffer.putLong(Double.doubleToLongBits(v)).array());
        }
        for (int g : m.groups()) {
          buffer.clear();
          digest.update(buffer.putLong(g).array());
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
