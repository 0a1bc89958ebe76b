package io.alertscoring.job.functions;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.SotFamily;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.logic.MetadataRows;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AddressState;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.schemas.output.AlertScore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

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
 */
public class AlertScoringFunction
    extends KeyedCoProcessFunction<String, AddressRecord, AlertContext, AlertScore> {
  private final JobConfig config;

  private transient BatchScorer scorer;
  private transient ValueState<AddressState> state;
  private transient Map<String, Long> endOfDate;

  public AlertScoringFunction(JobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext openContext) {
    scorer = new BatchScorer(ModelBundle.load(Path.of(config.modelsDirectory())));
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("address", TypeInformation.of(AddressState.class)));
    endOfDate = new HashMap<>();
  }

  @Override
  public void processElement1(AddressRecord record, Context ctx, Collector<AlertScore> out)
      throws Exception {
    AddressState s = state.value();
    if (s == null) {
      s = new AddressState();
    }
    if (record.alert != null) {
      s.putAlert(record.alert);
    } else {
      s.features = record.featureValues;
    }
    for (AlertContext c : s.pending.clone()) {
      if (tryScore(ctx, s, c, out) && s.alerts.length == 0 && s.scored < 0) {
        return; // the key was dropped after its last alert
      }
    }
    save(ctx, s);
  }

  @Override
  public void processElement2(AlertContext context, Context ctx, Collector<AlertScore> out)
      throws Exception {
    if (context.alertId == null) {
      drop(ctx, state.value());
      return;
    }
    AddressState s = state.value();
    if (s == null) {
      s = new AddressState();
    }
    long now = ctx.timerService().currentProcessingTime();
    if (s.cleanupAt != 0 && s.cleanupAt < now + config.batchTimeout().toMillis()) {
      // The batch is being scored: keep the key at least another timeout (save re-arms it).
      ctx.timerService().deleteProcessingTimeTimer(s.cleanupAt);
      s.cleanupAt = 0;
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
   * Scores the alert if its record (and its features, when the batch has them) are here. After the
   * address's last alert the key is dropped and {@code s.scored} set to -1.
   */
  private boolean tryScore(Context ctx, AddressState s, AlertContext c, Collector<AlertScore> out)
      throws Exception {
    AlertFacts alert = s.alert(c.alertId);
    if (alert == null || (c.hasFeatures && s.features == null)) {
      return false;
    }
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
    state.clear();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertScore> out)
      throws Exception {
    AddressState s = state.value();
    if (s != null && s.cleanupAt == timestamp) {
      state.clear();
    }
  }
}
