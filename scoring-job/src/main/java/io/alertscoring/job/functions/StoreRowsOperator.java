package io.alertscoring.job.functions;

import io.alertscoring.job.io.RowStore;
import io.alertscoring.job.model.RunProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the rows of runs in batches and then says how many of each run it stored: the
 * acknowledgement the publication step waits for before a run becomes visible (ADR 0006).
 *
 * <p>A batch is written when it is full, {@link #flushIntervalMs} after its first row, before every
 * checkpoint barrier and at the end of input, so no checkpoint ever holds unwritten rows. An
 * acknowledgement leaves only after its rows are stored. After a restore, rows after the checkpoint
 * are written again (the tables absorb the duplicates) and acknowledged again, and the publication
 * step's counts, restored from the same checkpoint, count them once. This holds with unaligned
 * checkpoints too, where "acknowledged at the checkpoint" would not (a barrier may overtake rows).
 */
public final class StoreRowsOperator<T> extends AbstractStreamOperator<RunProgress>
    implements OneInputStreamOperator<T, RunProgress>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(StoreRowsOperator.class);

  /** Attempts per batch before the task fails (and the job restarts from its checkpoint). */
  static final int ATTEMPTS = 5;

  private final RowStore<T> store;
  private final SerializableFunction<T, String> runKeyOf;
  private final int table;
  private final int batchSize;
  private final long flushIntervalMs;

  private transient RowStore.Writer<T> writer;
  private transient List<T> buffer;
  private transient Map<String, Long> perRun;
  private transient boolean timerArmed;
  private transient Counter rowsStored;

  /**
   * @param runKeyOf the run key of a row ({@code Runs.key(...)})
   * @param table which of the run's tables this is ({@link RunProgress#SCORES}, ...)
   */
  public StoreRowsOperator(
      RowStore<T> store,
      SerializableFunction<T, String> runKeyOf,
      int table,
      int batchSize,
      long flushIntervalMs) {
    this.store = store;
    this.runKeyOf = runKeyOf;
    this.table = table;
    this.batchSize = batchSize;
    this.flushIntervalMs = flushIntervalMs;
  }

  @Override
  public void open() throws Exception {
    super.open();
    writer = store.open();
    buffer = new ArrayList<>();
    perRun = new LinkedHashMap<>();
    rowsStored = getMetricGroup().counter("rowsStored");
  }

  @Override
  public void processElement(StreamRecord<T> element) throws Exception {
    T row = element.getValue();
    buffer.add(row);
    perRun.merge(runKeyOf.apply(row), 1L, Long::sum);
    if (buffer.size() >= batchSize) {
      flush();
    } else if (!timerArmed) {
      timerArmed = true;
      long at = getProcessingTimeService().getCurrentProcessingTime() + flushIntervalMs;
      getProcessingTimeService().registerTimer(at, time -> onTimer());
    }
  }

  private void onTimer() throws Exception {
    timerArmed = false;
    flush();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    flush();
  }

  @Override
  public void endInput() throws Exception {
    flush();
  }

  /** Writes the buffered rows (retrying), then acknowledges them per run. */
  void flush() throws Exception {
    if (buffer.isEmpty()) {
      return;
    }
    long backoffMs = 200;
    for (int attempt = 1; ; attempt++) {
      try {
        writer.write(buffer);
        break;
      } catch (Exception e) {
        if (attempt >= ATTEMPTS) {
          throw new IllegalStateException(
              "could not store "
                  + buffer.size()
                  + " rows into "
                  + store
                  + " after "
                  + attempt
                  + " attempts",
              e);
        }
        LOG.warn(
            "storing {} rows into {} failed (attempt {}), retrying in {} ms: {}",
            buffer.size(),
            store,
            attempt,
            backoffMs,
            e.toString());
        Thread.sleep(backoffMs);
        backoffMs *= 4;
      }
    }
    rowsStored.inc(buffer.size());
    for (Map.Entry<String, Long> e : perRun.entrySet()) {
      output.collect(new StreamRecord<>(RunProgress.stored(e.getKey(), table, e.getValue())));
    }
    buffer.clear();
    perRun.clear();
  }

  @Override
  public void close() throws Exception {
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      super.close();
    }
  }
}
