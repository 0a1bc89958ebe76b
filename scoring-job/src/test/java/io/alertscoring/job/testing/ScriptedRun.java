package io.alertscoring.job.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Runs a script of inputs and processing-time changes through an operator's test harnesses: either
 * uninterrupted, or with a checkpoint at chosen cut points ({@code prepareSnapshotPreBarrier}, then
 * {@code snapshot}, as a task does) whose state is restored into fresh harnesses — new operator
 * instances — at a new parallelism, as a failover or a rescale from a savepoint does. Keyed inputs
 * go to the subtask that owns their key group; every harness runs on {@link #MAX_PARALLELISM} key
 * groups, so one script runs at any parallelism and its outputs can be compared.
 *
 * <p>A harness's outputs are collected when it is retired (right after its snapshot: nothing it
 * would emit later belongs to the run) and at the end; the state left and the timers still set are
 * counted at the end.
 */
public final class ScriptedRun<H extends AbstractStreamOperatorTestHarness<?>> {
  /** The key groups of every harness (a job's max parallelism), so state can move between any. */
  public static final int MAX_PARALLELISM = 128;

  /** Creates the harness of one subtask around a new operator instance. */
  @FunctionalInterface
  public interface Factory<H> {
    H create(int maxParallelism, int parallelism, int subtaskIndex) throws Exception;
  }

  /** One step of the script: inputs, a change of processing time, or a check. */
  @FunctionalInterface
  public interface Step<H extends AbstractStreamOperatorTestHarness<?>> {
    void run(Subtasks<H> subtasks) throws Exception;
  }

  /** The subtasks of the operator at its current parallelism, all at one processing time. */
  public static final class Subtasks<H extends AbstractStreamOperatorTestHarness<?>> {
    private final List<H> harnesses;
    private long time;

    Subtasks(List<H> harnesses, long time) {
      this.harnesses = harnesses;
      this.time = time;
    }

    public int parallelism() {
      return harnesses.size();
    }

    public H get(int subtaskIndex) {
      return harnesses.get(subtaskIndex);
    }

    public List<H> all() {
      return harnesses;
    }

    /** The subtask that owns the key's key group. */
    public H forKey(Object key) {
      return harnesses.get(subtaskOf(key, harnesses.size()));
    }

    /** Sets every subtask's processing time (firing the timers due). */
    public void setTime(long t) throws Exception {
      time = t;
      for (H h : harnesses) {
        h.setProcessingTime(t);
      }
    }

    /** Advances the processing time one millisecond at a time up to {@code t}. */
    public void tickTo(long t) throws Exception {
      if (time == Long.MIN_VALUE) {
        throw new IllegalStateException("set a processing time first");
      }
      while (time < t) {
        setTime(time + 1);
      }
    }

    public long time() {
      return time;
    }
  }

