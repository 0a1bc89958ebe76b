package io.alertscoring.core.scoring;

import io.alertscoring.core.model.ModelManifest;
import io.alertscoring.schemas.PriorityLabel;

/** Maps a probability to low/medium/high with the thresholds a model's manifest declares. */
public record PriorityThresholds(double medium, double high) {

  public PriorityThresholds {
    if (!(0 <= medium && medium <= high && high <= 1)) {
      throw new IllegalArgumentException(
          "thresholds must satisfy 0 <= medium <= high <= 1, got " + medium + ", " + high);
    }
  }

  public static PriorityThresholds of(ModelManifest manifest) {
    Double medium = manifest.thresholds().get("medium");
    Double high = manifest.thresholds().get("high");
    if (medium == null || high == null) {
      throw new IllegalArgumentException(
          "manifest of " + manifest.citation() + " needs thresholds 'medium' and 'high'");
    }
    return new PriorityThresholds(medium, high);
  }

  public PriorityLabel label(double probability) {
    if (probability >= high) {
      return PriorityLabel.HIGH;
    }
    return probability >= medium ? PriorityLabel.MEDIUM : PriorityLabel.LOW;
  }
}
