package io.alertscoring.job.functions;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.BatchContext;
import io.alertscoring.core.features.ClusterFeatureSet;
import io.alertscoring.core.features.FeatureSummary;
import io.alertscoring.core.features.FlowGraph;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.logic.BatchProgress;
import io.alertscoring.job.logic.MetadataRows;
import io.alertscoring.job.logic.RowVersions;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchHeader;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.model.ClusterFacts;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.BatchStatus;
import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.json.SotJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-batch step (keyed by batch id). It keeps only the compact part of every record (alert
 * facts, address feature summaries, flow weights, clusters) and decides when the batch is complete
 * (ADR 0001). At close it builds the batch context (batch-relative statistics, the money-flow graph
 * in primitive arrays, cluster inputs) and sends each alert's batch-wide columns to its address
 * key, where the alert is scored in parallel; it sends each cluster's partial vector and the batch
 * plan to the finishing step. It emits the PROCESSING and FAILED metadata rows.
 *
 * <p>Everything it computes at close is a deterministic function of its state, so a restore that
 * replays the close gives the same columns bit for bit. Timers are processing-time: completeness is
 * decided by counts, and an idle upstream must still end in a FAILED batch.
 */
public class BatchCoordinatorFunction extends KeyedProcessFunction<String, BatchEvent, BatchPart> {
  private final JobConfig config;
  private final int contextsPerChunk;
  private final int entriesPerRead;

  private transient ValueState<BatchHeader> header;
  private transient MapState<String, AlertFacts> alerts;
  private transient MapState<String, FeatureSummary> features;
  private transient MapState<String, double[]> flows;
  private transient MapState<String, ClusterFacts> clusters;
  // Read-through cache of the header: it is read on every record. A restored task starts empty.
  private transient Map<String, BatchHeader> headers;
  private transient java.util.Set<String> dirty;
  // Closes being emitted, by batch; lost on restore and then recomputed.
  private transient Map<String, Closing> closings;
  private transient DeadLetterCounters deadLetters;
  private transient Counter batchesFailed;

  public BatchCoordinatorFunction(JobConfig config) {
    this(config, CONTEXTS_PER_CHUNK);
  }

  BatchCoordinatorFunction(JobConfig config, int contextsPerChunk) {
    this(config, contextsPerChunk, ENTRIES_PER_READ);
  }

  BatchCoordinatorFunction(JobConfig config, int contextsPerChunk, int entriesPerRead) {
    this.config = config;
    this.contextsPerChunk = contextsPerChunk;
    this.entriesPerRead = entriesPerRead;
  }

  static ValueStateDescriptor<BatchHeader> headerDescriptor() {
    return new ValueStateDescriptor<>("header", TypeInformation.of(BatchHeader.class));
  }

