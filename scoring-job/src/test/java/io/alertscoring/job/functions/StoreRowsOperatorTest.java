package io.alertscoring.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.job.io.RowStore;
import io.alertscoring.job.logic.Publications;
import io.alertscoring.job.model.RunProgress;
import io.alertscoring.job.testing.CollectingStore;
import io.alertscoring.schemas.output.AlertRanking;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class StoreRowsOperatorTest {
  static AlertRanking ranking(String run, int rank) {
    return new AlertRanking("ethereum", "2026-03-01", 7, run, rank, "a" + rank, 0.5, "m", 1, 1);
  }

  static OneInputStreamOperatorTestHarness<AlertRanking, RunProgress> harness(
      RowStore<AlertRanking> store) throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new StoreRowsOperator<>(store, Publications::runKey, RunProgress.RANKINGS, 3, 200));
  }

  private static List<String> acks(OneInputStreamOperatorTestHarness<?, RunProgress> h) {
    return h.extractOutputValues().stream()
        .map(p -> p.runKey + "=" + p.table + ":" + p.stored)
        .toList();
  }

  @Test
  void acknowledgesRowsPerRunOnlyAfterTheyAreStoredAndNeverHoldsRowsOverABarrier()
      throws Exception {
    CollectingStore<AlertRanking> store = new CollectingStore<>();
    try (var h = harness(store)) {
      h.open();
      h.setProcessingTime(0);
      h.processElement(ranking("r1", 1), 0);
      h.processElement(ranking("r2", 1), 0);
      assertThat(store.results()).isEmpty();
      assertThat(h.extractOutputValues()).isEmpty();
      h.processElement(ranking("r1", 2), 0); // full batch
      assertThat(store.results()).hasSize(3);
      assertThat(acks(h))
          .containsExactly("ethereum/2026-03-01/7/r1=1:2", "ethereum/2026-03-01/7/r2=1:1");

      h.processElement(ranking("r1", 3), 0);
      h.setProcessingTime(199);
      assertThat(store.results()).hasSize(3);
      h.setProcessingTime(200); // the batch's interval
      assertThat(store.results()).hasSize(4);

      h.processElement(ranking("r1", 4), 0);
      h.prepareSnapshotPreBarrier(1);
      assertThat(store.results()).as("stored before the barrier").hasSize(5);
      assertThat(acks(h)).hasSize(4).endsWith("ethereum/2026-03-01/7/r1=1:1");
    }
  }

  /** Fails its first two writes, like a ClickHouse that is briefly away. */
  static final class FlakyStore implements RowStore<AlertRanking> {
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    final CollectingStore<AlertRanking> target = new CollectingStore<>();

    @Override
    public Writer<AlertRanking> open() {
      Writer<AlertRanking> inner = target.open();
      return new Writer<>() {
        @Override
        public void write(List<AlertRanking> rows) throws Exception {
          if (FAILURES_LEFT.getAndDecrement() > 0) {
            throw new java.sql.SQLException("Connection refused");
          }
          inner.write(rows);
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void aFailedWriteIsRetriedAndAcknowledgedOnce() throws Exception {
    FlakyStore store = new FlakyStore();
    FlakyStore.FAILURES_LEFT.set(2);
    try (var h = harness(store)) {
      h.open();
      for (int rank = 1; rank <= 3; rank++) {
        h.processElement(ranking("r1", rank), 0);
      }
      assertThat(store.target.results()).hasSize(3);
      assertThat(acks(h)).containsExactly("ethereum/2026-03-01/7/r1=1:3");
    }
  }
}
