package io.alertscoring.job.functions;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.logic.BatchProgress;
import io.alertscoring.job.logic.RowVersions;
import io.alertscoring.job.model.BatchInput;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Collects one batch's records (keyed by batch id) until its batch-control record has arrived and
 * the announced counts are met, then scores, ranks and explains the batch in one go. Emits batch
 * metadata on the main output (PROCESSING on the first record, COMPLETED or FAILED on close) and
 * scores, rankings and cluster scores on side outputs.
 *
 * <p>Timers are processing-time: a batch's completeness is decided by counts, not by event-time
 * progress, and an idle upstream must still end in a FAILED batch rather than wait for a watermark
 * that never comes.
 */
public class BatchAssemblyFunction extends KeyedProcessFunction<String, BatchInput, BatchMetadata> {
  private final JobConfig config;

  private transient BatchScorer scorer;
  private transient Map<RecordKind, MapState<String, String>> records;
  // Kept decoded: the close rule reads it on every record of the batch.
  private transient ValueState<BatchControl> control;
  private transient ValueState<long[]> counts;
  private transient ValueState<Long> startedAt;
  private transient ValueState<Long> timeoutTimer;
  private transient ValueState<Long> closedAt;
  private transient ValueState<Long> retentionTimer;
  private transient Counter deadLetters;
  private transient Counter batchesCompleted;
  private transient Counter batchesFailed;

  public BatchAssemblyFunction(JobConfig config) {
    this.config = config;
  }

  static final List<RecordKind> DATA_KINDS =
      List.of(RecordKind.ALERT, RecordKind.FEATURES, RecordKind.CLUSTER, RecordKind.MONEY_FLOW);

