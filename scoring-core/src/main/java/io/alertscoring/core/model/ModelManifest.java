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
    @JsonProperty("training") Map<String, Object> training) {

  public ModelManifest {
    featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    training = training == null ? Map.of() : Map.copyOf(training);
  }

  /** {@code name:version}, as cited in batch metadata. */
  public String citation() {
    return name + ":" + version;
  }
}