  @Override
  public void open(OpenContext openContext) {
    header = getRuntimeContext().getState(headerDescriptor());
    alerts =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "alerts", Types.STRING, TypeInformation.of(AlertFacts.class)));
    features =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "features", Types.STRING, TypeInformation.of(FeatureSummary.class)));
    flows =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "flows",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    clusters =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "clusters", Types.STRING, TypeInformation.of(ClusterFacts.class)));
    headers = new HashMap<>();
    dirty = new java.util.HashSet<>();
    closings = new HashMap<>();
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    batchesFailed = getRuntimeContext().getMetricGroup().counter("batchesFailed");
  }

  private BatchHeader header(String key) throws Exception {
    BatchHeader h = headers.get(key);
    if (h == null) {
      h = header.value();
      if (h != null) {
        headers.put(key, h);
      }
    }
    return h;
  }

  /**
   * Updates the cached header; the state is written behind, once per checkpoint ({@link #flush}),
   * not once per record: a date has millions of records and only a few batch keys.
   */
  private void save(String key, BatchHeader h) {
    headers.put(key, h);
    dirty.add(key);
  }

  private void drop(String key) {
    headers.remove(key);
    dirty.remove(key);
    header.clear();
  }

  /** Keys whose header changed since the last {@link #flush}. */
  java.util.Set<String> dirtyKeys() {
    return dirty;
  }

  /**
   * Writes the cached header of the current key to state. {@link BatchCoordinatorOperator} calls it
   * for every dirty key before each snapshot, so a checkpoint holds exactly the headers of the
   * records it covers.
   */
  void flush(String key) throws Exception {
    BatchHeader h = headers.get(key);
    if (h != null) {
      // A copy: the heap state backend keeps the object itself, and the cached one changes later.
      header.update(h.copy());
    }
  }

  @Override
  public void processElement(BatchEvent event, Context ctx, Collector<BatchPart> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    String key = ctx.getCurrentKey();
    BatchHeader h = header(key);
    if (event.drain) {
      while (h != null && h.closePhase != 0 && h.closedAt == 0) {
        advance(ctx, key, h, out);
      }
      return;
    }
    if (h != null && (h.closedAt != 0 || h.closePhase == BatchHeader.EMITTING)) {
      reject(ctx, event, DeadLetterCounters.LATE, lateReason(key, h), now);
      return;
    }
    if (h != null && h.closePhase != 0) {
      // A record while the close is still reading: keep it, and read the batch again.
      closings.remove(key);
      h.closePhase = BatchHeader.READING;
    }
    if (h == null) {
      h = new BatchHeader();
      String tag = Runs.tagOf(key);
      h.runId = tag.isEmpty() ? "u" + now : tag;
      h.startedAt = now;
      h.timeoutAt = now + config.batchTimeout().toMillis();
      ctx.timerService().registerProcessingTimeTimer(h.timeoutAt);
      ctx.output(
          OutputTags.BATCH_METADATA,
          MetadataRows.row(
              MetadataRows.keyOf(key),
              h.runId,
              BatchStatus.PROCESSING,
              null,
              null,
              now,
              now,
              RowVersions.processing(now),
              null,
              MetadataRows.Stages.NONE,
              null));
    }
    switch (event.kind) {
      case BATCH_CONTROL -> {
        if (h.control != null && !h.control.equals(event.control)) {
          save(key, h);
          reject(
              ctx,
              event,
              DeadLetterCounters.CONFLICTING_CONTROL,
              "a different batch-control record was already received for "
                  + key
                  + ": "
                  + SotJson.encode(h.control),
              now);
          return;
        }
        h.control = event.control;
      }
      case ALERT -> {
        noteTopic(h, 0, event.topic);
        alerts.put(event.recordId, event.alert);
        h.arrivals[0]++;
      }
      case FEATURES -> {
        noteTopic(h, 1, event.topic);
        features.put(event.recordId, event.features);
        h.arrivals[1]++;
      }
      case CLUSTER -> {
        noteTopic(h, 2, event.topic);
        clusters.put(event.recordId, event.cluster);
        h.arrivals[2]++;
      }
      case MONEY_FLOW -> {
        noteTopic(h, 3, event.topic);
        flows.put(event.recordId, new double[] {event.flowUsd, event.flowFromLength});
        h.arrivals[3]++;
      }
      default -> {
        save(key, h);
        reject(
            ctx,
            event,
            DeadLetterCounters.NOT_BATCH_KIND,
            "record kind " + event.kind + " is not part of a scoring batch",
            now);
        return;
      }
    }
    save(key, h);
    if (h.control != null
        && new BatchProgress(h.arrivals[0], h.arrivals[1], h.arrivals[2], h.arrivals[3], h.control)
            .isComplete()
        && h.totalArrivals() >= h.nextCheckAt
        && h.closePhase == 0) {
      h.closingAt = now;
      h.closePhase = BatchHeader.READING;
      schedule(ctx, key, h);
    }
  }

  /**
   * Contexts of one close per chunk: small enough that a blocked output holds a barrier briefly.
   */
  static final int CONTEXTS_PER_CHUNK = 4096;

  /** State entries read per call while a close reads the batch. */
  static final int ENTRIES_PER_READ = 1 << 18;

  /**
   * A close in progress, kept in the heap between its steps (each step is one timer call, so
   * checkpoint barriers pass between them). Lost on restore: the close then starts reading again,
   * or, if it was already emitting, is recomputed in one go; both give the same bits.
   */
  private static final class Closing {
    Iterator<Map.Entry<String, FeatureSummary>> featureEntries;
    Iterator<AlertFacts> alertValues;
    Iterator<ClusterFacts> clusterValues;
    Iterator<Map.Entry<String, double[]>> flowEntries;
    final Map<String, FeatureSummary> featureMap = new HashMap<>();
    final List<AlertFacts> alertList = new ArrayList<>();
    final List<AlertCluster> clusterList = new ArrayList<>();
    FlowGraph.Builder builder;
    FlowGraph graph;
    long workNanos;
    List<AlertContext> contexts;
    List<BatchPart> parts;
  }

  private void schedule(Context ctx, String key, BatchHeader h) throws Exception {
    h.nextChunkAt = ctx.timerService().currentProcessingTime() + 1;
    ctx.timerService().registerProcessingTimeTimer(h.nextChunkAt);
    save(key, h);
  }

  /** One step of a close: read a slice, build the graph, compute the columns, or emit a chunk. */
  private void advance(Context ctx, String key, BatchHeader h, Collector<BatchPart> out)
      throws Exception {
    Closing c = closings.get(key);
    if (c == null && h.closePhase != BatchHeader.EMITTING) {
      h.closePhase = BatchHeader.READING;
      c = startReading(h);
      closings.put(key, c);
    }
    switch (h.closePhase) {
      case BatchHeader.READING -> {
        if (read(c, entriesPerRead)) {
          long[] distinct = distinct(c);
          BatchProgress progress =
              new BatchProgress(distinct[0], distinct[1], distinct[2], distinct[3], h.control);
          if (!progress.isComplete()) {
            // Duplicates made the arrivals look complete: wait for the shortfall.
            long[] expected = MetadataRows.expected(h.control);
            long shortfall = 0;
            for (int i = 0; i < 4; i++) {
              shortfall += Math.max(0, expected[i] - distinct[i]);
            }
            h.nextCheckAt = h.totalArrivals() + shortfall;
            h.closingAt = 0;
            h.closePhase = 0;
            closings.remove(key);
            save(key, h);
            return;
          }
          h.closePhase = BatchHeader.BUILDING_GRAPH;
        }
      }
      case BatchHeader.BUILDING_GRAPH -> {
        buildGraph(c);
        h.closePhase = BatchHeader.RANKING_GRAPH;
      }
      case BatchHeader.RANKING_GRAPH -> {
        long t0 = System.nanoTime();
        c.graph.computeGlobalMetrics(); // PageRank and components: their own step
        c.workNanos += System.nanoTime() - t0;
        h.closePhase = BatchHeader.COMPUTING;
      }
      case BatchHeader.COMPUTING -> {
        compute(key, h, c);
        ctx.timerService().deleteProcessingTimeTimer(h.timeoutAt);
        for (BatchPart part : c.parts) {
          out.collect(part);
        }
        h.closePhase = BatchHeader.EMITTING;
        h.contextsEmitted = 0;
      }
      case BatchHeader.EMITTING -> {
        if (c == null) {
          // Restored while emitting: recompute the whole close at once, then continue.
          c = startReading(h);
          read(c, Integer.MAX_VALUE);
          buildGraph(c);
          compute(key, h, c);
          closings.put(key, c);
        }
        if (emitChunk(ctx, c, h)) {
          closings.remove(key);
          markClosed(ctx, key, h, ctx.timerService().currentProcessingTime());
          return;
        }
      }
      default -> throw new IllegalStateException("unknown close phase " + h.closePhase);
    }
    schedule(ctx, key, h);
  }

  private Closing startReading(BatchHeader h) throws Exception {
    Closing c = new Closing();
    c.featureEntries = features.entries().iterator();
    c.alertValues = alerts.values().iterator();
    c.clusterValues = clusters.values().iterator();
    c.flowEntries = flows.entries().iterator();
    c.builder = new FlowGraph.Builder((int) Math.min(h.arrivals[3], 1 << 28));
    return c;
  }

  /** Reads up to {@code budget} entries; true when every entry of the batch has been read. */
  private static boolean read(Closing c, int budget) {
    long t0 = System.nanoTime();
    int n = 0;
    while (n < budget && c.featureEntries.hasNext()) {
      Map.Entry<String, FeatureSummary> e = c.featureEntries.next();
      c.featureMap.put(e.getKey(), e.getValue());
      n++;
    }
    while (n < budget && c.alertValues.hasNext()) {
      c.alertList.add(c.alertValues.next());
      n++;
    }
    while (n < budget && c.clusterValues.hasNext()) {
      c.clusterList.add(c.clusterValues.next().toCluster());
      n++;
    }
    while (n < budget && c.flowEntries.hasNext()) {
      Map.Entry<String, double[]> e = c.flowEntries.next();
      String id = e.getKey();
      int fromLength = (int) e.getValue()[1];
      c.builder.add(id.substring(0, fromLength), id.substring(fromLength + 2), e.getValue()[0]);
      n++;
    }
    c.workNanos += System.nanoTime() - t0;
    return n < budget;
  }

  private static long[] distinct(Closing c) {
    return new long[] {
      c.alertList.size(), c.featureMap.size(), c.clusterList.size(), c.builder.edgeCount()
    };
  }

  private static void buildGraph(Closing c) {
    long t0 = System.nanoTime();
    c.graph = c.builder.build();
    c.builder = null;
    c.workNanos += System.nanoTime() - t0;
  }

  /**
   * Every alert's batch-wide columns, the cluster partial vectors and the plan: a deterministic
   * function of the batch's records and the close time, so a recomputation gives the same bits.
   */
  private void compute(String key, BatchHeader h, Closing c) {
    long t0 = System.nanoTime();
    long closeAt = h.closingAt;
    long[] distinct = {
      c.alertList.size(), c.featureMap.size(), c.clusterList.size(), c.graph.edgeCount()
    };
    List<AlertFacts> alertList = c.alertList;
    List<AlertCluster> clusterList = c.clusterList;
    BatchKey batchKey = MetadataRows.keyOf(key);
    alertList.sort(Comparator.comparing(AlertFacts::alertId));
    clusterList.sort(Comparator.comparing(AlertCluster::clusterId));
    FeatureSummary[] summaries = new FeatureSummary[alertList.size()];
    Map<String, Integer> alertsPerAddress = new HashMap<>();
    for (int i = 0; i < summaries.length; i++) {
      String address = alertList.get(i).address();
      summaries[i] = c.featureMap.get(address);
      alertsPerAddress.merge(address, 1, Integer::sum);
    }
    FlowGraph graph = c.graph;
    BatchContext context =
        new BatchContext(batchKey, alertList, summaries, clusterList, () -> graph);
    double[][] columns = AlertFeatureSet.batchColumns(context);
    List<ClusterFeatureSet.Partial> partials = new ArrayList<>(clusterList.size());
    for (AlertCluster cluster : clusterList) {
      partials.add(ClusterFeatureSet.partial(cluster, context));
    }
    c.workNanos += System.nanoTime() - t0;
    double featureMs = c.workNanos / 1e6;

    long version = RowVersions.closed(closeAt);
    double featureShareMs = alertList.isEmpty() ? 0 : featureMs / alertList.size();
    List<AlertContext> contexts = new ArrayList<>(alertList.size());
    for (int i = 0; i < alertList.size(); i++) {
      AlertFacts facts = alertList.get(i);
      AlertContext ac = new AlertContext();
      ac.batchId = key;
      ac.runId = h.runId;
      ac.address = facts.address();
      ac.alertId = facts.alertId();
      ac.batchColumns = columns[i];
      columns[i] = null;
      ac.hasFeatures = summaries[i] != null;
      ac.addressAlerts = alertsPerAddress.get(facts.address());
      ac.featureShareMs = featureShareMs;
      ac.processedAt = closeAt;
      ac.version = version;
      contexts.add(ac);
    }
    List<String> featureOnly = new ArrayList<>();
    for (String address : c.featureMap.keySet()) {
      if (!alertsPerAddress.containsKey(address)) {
        featureOnly.add(address);
      }
    }
    featureOnly.sort(Comparator.naturalOrder());
    for (String address : featureOnly) {
      contexts.add(release(key, address));
    }
    List<BatchPart> parts = new ArrayList<>(clusterList.size() + 1);
    for (int i = 0; i < clusterList.size(); i++) {
      AlertCluster cluster = clusterList.get(i);
      BatchPart part = new BatchPart();
      part.kind = BatchPart.Kind.CLUSTER;
      part.batchId = key;
      part.clusterId = cluster.clusterId();
      part.totalAlerts = cluster.totalAlerts();
      part.totalVolumeUsd = cluster.totalVolumeUsd().doubleValue();
      part.partialColumns = partials.get(i).columns();
      part.presentMembers = partials.get(i).presentMembers();
      parts.add(part);
    }
    BatchPart plan = new BatchPart();
    plan.kind = BatchPart.Kind.PLAN;
    plan.batchId = key;
    plan.runId = h.runId;
    plan.alertCount = alertList.size();
    plan.clusterCount = clusterList.size();
    plan.received = distinct;
    plan.expected = MetadataRows.expected(h.control);
    plan.startedAt = h.startedAt;
    plan.closedAt = closeAt;
    plan.publishedAt = h.control.publishedAt();
    plan.version = version;
    plan.featureMs = featureMs;
    plan.note =
        new BatchProgress(distinct[0], distinct[1], distinct[2], distinct[3], h.control)
            .describeExcess();
    parts.add(plan);
    // The inputs are no longer needed: only the contexts stay until they are emitted.
    c.featureMap.clear();
    c.alertList.clear();
    c.clusterList.clear();
    c.graph = null;
    c.contexts = contexts;
    c.parts = parts;
  }

  /** Emits the next chunk of contexts; true when all are out. */
  private boolean emitChunk(Context ctx, Closing c, BatchHeader h) {
    List<AlertContext> contexts = c.contexts;
    int end = Math.min(contexts.size(), h.contextsEmitted + contextsPerChunk);
    for (int i = h.contextsEmitted; i < end; i++) {
      ctx.output(OutputTags.ALERT_CONTEXTS, contexts.get(i));
      contexts.set(i, null);
    }
    h.contextsEmitted = end;
    return end == contexts.size();
  }

  private static AlertContext release(String batchId, String address) {
    AlertContext c = new AlertContext();
    c.batchId = batchId;
    c.address = address;
    return c;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<BatchPart> out)
      throws Exception {
    String key = ctx.getCurrentKey();
    BatchHeader h = header(key);
    if (h == null) {
      return;
    }
    if (h.closedAt == 0 && timestamp == h.timeoutAt && h.closePhase != BatchHeader.EMITTING) {
      closings.remove(key);
      fail(ctx, key, h, timestamp);
    } else if (h.closePhase != 0 && h.closedAt == 0 && timestamp == h.nextChunkAt) {
      advance(ctx, key, h, out);
    } else if (h.closedAt == 0 && timestamp == h.timeoutAt) {
      fail(ctx, key, h, timestamp);
    } else if (h.closedAt != 0 && timestamp == h.retentionAt) {
      drop(key);
    }
  }

  /**
   * Times the run out: FAILED with the distinct shortfall, and every record the run received goes
   * to the dead-letter topic with that reason (nothing of a failed run is scored or silently
   * dropped); every address key is released.
   */
  private void fail(OnTimerContext ctx, String key, BatchHeader h, long now) throws Exception {
    java.util.Set<String> addresses = new java.util.HashSet<>();
    long[] distinct = new long[4];
    for (AlertFacts facts : alerts.values()) {
      distinct[0]++;
      addresses.add(facts.address());
    }
    for (String address : features.keys()) {
      distinct[1]++;
      addresses.add(address);
    }
    for (String ignored : clusters.keys()) {
      distinct[2]++;
    }
    for (String ignored : flows.keys()) {
      distinct[3]++;
    }
    BatchProgress progress =
        new BatchProgress(distinct[0], distinct[1], distinct[2], distinct[3], h.control);
    String message =
        "timed out after "
            + config.batchTimeout().toMillis()
            + " ms: "
            + progress.describeShortfall();
    ctx.output(
        OutputTags.BATCH_METADATA,
        MetadataRows.row(
            MetadataRows.keyOf(key),
            h.runId,
            BatchStatus.FAILED,
            distinct,
            MetadataRows.expected(h.control),
            h.startedAt,
            now,
            RowVersions.closed(now),
            message,
            MetadataRows.Stages.NONE,
            null));
    // A second pass over the state, emitting as it reads: a failed 1M-alert date has 14M records,
    // too many to hold as a list.
    String reason =
        "run "
            + h.runId
            + " of batch "
            + MetadataRows.keyOf(key)
            + " FAILED ("
            + message
            + "): the record was not scored";
    for (AlertFacts facts : alerts.values()) {
      deadLetterUnscored(ctx, key, h, reason, 0, "ALERT", facts.alertId(), now);
    }
    for (String address : features.keys()) {
      deadLetterUnscored(ctx, key, h, reason, 1, "FEATURES", address, now);
    }
    for (String id : clusters.keys()) {
      deadLetterUnscored(ctx, key, h, reason, 2, "CLUSTER", id, now);
    }
    for (String id : flows.keys()) {
      deadLetterUnscored(ctx, key, h, reason, 3, "MONEY_FLOW", id, now);
    }
    for (String address : addresses) {
      ctx.output(OutputTags.ALERT_CONTEXTS, release(key, address));
    }
    batchesFailed.inc();
    h.outcome = BatchStatus.FAILED.name();
    markClosed(ctx, key, h, now);
  }

  private void deadLetterUnscored(
      Context ctx,
      String key,
      BatchHeader h,
      String reason,
      int kindIndex,
      String kind,
      String recordId,
      long now) {
    deadLetters.inc(DeadLetterCounters.BATCH_FAILED);
    ctx.output(
        OutputTags.DEAD_LETTERS,
        DeadLetters.of(
            reason + " (record " + recordId + "; its payload stays at its origin)",
            kind,
            h.topics[kindIndex] == null ? "" : h.topics[kindIndex],
            -1,
            -1,
            key,
            "",
            now));
  }

  private static void noteTopic(BatchHeader h, int kind, String topic) {
    if (h.topics[kind] == null && topic != null) {
      h.topics[kind] = topic;
    }
  }

  /** Why a record of a closed (or closing) run is refused, and what to do instead. */
  private String lateReason(String key, BatchHeader h) {
    boolean untagged = Runs.tagOf(key).isEmpty();
    String advice =
        untagged
            ? "; untagged records start a new run "
                + config.closedBatchRetention().toMillis()
                + " ms after a close (publish with a "
                + Runs.HEADER
                + " header to replay at any time)"
            : "; publish again with a new " + Runs.HEADER + " to replay the date";
    return "late record: "
        + (untagged ? "the untagged run " : "run ")
        + h.runId
        + " of batch "
        + MetadataRows.keyOf(key)
        + " was"
        + (h.outcome == null ? "" : " " + h.outcome)
        + " closed at "
        + (h.closedAt != 0 ? h.closedAt : h.closingAt)
        + advice;
  }

  /** Drops the batch's records and timeout, and remembers the close for the retention period. */
  private void markClosed(Context ctx, String key, BatchHeader h, long now) throws Exception {
    if (h.closePhase != BatchHeader.EMITTING) {
      ctx.timerService().deleteProcessingTimeTimer(h.timeoutAt);
    }
    alerts.clear();
    features.clear();
    flows.clear();
    clusters.clear();
    h.closedAt = now;
    if (h.outcome == null) {
      h.outcome = BatchStatus.COMPLETED.name();
    }
    // An untagged run's key is reused by the next untagged publication, so it is remembered only
    // briefly; a tagged run can never come back, so its late records are refused much longer.
    Duration retention =
        Runs.tagOf(key).isEmpty() ? config.closedBatchRetention() : config.closedRunRetention();
    h.retentionAt = now + retention.toMillis();
    ctx.timerService().registerProcessingTimeTimer(h.retentionAt);
    save(key, h);
  }

  private void reject(Context ctx, BatchEvent event, String code, String reason, long now) {
    deadLetters.inc(code);
    ctx.output(
        OutputTags.DEAD_LETTERS,
        DeadLetters.of(
            reason + " (record " + event.recordId + "; its payload stays at its origin)",
            event.kind.name(),
            event.topic,
            event.partition,
            event.offset,
            event.batchId,
            "",
            now));
  }
}
