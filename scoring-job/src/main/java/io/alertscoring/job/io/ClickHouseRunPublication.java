package io.alertscoring.job.io;

import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.PublishedRun;
import java.util.List;

/**
 * Publishes a run in ClickHouse: the COMPLETED {@code batch_metadata} row first, then the {@code
 * published_runs} pointer. The pointer is the switch readers follow, so it is written last.
 */
public final class ClickHouseRunPublication implements RunPublication {
  private static final long serialVersionUID = 1L;
  private final ClickHouseRowStore<BatchMetadata> metadata;
  private final ClickHouseRowStore<PublishedRun> pointers;

  public ClickHouseRunPublication(String jdbcUrl) {
    this.metadata = new ClickHouseRowStore<>(jdbcUrl, Tables.BATCH_METADATA);
    this.pointers = new ClickHouseRowStore<>(jdbcUrl, Tables.PUBLISHED_RUNS);
  }

  @Override
  public Publisher open() throws Exception {
    RowStore.Writer<BatchMetadata> metadataWriter = metadata.open();
    RowStore.Writer<PublishedRun> pointerWriter = pointers.open();
    return new Publisher() {
      @Override
      public void publish(BatchMetadata completed, PublishedRun pointer) throws Exception {
        metadataWriter.write(List.of(completed));
        pointerWriter.write(List.of(pointer));
      }

      @Override
      public void close() throws Exception {
        try {
          metadataWriter.close();
        } finally {
          pointerWriter.close();
        }
      }
    };
  }
}
