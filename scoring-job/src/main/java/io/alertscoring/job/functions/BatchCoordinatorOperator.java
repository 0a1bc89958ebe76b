package io.alertscoring.job.functions;

import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchHeader;
import io.alertscoring.job.model.BatchPart;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs {@link BatchCoordinatorFunction}, writes its cached batch headers to state before each
 * snapshot, and, when a bounded input ends, finishes the closes still being emitted: their
 * remaining chunks would otherwise wait for processing-time timers, which Flink does not fire after
 * the end of input. Unbounded (Kafka) inputs never end, so there the chunks keep coming from timers
 * and checkpoint barriers pass between them.
 */
public final class BatchCoordinatorOperator
    extends KeyedProcessOperator<String, BatchEvent, BatchPart> implements BoundedOneInput {

  public BatchCoordinatorOperator(BatchCoordinatorFunction function) {
    super(function);
  }

  /** Writes the headers changed since the last checkpoint, then snapshots as usual. */
  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    flushHeaders();
    super.snapshotState(context);
  }

  private void flushHeaders() throws Exception {
    BatchCoordinatorFunction function = (BatchCoordinatorFunction) userFunction;
    for (String key : List.copyOf(function.dirtyKeys())) {
      setCurrentKey(key);
      function.flush(key);
    }
    function.dirtyKeys().clear();
  }

  @Override
  public void endInput() throws Exception {
    flushHeaders();
    List<String> closing = new ArrayList<>();
    getKeyedStateBackend()
        .applyToAllKeys(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            BatchCoordinatorFunction.headerDescriptor(),
            (Object key, org.apache.flink.api.common.state.ValueState<BatchHeader> state) -> {
              BatchHeader h = state.value();
              if (h != null && h.closePhase != 0 && h.closedAt == 0) {
                closing.add((String) key);
              }
            });
    for (String key : closing) {
      StreamRecord<BatchEvent> drain = new StreamRecord<>(BatchEvent.drain(key));
      setKeyContextElement(drain);
      processElement(drain);
    }
  }
}
