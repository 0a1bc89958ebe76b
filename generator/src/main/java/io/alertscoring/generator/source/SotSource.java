package io.alertscoring.generator.source;

import io.alertscoring.schemas.BatchKey;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * Where replayed SOT batches come from: generated files, a SOT ClickHouse database (in the
 * launcher), the Ethereum illicit accounts CSV or an IBM AMLSim archive. A source lists the batches
 * it holds for a network and date range and streams one batch at a time, so a replay never holds
 * more than one batch's records (and usually not even that).
 *
 * <p>{@link #read} delivers the batch's alerts, features, clusters and money flows (in that order)
 * and the address labels that belong with the batch's date; never a batch-control record: the
 * replayer writes its own with the counts it actually published.
 */
public interface SotSource extends AutoCloseable {
  /** The batches of {@code network} with processing dates in [from, to], by date then window. */
  List<BatchKey> batches(String network, LocalDate from, LocalDate to) throws IOException;

  /** Streams one batch's records and bad rows. */
  void read(BatchKey batch, RecordVisitor visitor) throws IOException;

  /** Records the batch is expected to hold (for progress and ETA), or -1 when unknown. */
  default long estimate(BatchKey batch) throws IOException {
    return -1;
  }

  /** One line saying what is being read. */
  String describe();

  @Override
  default void close() throws IOException {}
}
