package io.alertscoring.job.functions;

import io.alertscoring.core.features.ClusterFeatureSet;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.logic.MetadataRows;
import io.alertscoring.job.logic.Publications;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.model.RunProgress;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.BatchMetadata;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The last step of a batch (keyed by batch id): collects every alert's probability and ranker score
 * (two numbers each) and every cluster's partial vector, then ranks the batch (a sort of (score,
 * alert id) pairs), scores the clusters on their member scores, and emits the COMPLETED row, which
 * the publication step writes once every row of the run is stored (ADR 0006). A FAILED row goes to
 * the metadata side output. The plan from the coordinator says how many of each to wait for; parts
 * arrive in any order.
 */
public class BatchFinishFunction extends KeyedProcessFunction<String, BatchPart, RunProgress> {
  private final JobConfig config;

  private transient BatchScorer scorer;
  private transient ValueState<BatchPart> plan;
  private transient MapState<String, BatchPart> clusters;
  private transient MapState<String, double[]> results;
  // received results, received clusters, expected alerts and clusters (-1 before the plan)
  private transient ValueState<long[]> counts;
  private transient ValueState<String> error;
  private transient ValueState<Long> deadlineAt;
  private transient Counter batchesCompleted;
  private transient Counter batchesFailed;

  public BatchFinishFunction(JobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext openContext) {
    scorer = new BatchScorer(ModelBundle.load(Path.of(config.modelsDirectory())));
    plan =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("plan", TypeInformation.of(BatchPart.class)));
    clusters =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "cluster-parts", Types.STRING, TypeInformation.of(BatchPart.class)));
    results =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "alert-results",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    counts =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "counts", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    error = getRuntimeContext().getState(new ValueStateDescriptor<>("error", Types.STRING));
    deadlineAt =
        getRuntimeContext().getState(new ValueStateDescriptor<>("deadline-at", Types.LONG));
    batchesCompleted = getRuntimeContext().getMetricGroup().counter("batchesCompleted");
    batchesFailed = getRuntimeContext().getMetricGroup().counter("batchesFailed");
  }

  @Override
  public void processElement(BatchPart part, Context ctx, Collector<RunProgress> out)
      throws Exception {
    long[] c = counts.value();
    if (c == null) {
      c = new long[] {0, 0, -1, -1, 0};
    } else if (c.length < 5) {
      c = java.util.Arrays.copyOf(c, 5); // a state from before the progress time was kept
    }
    // the last time anything of the batch arrived: the deadline counts from it
    c[4] = ctx.timerService().currentProcessingTime();
    switch (part.kind) {
      case PLAN -> {
        plan.update(part);
        c[2] = part.alertCount;
        c[3] = part.clusterCount;
        // Liveness: a batch whose alerts cannot all be scored (lost address state, a bug) ends
        // FAILED with the shortfall instead of waiting for ever: once nothing of it has arrived
        // for the batch timeout. Not a fixed time from the close: a 1M-alert close takes about 9
        // minutes to score on two cores while live scoring shares them, and more under load.
        // (armed below, on a key's first part of any kind)
      }
      case CLUSTER -> {
        if (!clusters.contains(part.clusterId)) {
          c[1]++;
        }
        clusters.put(part.clusterId, part);
      }
      case RESULT -> {
        if (!results.contains(part.alertId)) {
          c[0]++;
        }
        results.put(part.alertId, new double[] {part.probability, part.rankerScore});
        if (part.error != null && error.value() == null) {
          error.update(part.error);
        }
      }
    }
    counts.update(c);
    // One timer per key from its first part, whatever its kind: parts that arrive after their run
    // was failed (or before a plan that never comes) are dropped by it instead of kept for ever.
    if (deadlineAt.value() == null) {
      long deadline = ctx.timerService().currentProcessingTime() + config.batchTimeout().toMillis();
      ctx.timerService().registerProcessingTimeTimer(deadline);
      deadlineAt.update(deadline);
    }
    // The plan's counts are kept beside the received ones: the plan itself is read only once.
    if (c[2] >= 0 && c[0] >= c[2] && c[1] >= c[3]) {
      finish(ctx, part.kind == BatchPart.Kind.PLAN ? part : plan.value(), out);
    }
  }

  private void finish(Context ctx, BatchPart p, Collector<RunProgress> out) throws Exception {
    BatchKey key = MetadataRows.keyOf(p.batchId);
    long t0 = System.currentTimeMillis();
    double scoringMs = Math.max(0, t0 - p.closedAt - p.featureMs);
    String failure = error.value();
    String models = scorer.models().citation();
    if (failure != null) {
      fail(ctx, p, failure, out);
      return;
    }
    int n = (int) p.alertCount;
    String[] ids = new String[n];
    double[] rankerScores = new double[n];
    Map<String, Double> probabilities = new HashMap<>(n * 2);
    int i = 0;
    for (Map.Entry<String, double[]> e : results.entries()) {
      ids[i] = e.getKey();
      rankerScores[i] = e.getValue()[1];
      probabilities.put(e.getKey(), e.getValue()[0]);
      i++;
    }
    long r0 = System.nanoTime();
    List<AlertRanking> rankings =
        scorer.rank(key, p.runId, ids, rankerScores, p.closedAt, p.version);
    for (AlertRanking ranking : rankings) {
      ctx.output(OutputTags.ALERT_RANKINGS, ranking);
    }
    long r1 = System.nanoTime();
    long clusterCount = 0;
    for (BatchPart cluster : clusters.values()) {
      double[] vector =
          ClusterFeatureSet.complete(
              new ClusterFeatureSet.Partial(cluster.partialColumns, cluster.presentMembers),
              probabilities::get);
      ctx.output(
          OutputTags.CLUSTER_SCORES,
          scorer.scoreCluster(
              key,
              p.runId,
              cluster.clusterId,
              cluster.totalAlerts,
              cluster.totalVolumeUsd,
              cluster.presentMembers,
              vector,
              p.closedAt,
              p.version));
      clusterCount++;
    }
    long r2 = System.nanoTime();
    BatchMetadata completed =
        MetadataRows.row(
            key,
            p.runId,
            BatchStatus.COMPLETED,
            p.received,
            p.expected,
            p.startedAt,
            p.closedAt,
            p.version,
            p.note,
            new MetadataRows.Stages(
                p.featureMs,
                scoringMs,
                (r1 - r0) / 1e6,
                (r2 - r1) / 1e6,
                n,
                rankings.size(),
                clusterCount),
            models);
    // Publication order: the later publication of a date wins, whichever run closes last.
    out.collect(
        RunProgress.completed(
            Publications.runKey(completed),
            completed,
            p.publishedAt > 0 ? p.publishedAt : p.closedAt));
    batchesCompleted.inc();
    clear(ctx.timerService());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RunProgress> out)
      throws Exception {
    Long deadline = deadlineAt.value();
    BatchPart p = plan.value();
    if (deadline == null || deadline != timestamp) {
      return;
    }
    long[] c = counts.value() == null ? new long[5] : counts.value();
    long lastArrival = c.length > 4 ? c[4] : 0;
    long timeout = config.batchTimeout().toMillis();
    if (lastArrival + timeout > timestamp) {
      // still making progress: wait a timeout from the last arrival
      long next = lastArrival + timeout;
      ctx.timerService().registerProcessingTimeTimer(next);
      deadlineAt.update(next);
      return;
    }
    if (p == null) {
      // parts of a run whose plan never arrived (its run failed before they came): nothing to
      // publish or fail any more; their state goes
      clear(ctx.timerService());
      return;
    }
    fail(
        ctx,
        p,
        "scoring made no progress for "
            + timeout
            + " ms after the close: "
            + c[0]
            + "/"
            + p.alertCount
            + " alerts scored, "
            + c[1]
            + "/"
            + p.clusterCount
            + " cluster inputs",
        out);
  }

  /** Writes the batch's FAILED row (nothing else of it is written) and drops its state. */
  private void fail(Context ctx, BatchPart p, String message, Collector<RunProgress> out)
      throws Exception {
    ctx.output(
        OutputTags.BATCH_METADATA,
        MetadataRows.row(
            MetadataRows.keyOf(p.batchId),
            p.runId,
            BatchStatus.FAILED,
            p.received,
            p.expected,
            p.startedAt,
            p.closedAt,
            p.version,
            message,
            MetadataRows.Stages.NONE,
            scorer.models().citation()));
    batchesFailed.inc();
    clear(ctx.timerService());
  }

  private void clear(TimerService timers) throws Exception {
    Long deadline = deadlineAt.value();
    if (deadline != null) {
      timers.deleteProcessingTimeTimer(deadline);
    }
    deadlineAt.clear();
    plan.clear();
    clusters.clear();
    results.clear();
    counts.clear();
    error.clear();
  }
}
