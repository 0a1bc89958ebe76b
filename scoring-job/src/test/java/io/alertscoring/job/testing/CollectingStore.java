package io.alertscoring.job.testing;

import io.alertscoring.job.io.RowStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A row store that keeps what it stores in this JVM, for MiniCluster tests (serialised into the
 * job, so the rows go to a static registry under the instance's id).
 */
public final class CollectingStore<T> implements RowStore<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();
  private final String id = UUID.randomUUID().toString();

  public CollectingStore() {
    RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
  }

  @SuppressWarnings("unchecked")
  public List<T> results() {
    synchronized (RESULTS.get(id)) {
      return new ArrayList<>((List<T>) (List<?>) RESULTS.get(id));
    }
  }

  @Override
  public Writer<T> open() {
    List<Object> target = RESULTS.get(id);
    return new Writer<>() {
      @Override
      public void write(List<T> rows) {
        target.addAll(rows);
      }

      @Override
      public void close() {}
    };
  }
}
