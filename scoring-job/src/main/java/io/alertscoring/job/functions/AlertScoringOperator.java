package io.alertscoring.job.functions;

import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AddressState;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.schemas.output.AlertScore;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs {@link AlertScoringFunction} with the final path deferred, so that a closing batch never
 * stalls the live path.
 *
 * <p>Why: when a batch closes, the coordinator sends every alert's context at once, and final
 * scoring (the final model's explanation is the costliest step of a batch) is far slower than that.
 * Scored on arrival, the contexts would back up into the coordinator, the coordinator would stop
 * reading, and the decoder — which feeds both the coordinator and this join — would stop too: no
 * alert of any batch would get a live score until the close was scored, tens of seconds at 60,000
 * alerts. So contexts are only stored on arrival (one state write, cheap enough to keep up with any
 * close), their keys queued here, and scored from processing-time callbacks in slices of {@link
 * #SLICE_NANOS} with pauses between them; between slices the task reads its inputs, so live records
 * wait at most about one slice.
 *
 * <p>The queue is not state: after a restore it is rebuilt from the keys that hold pending
 * contexts. A bounded input's end drains it at once (Flink fires no timers after the end of input).
 */
public final class AlertScoringOperator
    extends KeyedCoProcessOperator<String, AddressRecord, AlertContext, AlertScore>
    implements BoundedMultiInput {
  private static final long serialVersionUID = 1L;

  /** How long one slice of final scoring may hold the task thread. */
  static final long SLICE_NANOS = 10_000_000L;

  /**
   * The shortest pause before the next slice. A slice registered for "now" would be the next mail
   * at once, and Flink runs mails before input: the task would read one record per slice and starve
   * the live path. In a pause the task reads its inputs (about a hundred records a ms).
   */
  static final long MIN_PAUSE_MS = 1;

  private final long pauseMs;

  /** Keys to score, in the order they became ready, each once. */
  private transient LinkedHashSet<String> ready;

  private transient boolean scheduled;
  private transient long recordsSinceSlice;

  /**
   * @param finalScoringShare the share of the task's time final scoring may take ({@link
   *     io.alertscoring.job.JobConfig#finalScoringShare}): slices of {@link #SLICE_NANOS} with
   *     pauses that make up the rest. The pauses hand the CPU to the other tasks of the job (the
   *     decoder, the coordinator, the sinks) and to the broker and ClickHouse, which the live path
   *     needs within its second; a close is scored more slowly instead.
   */
  public AlertScoringOperator(AlertScoringFunction function, double finalScoringShare) {
    super(function);
    double slicesMs = SLICE_NANOS / 1e6;
    this.pauseMs =
        Math.max(MIN_PAUSE_MS, Math.round(slicesMs * (1 - finalScoringShare) / finalScoringShare));
  }

  @Override
  public void open() throws Exception {
    super.open();
    ready = new LinkedHashSet<>();
    scheduled = false;
    ((AlertScoringFunction) userFunction).deferScoringTo(this::enqueue);
    Set<String> restored = new HashSet<>();
    getKeyedStateBackend()
        .applyToAllKeys(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            AlertScoringFunction.stateDescriptor(),
            (Object key, ValueState<AddressState> state) -> {
              AddressState s = state.value();
              if (s != null && s.pending.length > 0) {
                restored.add((String) key);
              }
            });
    // sorted: the order of the slices after a restore does not depend on the state's layout
    restored.stream().sorted().forEach(this::enqueue);
  }

  /** Queues a key whose pending contexts can be scored (once, however often it is offered). */
  private void enqueue(String key) {
    if (ready.add(key)) {
      schedule();
    }
  }

  /**
   * The pause is the share's only while alerts or features keep arriving (the live path is busy);
   * when none came since the last slice — a bulk replay's close, after its data — final scoring
   * runs at full speed.
   */
  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      // records that came during the pause before the last slice (none can come during one)
      long pause = recordsSinceSlice > 0 ? pauseMs : MIN_PAUSE_MS;
      recordsSinceSlice = 0;
      getProcessingTimeService()
          .registerTimer(
              getProcessingTimeService().getCurrentProcessingTime() + pause, t -> slice());
    }
  }

  @Override
  public void processElement1(StreamRecord<AddressRecord> element) throws Exception {
    recordsSinceSlice++;
    super.processElement1(element);
  }

  private void slice() throws Exception {
    scheduled = false;
    long until = System.nanoTime() + SLICE_NANOS;
    while (!ready.isEmpty() && System.nanoTime() < until) {
      drainOne();
    }
    if (!ready.isEmpty()) {
      schedule();
    }
  }

  private void drainOne() throws Exception {
    Iterator<String> first = ready.iterator();
    String key = first.next();
    first.remove();
    StreamRecord<AlertContext> marker = new StreamRecord<>(AlertContext.drainMarker(key));
    setKeyContextElement2(marker);
    processElement2(marker);
  }

  @Override
  public void endInput(int inputId) throws Exception {
    while (!ready.isEmpty()) {
      drainOne();
    }
  }

  /** Keys waiting for a slice (for tests and metrics). */
  int queuedKeys() {
    return ready.size();
  }
}
