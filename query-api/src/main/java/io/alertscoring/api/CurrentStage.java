package io.alertscoring.api;

import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.util.Optional;

/**
 * Which of an alert's stages is current: the one rule {@code GET /alerts/{id}} and the page share.
 */
public final class CurrentStage {
  private CurrentStage() {}

  /**
   * Whether the final score is current: it is unless the live score belongs to a more recent
   * processing date. A final score supersedes the live ones of its own batch, not those of a newer
   * batch still open.
   */
  public static boolean finalIsCurrent(
      Optional<AlertScore> finalScore, Optional<LiveAlertScore> liveScore) {
    return finalScore.isPresent()
        && liveScore
            .map(l -> finalScore.get().processingDate().compareTo(l.processingDate()) >= 0)
            .orElse(true);
  }
}