  /** Which subtask of {@code parallelism} owns the key (Flink's own assignment). */
  public static int subtaskOf(Object key, int parallelism) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, parallelism);
  }

  /**
   * What a run produced.
   *
   * @param outputs every output of every harness, as its test renders them, sorted
   * @param outputsBySegment the unsorted outputs of each segment (between two cuts)
   * @param stateEntries keyed state entries left at the end, over all subtasks
   * @param processingTimeTimers keyed processing-time timers left at the end (-1: not keyed)
   * @param eventTimeTimers keyed event-time timers left at the end (-1: not keyed)
   * @param serviceTimers callbacks still registered with the processing-time services at the end
   * @param snapshots the state each cut restored from, repacked over all subtasks
   */
  public record Outcome(
      List<String> outputs,
      List<List<String>> outputsBySegment,
      int stateEntries,
      int processingTimeTimers,
      int eventTimeTimers,
      int serviceTimers,
      List<OperatorSubtaskState> snapshots) {

    /**
     * Fails unless this run's outputs are exactly {@code expected}'s, each as often, naming only
     * the outputs that differ (a run has thousands).
     */
    public void assertSameOutputsAs(Outcome expected, String description) {
      Map<String, Integer> missing = counts(expected.outputs());
      Map<String, Integer> extra = counts(outputs);
      for (String o : outputs) {
        missing.computeIfPresent(o, (k, n) -> n > 1 ? n - 1 : null);
      }
      for (String o : expected.outputs()) {
        extra.computeIfPresent(o, (k, n) -> n > 1 ? n - 1 : null);
      }
      if (!missing.isEmpty() || !extra.isEmpty()) {
        throw new AssertionError(
            description
                + ": "
                + outputs.size()
                + " outputs, "
                + expected.outputs().size()
                + " expected\n missing "
                + shorten(missing)
                + "\n extra "
                + shorten(extra));
      }
    }

    private static Map<String, Integer> counts(List<String> outputs) {
      Map<String, Integer> counts = new TreeMap<>();
      for (String o : outputs) {
        counts.merge(o, 1, Integer::sum);
      }
      return counts;
    }

    private static String shorten(Map<String, Integer> outputs) {
      StringBuilder b = new StringBuilder().append(outputs.size()).append(" distinct:");
      outputs.entrySet().stream()
          .limit(8)
          .forEach(
              e ->
                  b.append("\n   ")
                      .append(e.getValue())
                      .append(" x ")
                      .append(
                          e.getKey().length() > 600
                              ? e.getKey().substring(0, 600) + "..."
                              : e.getKey()));
      return b.toString();
    }
  }

  private final Factory<H> factory;
  private final Function<H, List<String>> outputsOf;
  private final ToIntFunction<H> stateEntriesOf;
  private final List<Step<H>> steps = new ArrayList<>();
  private final List<Integer> cuts = new ArrayList<>();

  /**
   * @param outputsOf every output a harness has emitted, rendered (e.g. {@link Canonical})
   * @param stateEntriesOf the keyed state entries of a harness ({@code numKeyedStateEntries})
   */
  public ScriptedRun(
      Factory<H> factory, Function<H, List<String>> outputsOf, ToIntFunction<H> stateEntriesOf) {
    this.factory = factory;
    this.outputsOf = outputsOf;
    this.stateEntriesOf = stateEntriesOf;
  }

  public ScriptedRun<H> step(Step<H> step) {
    steps.add(step);
    return this;
  }

  /** A point where a checkpoint may be taken and restored (see {@link #run}). */
  public ScriptedRun<H> cut() {
    cuts.add(steps.size());
    return this;
  }

  public int cuts() {
    return cuts.size();
  }

  /**
   * Runs the script: with one parallelism uninterrupted (the cuts ignored), else with a checkpoint
   * and restore at every cut, the i-th segment at {@code parallelisms[i]}.
   */
  public Outcome run(int... parallelisms) throws Exception {
    if (parallelisms.length == 1) {
      return run(new int[0], parallelisms);
    }
    int[] all = new int[cuts.size()];
    Arrays.setAll(all, i -> i);
    return run(all, parallelisms);
  }

  /**
   * Runs the script with a checkpoint and restore only at the chosen cuts (indexes into the cuts in
   * script order): segment i runs at {@code parallelisms[i]}.
   */
  public Outcome run(int[] restoreAtCuts, int[] parallelisms) throws Exception {
    if (parallelisms.length != restoreAtCuts.length + 1) {
      throw new IllegalArgumentException(
          "one parallelism per segment: " + (restoreAtCuts.length + 1) + " segments");
    }
    List<Integer> restoreAtSteps = new ArrayList<>();
    for (int cut : restoreAtCuts) {
      restoreAtSteps.add(cuts.get(cut));
    }
    List<String> outputs = new ArrayList<>();
    List<List<String>> bySegment = new ArrayList<>();
    List<OperatorSubtaskState> snapshots = new ArrayList<>();
    List<String> segment = new ArrayList<>();
    Subtasks<H> subtasks = new Subtasks<>(start(parallelisms[0]), Long.MIN_VALUE);
    int segmentIndex = 0;
    long checkpointId = 0;
    try {
      for (int i = 0; i <= steps.size(); i++) {
        if (restoreAtSteps.contains(i)) {
          checkpointId++;
          List<OperatorSubtaskState> states = new ArrayList<>();
          for (H h : subtasks.all()) {
            h.prepareSnapshotPreBarrier(checkpointId);
            states.add(h.snapshot(checkpointId, subtasks.time()));
          }
          collect(subtasks.all(), segment);
          List<H> retired = subtasks.all();
          subtasks = new Subtasks<>(List.of(), subtasks.time());
          for (H h : retired) {
            h.close();
          }
          outputs.addAll(segment);
          bySegment.add(segment);
          segment = new ArrayList<>();
          OperatorSubtaskState merged =
              AbstractStreamOperatorTestHarness.repackageState(
                  states.toArray(OperatorSubtaskState[]::new));
          snapshots.add(merged);
          int oldParallelism = parallelisms[segmentIndex];
          int newParallelism = parallelisms[++segmentIndex];
          subtasks =
              new Subtasks<>(
                  restore(merged, oldParallelism, newParallelism, subtasks.time()),
                  subtasks.time());
        }
        if (i < steps.size()) {
          steps.get(i).run(subtasks);
        }
      }
      int entries = 0;
      int processing = 0;
      int event = 0;
      int service = 0;
      for (H h : subtasks.all()) {
        entries += stateEntriesOf.applyAsInt(h);
        service += h.getProcessingTimeService().getNumActiveTimers();
        try {
          processing += h.numProcessingTimeTimers();
          event += h.numEventTimeTimers();
        } catch (UnsupportedOperationException notKeyed) {
          processing = -1;
          event = -1;
        }
      }
      collect(subtasks.all(), segment);
      outputs.addAll(segment);
      bySegment.add(segment);
      outputs.sort(null);
      return new Outcome(outputs, bySegment, entries, processing, event, service, snapshots);
    } finally {
      for (H h : subtasks.all()) {
        h.close();
      }
    }
  }

  private List<H> start(int parallelism) throws Exception {
    List<H> harnesses = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      H h = factory.create(MAX_PARALLELISM, parallelism, i);
      h.open();
      harnesses.add(h);
    }
    return harnesses;
  }

  private List<H> restore(
      OperatorSubtaskState merged, int oldParallelism, int newParallelism, long time)
      throws Exception {
    List<H> harnesses = new ArrayList<>();
    for (int i = 0; i < newParallelism; i++) {
      H h = factory.create(MAX_PARALLELISM, newParallelism, i);
      h.setup();
      h.initializeState(
          AbstractStreamOperatorTestHarness.repartitionOperatorState(
              merged, MAX_PARALLELISM, oldParallelism, newParallelism, i));
      if (time != Long.MIN_VALUE) {
        h.setProcessingTime(time);
      }
      h.open();
      harnesses.add(h);
    }
    return harnesses;
  }

  private void collect(List<H> harnesses, List<String> segment) {
    for (H h : harnesses) {
      segment.addAll(outputsOf.apply(h));
    }
  }
}
