package io.alertscoring.validation.io;

import static io.alertscoring.validation.Runs.BATCH;
import static io.alertscoring.validation.Runs.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.validation.ScoringRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlScoreSourceTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndSelectsOneBatch() {
    BatchKey wide = new BatchKey(BATCH.network(), BATCH.processingDate(), 30);
    List<AlertScore> rows =
        List.of(score(BATCH, 0, 0.1, 5), score(BATCH, 1, 0.9, 5), score(wide, 2, 0.5, 5));
    Path file = dir.resolve("scores.jsonl");
    JsonlScoreSource.write(file, rows);
    JsonlScoreSource source = JsonlScoreSource.read(file);
    assertThat(source.windows(BATCH.network(), BATCH.processingDate())).containsExactly(7, 30);
    ScoringRun run = source.read(BATCH);
    assertThat(run.scores()).containsExactly(rows.get(0), rows.get(1));
    assertThat(run.missingColumns()).isEmpty();
    assertThat(run.metadata()).isEmpty();
    assertThat(run.source()).isEqualTo(file.toString());
  }

  @Test
  void absentFieldsAreMissingColumnsAndNonNumericScoresAreNaN() throws Exception {
    Path file = dir.resolve("partial.jsonl");
    Files.writeString(
        file,
        "{\"network\":\"ethereum\",\"processing_date\":\"2026-01-05\",\"window_days\":7,"
            + "\"alert_id\":\"a\",\"score\":\"0.5\"}\n"
            + "{\"alert_id\":\"no-batch\",\"score\":0.5}\n");
    ScoringRun run = JsonlScoreSource.read(file).read(BATCH);
    assertThat(run.scores()).hasSize(1);
    assertThat(run.scores().get(0).score()).isNaN();
    assertThat(run.missingColumns())
        .contains("latency_ms", "model_version", "address", "network")
        .doesNotContain("alert_id", "score");
  }

  @Test
  void aLineThatIsNotJsonIsReportedWithItsNumber() throws Exception {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(file, "{}\nnot json\n");
    assertThatThrownBy(() -> JsonlScoreSource.read(file))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void specsAreUrlsOrExistingFiles() {
    assertThat(ScoreSource.open("jdbc:clickhouse://127.0.0.1:1/db"))
        .isInstanceOf(ClickHouseStore.class);
    assertThat(((ClickHouseStore) ScoreSource.open("jdbc:clickhouse://h:1/db")).jdbcUrl())
        .isEqualTo("jdbc:clickhouse://h:1/db?compress=false");
    assertThat(new ClickHouseStore("jdbc:clickhouse://h:1/db?user=x&compress=true").description())
        .isEqualTo("jdbc:clickhouse://h:1/db");
    assertThatThrownBy(() -> ScoreSource.open(dir.resolve("nope.jsonl").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither");
  }
}
