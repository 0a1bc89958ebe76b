package io.alertscoring.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a model directory declares about its model file.
 *
 * @param name model role: {@code alert-scorer}, {@code alert-ranker} or {@code cluster-scorer}
 * @param version the version every score row cites
 * @param library format of the model file, e.g. {@code linear-logistic}
 * @param modelFile file name inside the model directory
 * @param sha256 hex sha256 of the model file
 * @param featureNames input features in vector order
 * @param thresholds probability thresholds {@code medium} and {@code high} for priority labels
 * @param training free-form description of the training data, parameters and metrics
 * @param calibration how a binary model's raw score becomes its probability ({@link Calibration});
 *     absent: the objective's own transform
 * @param servingOrder for a ranker: {@value #ORDER_RANKER} (its scores order a batch) or {@value
 *     #ORDER_SCORER} (training found it no better than the alert scorer's calibrated probability,
 *     which then orders the batch); absent means {@value #ORDER_RANKER}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
    @JsonProperty("name") String name,
    @JsonProperty("version") String version,
    @JsonProperty("library") String library,
    @JsonProperty("library_version") String libraryVersion,
    @JsonProperty("model_file") String modelFile,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("feature_names") List<String> featureNames,
    @JsonProperty("thresholds") Map<String, Double> thresholds,
    @JsonProperty("training") Map<String, Object> training,
    @JsonProperty("calibration") Map<String, Object> calibration,
    @JsonProperty("serving_order") String servingOrder) {

  public static final String ORDER_RANKER = "ranker";
  public static final String ORDER_SCORER = "scorer";

  public ModelManifest(
      String name,
      String version,
      String library,
      String libraryVersion,
      String modelFile,
      String sha256,
      List<String> featureNames,
      Map<String, Double> thresholds,
      Map<String, Object> training) {
    this(
        name,
        version,
        library,
        libraryVersion,
        modelFile,
        sha256,
        featureNames,
        thresholds,
        training,
        null,
        null);
  }

  public ModelManifest {
    featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    training = training == null ? Map.of() : Map.copyOf(training);
    calibration = calibration == null ? Map.of() : Map.copyOf(calibration);
    servingOrder = servingOrder == null ? ORDER_RANKER : servingOrder;
    if (!servingOrder.equals(ORDER_RANKER) && !servingOrder.equals(ORDER_SCORER)) {
      throw new IllegalArgumentException(
          "serving_order must be '"
              + ORDER_RANKER
              + "' or '"
              + ORDER_SCORER
              + "', got '"
              + servingOrder
              + "'");
    }
  }

  /** True when the batch is ordered by the alert scorer's probability instead of this ranker. */
  public boolean servesScorerOrder() {
    return ORDER_SCORER.equals(servingOrder);
  }

  /** {@code name:version}, as cited in batch metadata. */
  public String citation() {
    return name + ":" + version;
  }
}
