package io.alertscoring.job.testing;

import io.alertscoring.job.io.RunPublication;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.PublishedRun;
import java.util.List;

/**
 * Publishes into collectors: the COMPLETED row joins the other metadata rows (as in ClickHouse,
 * where it lands in the same table), the pointer goes to its own store.
 */
public final class CollectingPublication implements RunPublication {
  private static final long serialVersionUID = 1L;
  private final CollectingSink<BatchMetadata> metadata;
  private final CollectingStore<PublishedRun> pointers;

  public CollectingPublication(
      CollectingSink<BatchMetadata> metadata, CollectingStore<PublishedRun> pointers) {
    this.metadata = metadata;
    this.pointers = pointers;
  }

  @Override
  public Publisher open() {
    CollectingStore<PublishedRun> store = pointers;
    return new Publisher() {
      @Override
      public void publish(BatchMetadata completed, PublishedRun pointer) throws Exception {
        metadata.add(completed);
        store.open().write(List.of(pointer));
      }

      @Override
      public void close() {}
    };
  }
}
