package io.alertscoring.job.functions;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.SotFamily;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.core.scoring.LiveScorer;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.logic.MetadataRows;
import io.alertscoring.job.model.AddressKeys;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AddressState;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address join (keyed by {@code batch|address}): holds the address's alerts and features record
 * and, once the coordinator sends an alert's batch-wide columns, builds the full vector, scores and
 * explains the alert. Scoring runs here, one alert per call, on every parallel subtask; the alert's
 * result goes to the batch's finishing step for ranking.
 *
 * <p>The coordinator says whether the address has features: if it does and they have not arrived
 * here yet (they travel another path), the alert waits for them, so the vector is exactly the one
 * the plain-Java scorer builds. A key's state is dropped after its last alert is scored, when the
 * coordinator releases it, or at a safety timer for records that never get a context (e.g. late
 * records of a closed batch).
 *
 * <p>The live path runs in the same key, on the same state: as soon as an alert and its address's
 * features are both here, the live model scores and explains it and the row goes to {@link
 * OutputTags#LIVE_SCORES}, without waiting for the batch. An alert whose features have not come
 * within {@link JobConfig#liveFeatureWait} is live-scored without them (flagged), and again if they
 * arrive later. The live score depends only on the alert and its features, never on arrival order
 * or timing beyond that flag, so restarts and rescaling give the same bits. An alert scored by the
 * final path first gets no live score: the final one supersedes it anyway.
 */
public class AlertScoringFunction
    extends KeyedCoProcessFunction<String, AddressRecord, AlertContext, AlertScore> {
  private static final Logger LOG = LoggerFactory.getLogger(AlertScoringFunction.class);

  private final JobConfig config;

  private transient BatchScorer scorer;
  private transient LiveScorer liveScorer;
  private transient Counter liveScored;
  private transient Counter liveWithoutFeatures;
  private transient Counter liveErrors;
  private transient org.apache.flink.metrics.Histogram liveLatency;
  private transient Consumer<String> deferTo;
  private transient ValueState<AddressState> state;
  private transient Map<String, Long> endOfDate;

  public AlertScoringFunction(JobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext openContext) {
    ModelBundle models = ModelBundle.load(Path.of(config.modelsDirectory()));
    scorer = new BatchScorer(models);
    liveScorer = new LiveScorer(models.liveScorer());
    liveScored = getRuntimeContext().getMetricGroup().counter("liveScored");
    liveWithoutFeatures = getRuntimeContext().getMetricGroup().counter("liveScoredWithoutFeatures");
    liveErrors = getRuntimeContext().getMetricGroup().counter("liveScoringErrors");
    // The last 1,000 live scores' latencies (arrival of the later of alert and features to the
    // score): a sliding window, so quantiles say how the job does now, not since its start.
    liveLatency =
        getRuntimeContext()
            .getMetricGroup()
            .histogram(
                "liveScoreLatencyMs",
                new org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram(1_000));
    state = getRuntimeContext().getState(stateDescriptor());
    endOfDate = new HashMap<>();
  }

  @Override
  public void processElement1(AddressRecord record, Context ctx, Collector<AlertScore> out)
      throws Exception {
    AddressState s = current();
    long now = ctx.timerService().currentProcessingTime();
    if (record.alert != null) {
      s.putAlert(record.alert, now);
    } else {
      s.features = record.featureValues;
      s.featuresArrivedAt = now;
    }
    if (deferTo != null) {
      if (anyReady(s)) {
        deferTo.accept(ctx.getCurrentKey());
      }
    } else if (scoreReadyContexts(ctx, s, out)) {
      return; // the key was dropped after its last alert
    }
    if (config.liveScoring()) {
      scoreLive(ctx, s, record.batchId, now);
    }
    save(ctx, s);
  }

  @Override
  public void processElement2(AlertContext context, Context ctx, Collector<AlertScore> out)
      throws Exception {
    if (context.drain) {
      scorePending(ctx, out);
      return;
    }
    if (context.alertId == null) {
      drop(ctx, state.value());
      return;
    }
    AddressState s = current();
    long now = ctx.timerService().currentProcessingTime();
    if (s.cleanupAt != 0 && s.cleanupAt < now + config.batchTimeout().toMillis()) {
      // The batch is being scored: keep the key at least another timeout (save re-arms it).
      ctx.timerService().deleteProcessingTimeTimer(s.cleanupAt);
      s.cleanupAt = 0;
    }
    if (deferTo != null) {
      s.putPending(context);
      save(ctx, s);
      if (ready(s, context)) {
        deferTo.accept(ctx.getCurrentKey());
      }
      return;
    }
    if (tryScore(ctx, s, context, out)) {
      if (s.scored >= 0) {
        save(ctx, s);
      }
      return;
    }
    s.putPending(context);
    save(ctx, s);
  }

  /**
   * Makes the final path deferred: instead of scoring a context when it (or the record it waits
   * for) arrives, the function stores it and hands the key to {@code queue}, whose owner later
   * sends {@link AlertContext#drainMarker} for it. See {@link AlertScoringOperator}.
   */
  void deferScoringTo(Consumer<String> queue) {
    this.deferTo = queue;
  }

  /** Scores every pending context of the current key that can be scored now. */
  private void scorePending(Context ctx, Collector<AlertScore> out) throws Exception {
    AddressState s = state.value();
    if (s == null) {
      return;
    }
    if (!scoreReadyContexts(ctx, s.normalise(), out)) {
      save(ctx, s);
    }
  }

  /**
   * Scores the pending contexts that can be scored now; true if that scored the address's last
   * alert and dropped the key (nothing is left to save).
   */
  private boolean scoreReadyContexts(Context ctx, AddressState s, Collector<AlertScore> out)
      throws Exception {
    for (AlertContext c : s.pending.clone()) {
      if (tryScore(ctx, s, c, out) && s.alerts.length == 0 && s.scored < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyReady(AddressState s) {
    for (AlertContext c : s.pending) {
      if (ready(s, c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ready(AddressState s, AlertContext c) {
    return s.indexOf(c.alertId) >= 0 && (!c.hasFeatures || s.features != null);
  }

  /** The state descriptor of the address keys, for the operator's scan after a restore. */
  static ValueStateDescriptor<AddressState> stateDescriptor() {
    return new ValueStateDescriptor<>("address", TypeInformation.of(AddressState.class));
  }

  /**
   * Scores the alert if its record (and its features, when the batch has them) are here. After the
   * address's last alert the key is dropped and {@code s.scored} set to -1.
   */
  private boolean tryScore(Context ctx, AddressState s, AlertContext c, Collector<AlertScore> out)
      throws Exception {
    if (!ready(s, c)) {
      return false;
    }
    AlertFacts alert = s.alert(c.alertId);
    double[] featureValues = c.hasFeatures ? s.features : null;
    BatchPart result = new BatchPart();
    result.kind = BatchPart.Kind.RESULT;
    result.batchId = c.batchId;
    result.alertId = c.alertId;
    try {
      double[] vector =
          AlertFeatureSet.vector(
              AlertFeatureSet.alertColumns(alert, featureValues, endOfDate(c.batchId)),
              c.batchColumns);
      BatchScorer.ScoredAlert scoredAlert =
          scorer.scoreAlert(
              MetadataRows.keyOf(c.batchId),
              c.runId,
              alert,
              vector,
              c.featureShareMs,
              c.processedAt,
              c.version);
      out.collect(scoredAlert.row());
      result.probability = scoredAlert.probability();
      result.rankerScore = scoredAlert.rankerScore();
    } catch (RuntimeException e) {
      // Scoring must not take the job down: the finishing step marks the batch FAILED.
      result.error = "scoring alert " + c.alertId + " failed: " + e;
    }
    ctx.output(OutputTags.BATCH_PARTS, result);
    s.removeAlert(c.alertId);
    s.removePending(c.alertId);
    s.scored++;
    if (s.scored >= c.addressAlerts) {
      drop(ctx, s);
      s.alerts = new AlertFacts[0];
      s.scored = -1;
    }
    return true;
  }

  private AddressState current() throws Exception {
    AddressState s = state.value();
    return s == null ? new AddressState() : s.normalise();
  }

  /**
   * Live-scores what can be scored now: every alert not yet scored with features, once the features
   * are here. Alerts still waiting for features get a deadline timer, after which {@link #onTimer}
   * scores them without.
   */
  private void scoreLive(Context ctx, AddressState s, String batchId, long now) throws Exception {
    long earliestWaiting = Long.MAX_VALUE;
    for (int i = 0; i < s.alerts.length; i++) {
      if (s.features != null && s.liveStages[i] != AddressState.LIVE_WITH_FEATURES) {
        long receivedAt = Math.max(s.arrivedAt[i], s.featuresArrivedAt);
        if (emitLive(ctx, batchId, s.alerts[i], s.features, receivedAt, now)) {
          s.liveStages[i] = AddressState.LIVE_WITH_FEATURES;
        }
      } else if (s.features == null && s.liveStages[i] == AddressState.LIVE_NONE) {
        earliestWaiting = Math.min(earliestWaiting, s.arrivedAt[i]);
      }
    }
    armLiveDeadline(ctx, s, earliestWaiting);
  }

  /** Keeps one deadline timer for the earliest alert still waiting for features, if any. */
  private void armLiveDeadline(Context ctx, AddressState s, long earliestWaiting) {
    long deadline =
        earliestWaiting == Long.MAX_VALUE
            ? 0
            : earliestWaiting + config.liveFeatureWait().toMillis();
    if (deadline == s.liveDeadline) {
      return;
    }
    if (s.liveDeadline != 0) {
      ctx.timerService().deleteProcessingTimeTimer(s.liveDeadline);
    }
    s.liveDeadline = deadline;
    if (deadline != 0) {
      ctx.timerService().registerProcessingTimeTimer(deadline);
    }
  }

  /** Scores one alert live; false (logged and counted) if the model fails on it. */
  private boolean emitLive(
      Context ctx, String batchId, AlertFacts alert, double[] features, long receivedAt, long now) {
    try {
      LiveAlertScore row =
          liveScorer.score(
              MetadataRows.keyOf(batchId),
              // An untagged run's id is assigned at its close; its live rows carry "".
              Runs.tagOf(batchId),
              alert,
              features,
              endOfDate(batchId),
              receivedAt,
              now);
      ctx.output(OutputTags.LIVE_SCORES, row);
      liveScored.inc();
      liveLatency.update(Math.round(row.latencyMs()));
      if (features == null) {
        liveWithoutFeatures.inc();
      }
      return true;
    } catch (RuntimeException e) {
      // The final path still scores the alert (or fails the batch with the reason).
      liveErrors.inc();
      LOG.warn("live scoring of alert {} failed", alert.alertId(), e);
      return false;
    }
  }

  private long endOfDate(String batchId) {
    return endOfDate.computeIfAbsent(
        batchId, id -> SotFamily.endOfDateMs(MetadataRows.keyOf(id).processingDate()));
  }

  private void save(Context ctx, AddressState s) throws Exception {
    if (s.cleanupAt == 0) {
      // Long enough for any batch: it closes within the timeout, then its alerts are scored.
      s.cleanupAt =
          ctx.timerService().currentProcessingTime()
              + 2 * config.batchTimeout().toMillis()
              + config.closedBatchRetention().toMillis();
      ctx.timerService().registerProcessingTimeTimer(s.cleanupAt);
    }
    state.update(s);
  }

  private void drop(Context ctx, AddressState s) throws Exception {
    if (s != null && s.cleanupAt != 0) {
      ctx.timerService().deleteProcessingTimeTimer(s.cleanupAt);
    }
    if (s != null && s.liveDeadline != 0) {
      ctx.timerService().deleteProcessingTimeTimer(s.liveDeadline);
    }
    state.clear();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertScore> out)
      throws Exception {
    AddressState s = state.value();
    if (s == null) {
      return;
    }
    s.normalise();
    if (s.cleanupAt == timestamp) {
      s.cleanupAt = 0;
      drop(ctx, s);
      return;
    }
    if (s.liveDeadline == timestamp) {
      s.liveDeadline = 0;
      String batchId = AddressKeys.batchIdOf(ctx.getCurrentKey());
      long waited = timestamp - config.liveFeatureWait().toMillis();
      long earliestWaiting = Long.MAX_VALUE;
      for (int i = 0; i < s.alerts.length; i++) {
        if (s.features != null || s.liveStages[i] != AddressState.LIVE_NONE) {
          continue;
        }
        if (s.arrivedAt[i] <= waited) {
          if (emitLive(ctx, batchId, s.alerts[i], null, s.arrivedAt[i], timestamp)) {
            s.liveStages[i] = AddressState.LIVE_WITHOUT_FEATURES;
          }
        } else {
          earliestWaiting = Math.min(earliestWaiting, s.arrivedAt[i]);
        }
      }
      armLiveDeadline(ctx, s, earliestWaiting);
      state.update(s);
    }
  }
}
