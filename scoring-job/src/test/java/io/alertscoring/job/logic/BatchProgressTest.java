package io.alertscoring.job.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.schemas.input.BatchControl;
import org.junit.jupiter.api.Test;

class BatchProgressTest {
  static final BatchControl CONTROL =
      new BatchControl("ethereum", "2026-01-15", 7, 10, 8, 2, 30, 0);

  @Test
  void completeOnlyWithTheControlRecordAndEveryCountMet() {
    assertThat(new BatchProgress(10, 8, 2, 30, null).isComplete()).isFalse();
    assertThat(new BatchProgress(10, 8, 2, 29, CONTROL).isComplete()).isFalse();
    assertThat(new BatchProgress(10, 8, 2, 30, CONTROL).isComplete()).isTrue();
    assertThat(new BatchProgress(10, 8, 2, 30, CONTROL).describeExcess()).isNull();
  }

  @Test
  void describesShortfallAndExcess() {
    assertThat(new BatchProgress(3, 0, 0, 0, null).describeShortfall())
        .isEqualTo(
            "batch-control record never arrived; received 3 alerts, 0 features, 0 clusters, 0 money flows");
    assertThat(new BatchProgress(9, 8, 2, 30, CONTROL).describeShortfall())
        .isEqualTo("received alerts 9/10, features 8/8, clusters 2/2, money flows 30/30");
    assertThat(new BatchProgress(11, 8, 2, 30, CONTROL).describeExcess())
        .isEqualTo("more records than the batch-control record announced: alerts 11/10");
  }

  @Test
  void closeVersionsWinOverProcessingAndLaterRunsWin() {
    assertThat(RowVersions.closed(1000)).isGreaterThan(RowVersions.processing(1000));
    assertThat(RowVersions.processing(1001)).isGreaterThan(RowVersions.closed(1000));
  }
}
