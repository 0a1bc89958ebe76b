package io.alertscoring.validation.io;

import static io.alertscoring.validation.Runs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.validation.CheckStatus;
import io.alertscoring.validation.Comparison;
import io.alertscoring.validation.ComparisonReport;
import io.alertscoring.validation.TierStatus;
import io.alertscoring.validation.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner end to end over files only (the ClickHouse path is in the ITCase). */
class ValidationRunnerFilesTest {
  private static final int N = 40;

  @TempDir Path dir;

  private Path scoresFile(String name, double shift) {
    double[] values = separated(N);
    List<AlertScore> scores = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      scores.add(score(BATCH, i, Math.min(1.0, values[i] + shift), 8.0));
    }
    Path file = dir.resolve(name);
    JsonlScoreSource.write(file, scores);
    return file;
  }

  private Path labelsFile() throws Exception {
    List<AddressLabel> labels = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      labels.add(label(BATCH.network(), address(i), i % 2 == 0));
    }
    return Files2.jsonl(dir.resolve("labels.jsonl"), labels);
  }

  private Path alertsFile() throws Exception {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      alerts.add(Files2.alert(BATCH, id(i), address(i)));
    }
    return Files2.jsonl(dir.resolve("alerts.jsonl"), alerts);
  }

  @Test
  void everyPieceOfEvidenceFromFiles() throws Exception {
    Path scores = scoresFile("scores.jsonl", 0.0);
    Path rerun = scoresFile("rerun.jsonl", 0.0);
    Path traps = dir.resolve("traps.json");
    Files.writeString(traps, "[{\"alert_id\": \"" + id(3) + "\", \"expected_score\": 0.99}]");
    ValidationReport report =
        new ValidationRunner()
            .validate(
                new ValidationRunner.ValidateRequest(
                    scores.toString(),
                    BATCH.network(),
                    BATCH.processingDate(),
                    null,
                    labelsFile(),
                    null,
                    alertsFile(),
                    rerun.toString(),
                    List.of(scoresFile("other.jsonl", 0.001).toString()),
                    traps));
    assertThat(report.batch()).isEqualTo(BATCH);
    assertThat(report.integrity().status()).isEqualTo(TierStatus.PASS);
    assertThat(report.integrity().score()).isEqualTo(0.2);
    assertThat(report.behaviour().score()).isEqualTo(0.3);
    assertThat(report.groundTruth().score()).isEqualTo(0.5);
    assertThat(report.total()).isEqualTo(1.0);
    assertThat(report.flags()).hasSize(1);
    assertThat(report.behaviour().check("pattern_trap:" + id(3)).orElseThrow().status())
        .isEqualTo(CheckStatus.PASS);
    assertThat(report.complete()).isTrue();
  }

  @Test
  void aScoresFileAloneLeavesTheRestNotEvaluated() {
    ValidationReport report =
        new ValidationRunner()
            .validate(
                new ValidationRunner.ValidateRequest(
                    scoresFile("scores.jsonl", 0).toString(),
                    BATCH.network(),
                    BATCH.processingDate(),
                    7,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    null));
    assertThat(report.integrity().status()).isEqualTo(TierStatus.UNVERIFIED);
    assertThat(report.notEvaluated())
        .contains(
            "integrity.one_score_per_input_alert",
            "integrity.same_alert_ids",
            "integrity.determinism",
            "behaviour.pattern_traps",
            "ground_truth.labelled_alerts");
    assertThat(report.groundTruth().reason()).contains("no labels source");
    assertThat(report.total()).isEqualTo(0.3);
    assertThat(report.totalIfUnverifiedPass()).isEqualTo(0.5);
  }

  @Test
  void anUnknownBatchIsAFailureNamingIt() {
    assertThatThrownBy(
            () ->
                new ValidationRunner()
                    .validate(
                        new ValidationRunner.ValidateRequest(
                            scoresFile("scores.jsonl", 0).toString(),
                            "bitcoin",
                            BATCH.processingDate(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            List.of(),
                            null)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("no scores or batch metadata for network bitcoin");
  }

  @Test
  void compareTwoScoreFiles() throws Exception {
    // B is A with the positives pushed down among the negatives: worse ranking
    double[] values = separated(N);
    List<AlertScore> worse = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      worse.add(
          score(BATCH, i, i % 2 == 0 ? values[i] - 0.45 * (i % 4 == 0 ? 1 : 0) : values[i], 8.0));
    }
    Path b = dir.resolve("b.jsonl");
    JsonlScoreSource.write(b, worse);
    ComparisonReport report =
        new ValidationRunner()
            .compare(
                new ValidationRunner.CompareRequest(
                    scoresFile("a.jsonl", 0).toString(),
                    b.toString(),
                    BATCH.network(),
                    List.of(BATCH.processingDate()),
                    null,
                    labelsFile(),
                    null,
                    null,
                    null,
                    new Comparison.Options(200, 1, 0.95)));
    assertThat(report.reportsA()).hasSize(1);
    assertThat(report.positives()).isEqualTo(20);
    assertThat(report.differences()).containsOnlyKeys("auc_roc", "auc_pr", "brier");
    assertThat(report.differences().get("auc_roc").difference()).isNegative();
    assertThat(report.reportsA().get(0).groundTruth().score())
        .isGreaterThan(report.reportsB().get(0).groundTruth().score());
  }
}
