package io.alertscoring.job.io;

import java.io.Serializable;
import java.util.List;

/**
 * Where the rows of runs are stored: ClickHouse in production, memory in tests. Serialised into the
 * job graph; each task opens its own writer.
 */
public interface RowStore<T> extends Serializable {
  Writer<T> open() throws Exception;

  /** Writes one batch of rows; returns only once they are stored (or throws). */
  interface Writer<T> extends AutoCloseable {
    void write(List<T> rows) throws Exception;
  }
}
