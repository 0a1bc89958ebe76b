package io.alertscoring.job.functions;

import io.alertscoring.job.JobConfig;
import io.alertscoring.job.io.RunPublication;
import io.alertscoring.job.logic.Publications;
import io.alertscoring.job.model.RunProgress;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.PublishedRun;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a run visible once all its rows are stored (keyed by run): counts the store tasks'
 * acknowledgements per table and, when they reach the COMPLETED row's counts, writes the COMPLETED
 * metadata and the run's pointer, which readers follow (ADR 0006). Until then readers keep serving
 * the previous run whole. The arithmetic is {@link Publications}; this class holds the state.
 */
public class PublishRunFunction extends KeyedProcessFunction<String, RunProgress, PublishedRun> {
  private static final Logger LOG = LoggerFactory.getLogger(PublishRunFunction.class);

  private final JobConfig config;
  private final RunPublication publication;

  private transient RunPublication.Publisher publisher;
  private transient ValueState<long[]> stored;
  private transient ValueState<BatchMetadata> completed;
  private transient ValueState<Long> order;
  private transient ValueState<Long> expiresAt;
  private transient Counter runsPublished;
  private transient Counter runsUnpublished;

  public PublishRunFunction(JobConfig config, RunPublication publication) {
    this.config = config;
    this.publication = publication;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    publisher = publication.open();
    stored =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "stored-rows", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    completed =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("completed", TypeInformation.of(BatchMetadata.class)));
    expiresAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expires-at", Types.LONG));
    order =
        getRuntimeContext().getState(new ValueStateDescriptor<>("publication-order", Types.LONG));
    runsPublished = getRuntimeContext().getMetricGroup().counter("runsPublished");
    runsUnpublished = getRuntimeContext().getMetricGroup().counter("runsUnpublished");
  }

  @Override
  public void processElement(RunProgress progress, Context ctx, Collector<PublishedRun> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    long[] counts = stored.value();
    if (counts == null) {
      counts = new long[4];
      // Liveness: a run whose rows never all arrive (it FAILED in its finishing step) must not
      // keep state for ever: it is dropped after three batch timeouts without any progress.
      long expiry = now + expiryMs();
      ctx.timerService().registerProcessingTimeTimer(expiry);
      expiresAt.update(expiry);
    }
    counts[3] = now; // the last progress
    BatchMetadata row = completed.value();
    if (progress.completed != null) {
      row = progress.completed;
      completed.update(row);
      order.update(progress.publicationOrder);
    } else {
      counts[progress.table] += progress.stored;
    }
    stored.update(counts);
    if (row != null && Publications.allStored(row, counts)) {
      PublishedRun pointer =
          Publications.pointer(row, order.value(), ctx.timerService().currentProcessingTime());
      publishWithRetries(row, pointer);
      runsPublished.inc();
      out.collect(pointer);
      clear(ctx);
    }
  }

  private void publishWithRetries(BatchMetadata row, PublishedRun pointer) throws Exception {
    long backoffMs = 200;
    for (int attempt = 1; ; attempt++) {
      try {
        publisher.publish(row, pointer);
        return;
      } catch (Exception e) {
        if (attempt >= StoreRowsOperator.ATTEMPTS) {
          throw new IllegalStateException("could not publish run " + pointer.runId(), e);
        }
        LOG.warn(
            "publishing run {} failed (attempt {}): {}", pointer.runId(), attempt, e.toString());
        Thread.sleep(backoffMs);
        backoffMs *= 4;
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<PublishedRun> out)
      throws Exception {
    Long expiry = expiresAt.value();
    if (expiry == null || expiry != timestamp) {
      return;
    }
    long[] counts = stored.value();
    if (counts != null && counts[3] + expiryMs() > timestamp) {
      long next = counts[3] + expiryMs();
      ctx.timerService().registerProcessingTimeTimer(next);
      expiresAt.update(next);
      return;
    }
    BatchMetadata row = completed.value();
    LOG.error(
        "run {} not published: {} (stored scores/rankings/clusters {}/{}/{})",
        ctx.getCurrentKey(),
        row == null ? "its COMPLETED row never came" : "rows missing",
        counts[0],
        counts[1],
        counts[2]);
    runsUnpublished.inc();
    clear(ctx);
  }

  private long expiryMs() {
    return 3 * config.batchTimeout().toMillis();
  }

  private void clear(Context ctx) throws Exception {
    Long expiry = expiresAt.value();
    if (expiry != null) {
      ctx.timerService().deleteProcessingTimeTimer(expiry);
    }
    stored.clear();
    completed.clear();
    order.clear();
    expiresAt.clear();
  }

  @Override
  public void close() throws Exception {
    if (publisher != null) {
      publisher.close();
    }
  }
}
