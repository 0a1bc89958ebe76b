package io.alertscoring.core.scoring;

import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import java.util.List;

/** What scoring one batch produced, with the time each stage took. */
public record BatchScoringResult(
    List<AlertScore> alertScores,
    List<AlertRanking> rankings,
    List<ClusterScore> clusterScores,
    double featureMs,
    double scoringMs,
    double rankingMs,
    double clusterScoringMs) {}
