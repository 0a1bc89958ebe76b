package io.alertscoring.job.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in this JVM, for MiniCluster tests (the sink is serialised
 * into the job, so results go to a static registry under the instance's id).
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();
  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
  }

  @SuppressWarnings("unchecked")
  public List<T> results() {
    synchronized (RESULTS.get(id)) {
      return new ArrayList<>((List<T>) (List<?>) RESULTS.get(id));
    }
  }

  /** Adds a row as if the job had written it (for collectors fed by other paths). */
  public void add(T row) {
    RESULTS.get(id).add(row);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> target = RESULTS.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        target.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
