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
    write(
        directory,
        name,
        version,
        modelText,
        featureNames,
        mediumThreshold,
        highThreshold,
        training,
        null,
        null);
  }

  /**
   * @param calibration the manifest's {@code calibration} object, or {@code null} for none
   * @param servingOrder a ranker's {@code serving_order}, or {@code null} to leave it out
   */
  public static void write(
      Path directory,
      String name,
      String version,
      String modelText,
      List<String> featureNames,
      double mediumThreshold,
      double highThreshold,
      Map<String, Object> training,
      Map<String, Object> calibration,
      String servingOrder)
      throws IOException {
    write(
        directory,
        name,
        version,
        LIBRARY,
        LIBRARY_VERSION,
        MODEL_FILE,
        modelText,
        featureNames,
        mediumThreshold,
        highThreshold,
        training,
        calibration,
        servingOrder);
  }

  /** As above, for a model of another library (e.g. XGBoost's JSON). */
  public static void write(
      Path directory,
      String name,
      String version,
      String library,
      String libraryVersion,
      String modelFile,
      String modelText,
      List<String> featureNames,
      double mediumThreshold,
      double highThreshold,
      Map<String, Object> training,
      Map<String, Object> calibration,
      String servingOrder)
      throws IOException {
    Files.createDirectories(directory);
    byte[] model = modelText.getBytes(StandardCharsets.UTF_8);
    Files.write(directory.resolve(modelFile), model);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", name);
    manifest.put("version", version);
    manifest.put("library", library);
    manifest.put("library_version", libraryVersion);
    manifest.put("model_file", modelFile);
    manifest.put("sha256", sha256(model));
    manifest.put("feature_names", featureNames);
    manifest.put("thresholds", Map.of("medium", mediumThreshold, "high", highThreshold));
    if (calibration != null) {
      manifest.put("calibration", calibration);
    }
    if (servingOrder != null) {
      manifest.put("serving_order", servingOrder);
    }
    manifest.put("training", training);
    Files.writeString(directory.resolve("manifest.json"), JSON.writeValueAsString(manifest) + "\n");
  }

  /** File of sample inputs and the native library's raw scores for them. */
  public static final String GOLDEN_FILE = "golden.json";

  /**
   * Writes the golden file: the first {@code rows} examples and lightgbm4j's raw score for each, so
   * a test can prove the pure-Java evaluator gives the native library's exact scores. Missing
   * values are written as null.
   */
  public static void writeGolden(Path directory, String modelText, FeatureMatrix data, int rows)
      throws Exception {
    writeGolden(
        directory,
        data,
        rows,
        m -> LightGbmTrainer.predictRaw(modelText, m),
        "lightgbm4j " + LIBRARY_VERSION + " predictForMat, raw score");
  }

  /** The golden file with the raw scores of {@code nativeRaw} (the training library's own). */
  public static void writeGolden(
      Path directory,
      FeatureMatrix data,
      int rows,
      TrainingPipeline.RawScores nativeRaw,
      String source)
      throws Exception {
    int n = Math.min(rows, data.rows());
    double[] values = java.util.Arrays.copyOf(data.values(), n * data.columns());
    FeatureMatrix sample =
        new FeatureMatrix(
            values, n, data.columns(), new double[n], new int[0], List.of(), List.of());
    double[] raw = nativeRaw.apply(sample);
    List<List<Double>> inputs = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Double> row = new java.util.ArrayList<>(data.columns());
      for (double v : sample.row(i)) {
        row.add(Double.isNaN(v) ? null : v);
      }
      inputs.add(row);
    }
    Map<String, Object> golden = new LinkedHashMap<>();
    golden.put("inputs", inputs);
    golden.put("expected_raw_scores", java.util.Arrays.stream(raw).boxed().toList());
    golden.put("source", source);
    Files.writeString(directory.resolve(GOLDEN_FILE), JSON.writeValueAsString(golden) + "\n");
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