  @Override
  public void open(OpenContext openContext) {
    scorer = new BatchScorer(ModelBundle.load(Path.of(config.modelsDirectory())));
    records = new HashMap<>();
    for (RecordKind kind : DATA_KINDS) {
      records.put(
          kind,
          getRuntimeContext()
              .getMapState(
                  new MapStateDescriptor<>(
                      "records-" + kind.name().toLowerCase(), Types.STRING, Types.STRING)));
    }
    control =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("control", TypeInformation.of(BatchControl.class)));
    counts =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("counts", TypeInformation.of(long[].class)));
    startedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("started-at", Types.LONG));
    timeoutTimer =
        getRuntimeContext().getState(new ValueStateDescriptor<>("timeout-timer", Types.LONG));
    closedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-at", Types.LONG));
    retentionTimer =
        getRuntimeContext().getState(new ValueStateDescriptor<>("retention-timer", Types.LONG));
    deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    batchesCompleted = getRuntimeContext().getMetricGroup().counter("batchesCompleted");
    batchesFailed = getRuntimeContext().getMetricGroup().counter("batchesFailed");
  }

  @Override
  public void processElement(BatchInput input, Context ctx, Collector<BatchMetadata> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    Long closed = closedAt.value();
    if (closed != null) {
      reject(
          ctx,
          input,
          "batch "
              + input.batchId
              + " already closed at "
              + closed
              + "; a replay is accepted "
              + config.closedBatchRetention().toMillis()
              + " ms after the close",
          now);
      return;
    }
    if (startedAt.value() == null) {
      startedAt.update(now);
      long timeout = now + config.batchTimeout().toMillis();
      timeoutTimer.update(timeout);
      ctx.timerService().registerProcessingTimeTimer(timeout);
      counts.update(new long[DATA_KINDS.size()]);
      out.collect(
          metadata(
              key(input),
              BatchStatus.PROCESSING,
              now,
              now,
              RowVersions.processing(now),
              null,
              null,
              null));
    }

    if (input.kind == RecordKind.BATCH_CONTROL) {
      BatchControl received = (BatchControl) SotJson.decode(RecordKind.BATCH_CONTROL, input.json);
      BatchControl existing = control.value();
      if (existing != null && !existing.equals(received)) {
        reject(
            ctx,
            input,
            "a different batch-control record was already received for "
                + input.batchId
                + ": "
                + SotJson.encode(existing),
            now);
        return;
      }
      control.update(received);
    } else {
      MapState<String, String> state = records.get(input.kind);
      if (state == null) {
        reject(ctx, input, "record kind " + input.kind + " is not part of a scoring batch", now);
        return;
      }
      if (!state.contains(input.recordId)) {
        long[] c = counts.value();
        c[DATA_KINDS.indexOf(input.kind)]++;
        counts.update(c);
      }
      // A redelivered record (same identity) replaces the earlier copy: counts stay distinct.
      state.put(input.recordId, input.json);
    }

    BatchProgress progress = progress();
    if (progress.isComplete()) {
      close(ctx, out, progress, now);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<BatchMetadata> out)
      throws Exception {
    Long timeout = timeoutTimer.value();
    if (timeout != null && timeout == timestamp && closedAt.value() == null) {
      BatchProgress progress = progress();
      String message =
          "timed out after "
              + config.batchTimeout().toMillis()
              + " ms: "
              + progress.describeShortfall();
      out.collect(
          metadata(
              keyOf(ctx.getCurrentKey()),
              BatchStatus.FAILED,
              startedAt.value(),
              timestamp,
              RowVersions.closed(timestamp),
              message,
              null,
              null));
      batchesFailed.inc();
      markClosed(ctx, timestamp);
      return;
    }
    Long retention = retentionTimer.value();
    if (retention != null && retention == timestamp) {
      closedAt.clear();
      retentionTimer.clear();
    }
  }

  private void close(Context ctx, Collector<BatchMetadata> out, BatchProgress progress, long now)
      throws Exception {
    BatchKey key = keyOf(ctx.getCurrentKey());
    long version = RowVersions.closed(now);
    try {
      AssembledBatch batch =
          new AssembledBatch(
              key,
              decodeAll(RecordKind.ALERT, Alert.class),
              decodeAll(RecordKind.FEATURES, AddressFeatures.class),
              decodeAll(RecordKind.CLUSTER, AlertCluster.class),
              decodeAll(RecordKind.MONEY_FLOW, MoneyFlow.class));
      BatchScoringResult result = scorer.score(batch, now, version);
      for (AlertScore score : result.alertScores()) {
        ctx.output(OutputTags.ALERT_SCORES, score);
      }
      for (AlertRanking ranking : result.rankings()) {
        ctx.output(OutputTags.ALERT_RANKINGS, ranking);
      }
      for (ClusterScore score : result.clusterScores()) {
        ctx.output(OutputTags.CLUSTER_SCORES, score);
      }
      out.collect(
          metadata(
              key,
              BatchStatus.COMPLETED,
              startedAt.value(),
              now,
              version,
              progress.describeExcess(),
              result,
              scorer.models().citation()));
      batchesCompleted.inc();
    } catch (RuntimeException | RecordValidationException e) {
      // Scoring must not take the job down: the batch is FAILED with the reason, nothing partial
      // is written, and the batch can be replayed once the cause is fixed.
      out.collect(
          metadata(
              key,
              BatchStatus.FAILED,
              startedAt.value(),
              now,
              version,
              "scoring failed: " + e,
              null,
              scorer.models().citation()));
      batchesFailed.inc();
    }
    markClosed(ctx, now);
  }

  private <T extends SotRecord> List<T> decodeAll(RecordKind kind, Class<T> type) throws Exception {
    List<T> decoded = new ArrayList<>();
    for (String json : records.get(kind).values()) {
      decoded.add(type.cast(SotJson.decode(kind, json)));
    }
    return decoded;
  }

  /** Drops the batch's records and timeout, and remembers the close for the retention period. */
  private void markClosed(Context ctx, long now) throws Exception {
    Long timeout = timeoutTimer.value();
    if (timeout != null) {
      ctx.timerService().deleteProcessingTimeTimer(timeout);
    }
    for (MapState<String, String> state : records.values()) {
      state.clear();
    }
    control.clear();
    counts.clear();
    startedAt.clear();
    timeoutTimer.clear();
    closedAt.update(now);
    long retention = now + config.closedBatchRetention().toMillis();
    retentionTimer.update(retention);
    ctx.timerService().registerProcessingTimeTimer(retention);
  }

  private BatchProgress progress() throws Exception {
    long[] c = counts.value();
    return new BatchProgress(c[0], c[1], c[2], c[3], control.value());
  }

  private void reject(Context ctx, BatchInput input, String reason, long now) {
    deadLetters.inc();
    ctx.output(
        OutputTags.DEAD_LETTERS,
        DeadLetters.of(
            reason,
            input.kind.name(),
            input.topic,
            input.partition,
            input.offset,
            input.batchId,
            input.json,
            now));
  }

  private static BatchKey key(BatchInput input) {
    return keyOf(input.batchId);
  }

  static BatchKey keyOf(String batchId) {
    String[] parts = batchId.split("/");
    return new BatchKey(parts[0], parts[1], Integer.parseInt(parts[2]));
  }

  private BatchMetadata metadata(
      BatchKey key,
      BatchStatus status,
      Long started,
      long now,
      long version,
      String message,
      BatchScoringResult result,
      String models)
      throws Exception {
    long[] c = counts.value() == null ? new long[4] : counts.value();
    BatchControl expected = control.value();
    long start = started == null ? now : started;
    double scoringMs = result == null ? 0 : result.scoringMs();
    double featureMs = result == null ? 0 : result.featureMs();
    double rankingMs = result == null ? 0 : result.rankingMs();
    double clusterMs = result == null ? 0 : result.clusterScoringMs();
    // Assembly runs from the first record to the close decision; the scoring stages follow it.
    double assembly = now - start;
    double total = assembly + featureMs + scoringMs + rankingMs + clusterMs;
    return new BatchMetadata(
        key.network(),
        key.processingDate(),
        key.windowDays(),
        status,
        c[0],
        c[1],
        c[2],
        c[3],
        expected == null ? 0 : expected.alertCount(),
        expected == null ? 0 : expected.featureCount(),
        expected == null ? 0 : expected.clusterCount(),
        expected == null ? 0 : expected.moneyFlowCount(),
        result == null ? 0 : result.alertScores().size(),
        result == null ? 0 : result.rankings().size(),
        result == null ? 0 : result.clusterScores().size(),
        assembly,
        featureMs,
        scoringMs,
        rankingMs,
        clusterMs,
        total,
        models == null ? "" : models,
        message == null ? "" : message,
        start,
        now,
        version);
  }
}
