package io.alertscoring.job.functions;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.SotFamily;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.job.JobConfig;
import io.alertscoring.job.logic.MetadataRows;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.schemas.output.AlertScore;
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
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
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
  private transient MapState<String, AlertFacts> alerts;
  private transient ValueState<double[]> features;
  private transient MapState<String, AlertContext> pending;
  private transient ValueState<Integer> scored;
  private transient ValueState<Long> cleanupAt;
  private transient Map<String, Long> endOfDate;

  public AlertScoringFunction(JobConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext openContext) {
    scorer = new BatchScorer(ModelBundle.load(Path.of(config.modelsDirectory())));
    alerts =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "alerts", Types.STRING, TypeInformation.of(AlertFacts.class)));
    features =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "features", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending-contexts", Types.STRING, TypeInformation.of(AlertContext.class)));
    scored = getRuntimeContext().getState(new ValueStateDescriptor<>("scored", Types.INT));
    cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
    endOfDate = new HashMap<>();
  }

  @Override
  public void processElement1(AddressRecord record, Context ctx, Collector<AlertScore> out)
      throws Exception {
    if (record.alert != null) {
      alerts.put(record.alert.alertId(), record.alert);
    } else {
      features.update(record.featureValues);
    }
    armCleanup(ctx);
    if (!pending.isEmpty()) {
      List<AlertContext> waiting = new ArrayList<>();
      for (AlertContext c : pending.values()) {
        waiting.add(c);
      }
      for (AlertContext c : waiting) {
        tryScore(ctx, c, out);
      }
    }
  }

  @Override
  public void processElement2(AlertContext context, Context ctx, Collector<AlertScore> out)
      throws Exception {
    if (context.alertId == null) {
      dropKey(ctx);
      return;
    }
    if (!tryScore(ctx, context, out)) {
      pending.put(context.alertId, context);
      armCleanup(ctx);
    }
  }

  /** Scores the alert if its record (and its features, when the batch has them) are here. */
  private boolean tryScore(Context ctx, AlertContext c, Collector<AlertScore> out)
      throws Exception {
    AlertFacts alert = alerts.get(c.alertId);
    if (alert == null) {
      return false;
    }
    double[] featureValues = null;
    if (c.hasFeatures) {
      featureValues = features.value();
      if (featureValues == null) {
        return false;
      }
    }
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
    alerts.remove(c.alertId);
    pending.remove(c.alertId);
    Integer done = scored.value();
    int count = (done == null ? 0 : done) + 1;
    if (count >= c.addressAlerts) {
      dropKey(ctx);
    } else {
      scored.update(count);
    }
    return true;
  }

  private long endOfDate(String batchId) {
    return endOfDate.computeIfAbsent(
        batchId, id -> SotFamily.endOfDateMs(MetadataRows.keyOf(id).processingDate()));
  }

  private void armCleanup(Context ctx) throws Exception {
    if (cleanupAt.value() == null) {
      // Long enough for any batch: it closes within the timeout, then its alerts are scored.
      long at =
          ctx.timerService().currentProcessingTime()
              + 2 * config.batchTimeout().toMillis()
              + config.closedBatchRetention().toMillis();
      ctx.timerService().registerProcessingTimeTimer(at);
      cleanupAt.update(at);
    }
  }

  private void dropKey(Context ctx) throws Exception {
    Long at = cleanupAt.value();
    if (at != null) {
      ctx.timerService().deleteProcessingTimeTimer(at);
    }
    alerts.clear();
    features.clear();
    pending.clear();
    scored.clear();
    cleanupAt.clear();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertScore> out)
      throws Exception {
    Long at = cleanupAt.value();
    if (at != null && at == timestamp) {
      dropKey(ctx);
    }
  }
}
