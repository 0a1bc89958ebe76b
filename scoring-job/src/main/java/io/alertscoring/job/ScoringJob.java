package io.alertscoring.job;

import io.alertscoring.job.functions.AlertScoringFunction;
import io.alertscoring.job.functions.AlertScoringOperator;
import io.alertscoring.job.functions.BatchCoordinatorFunction;
import io.alertscoring.job.functions.BatchCoordinatorOperator;
import io.alertscoring.job.functions.BatchFinishFunction;
import io.alertscoring.job.functions.DecodeFunction;
import io.alertscoring.job.functions.NotifyFunction;
import io.alertscoring.job.functions.OutputTags;
import io.alertscoring.job.functions.PublishRunFunction;
import io.alertscoring.job.functions.StoreRowsOperator;
import io.alertscoring.job.io.RowStore;
import io.alertscoring.job.logic.Notifications;
import io.alertscoring.job.logic.Publications;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.job.model.RunProgress;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import io.alertscoring.schemas.output.NotificationEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The scoring graph: decode and validate; a per-batch coordinator keeps compact summaries and
 * decides the close; address keys join alerts with their features and score them in parallel; a
 * per-batch finishing step ranks and scores clusters; then write. It receives its sources and
 * sinks, so the same graph runs on Kafka and ClickHouse in production and on bounded inputs in
 * tests. Every operator has a stable uid: savepoints map state by it, so a uid must never change
 * once released.
 */
public final class ScoringJob {
  /** Rows per INSERT of a store task, and the longest a row waits for its batch to fill. */
  static final int STORE_BATCH_ROWS = 5000;

  static final long STORE_FLUSH_MS = 200;

  private final JobConfig config;
  private final JobSources sources;
  private final JobSinks sinks;

  public ScoringJob(JobConfig config, JobSources sources, JobSinks sinks) {
    this.config = config;
    this.sources = sources;
    this.sinks = sinks;
  }

  /** Adds the graph to {@code env}; the caller executes it. */
  public void build(StreamExecutionEnvironment env) {
    SingleOutputStreamOperator<BatchEvent> decoded =
        sources
            .rawRecords(env)
            .process(new DecodeFunction(config.allowedNetworks()))
            .name("decode-and-validate")
            .uid("decode-and-validate");

    // One key per batch, compact state: decides completeness, builds the batch context at close.
    SingleOutputStreamOperator<BatchPart> coordinated =
        decoded
            .keyBy(event -> event.batchId)
            .transform(
                "coordinate-batch",
                TypeInformation.of(BatchPart.class),
                new BatchCoordinatorOperator(new BatchCoordinatorFunction(config)))
            .name("coordinate-batch")
            .uid("coordinate-batch");

    // One key per (batch, address): alerts meet their features; live scores at once, final scores
    // from the batch columns in slices between input records (AlertScoringOperator says why).
    SingleOutputStreamOperator<AlertScore> scored =
        decoded
            .getSideOutput(OutputTags.ADDRESS_RECORDS)
            .keyBy(AddressRecord::addressKey)
            .connect(
                coordinated
                    .getSideOutput(OutputTags.ALERT_CONTEXTS)
                    .keyBy(AlertContext::addressKey))
            .transform(
                "join-and-score-alerts",
                TypeInformation.of(AlertScore.class),
                new AlertScoringOperator(
                    new AlertScoringFunction(config), config.finalScoringShare()))
            .name("join-and-score-alerts")
            .uid("join-and-score-alerts");

    // One key per batch again: ranks (a sort of score/id pairs), scores clusters, completes.
    SingleOutputStreamOperator<RunProgress> finished =
        coordinated
            .union(scored.getSideOutput(OutputTags.BATCH_PARTS))
            .keyBy(part -> part.batchId)
            .process(new BatchFinishFunction(config))
            .name("rank-and-finish-batch")
            .uid("rank-and-finish-batch");

    // Runs become visible whole (ADR 0006): each store task acknowledges the rows it has stored,
    // and the run's pointer is written once every row the COMPLETED row announces is in.
    DataStream<RunProgress> storedScores =
        store(
            scored,
            "store-alert-scores",
            sinks.alertScores(),
            Publications::runKey,
            RunProgress.SCORES);
    DataStream<RunProgress> storedRankings =
        store(
            finished.getSideOutput(OutputTags.ALERT_RANKINGS),
            "store-alert-rankings",
            sinks.alertRankings(),
            Publications::runKey,
            RunProgress.RANKINGS);
    DataStream<RunProgress> storedClusters =
        store(
            finished.getSideOutput(OutputTags.CLUSTER_SCORES),
            "store-cluster-scores",
            sinks.clusterScores(),
            Publications::runKey,
            RunProgress.CLUSTERS);
    storedScores
        .union(storedRankings, storedClusters, finished)
        .keyBy(progress -> progress.runKey)
        .process(new PublishRunFunction(config, sinks.publication()))
        .name("publish-run")
        .uid("publish-run")
        .sinkTo(new DiscardingSink<>())
        .name("published-runs")
        .uid("published-runs");

    coordinated
        .getSideOutput(OutputTags.BATCH_METADATA)
        .union(finished.getSideOutput(OutputTags.BATCH_METADATA))
        .sinkTo(sinks.batchMetadata())
        .name("sink-batch-metadata")
        .uid("sink-batch-metadata");
    // Live rows have their own sink task and flush interval: their readers wait on every flush.
    scored
        .getSideOutput(OutputTags.LIVE_SCORES)
        .sinkTo(sinks.liveScores())
        .name("sink-alert-live-scores")
        .uid("sink-alert-live-scores")
        .setParallelism(1)
        .disableChaining();
    Notifications notifications = new Notifications(config.notifyPriorities());
    if (notifications.enabled()) {
      // chained to the operators that score: a filter on the priority, no extra hop on the way
      TypeInformation<NotificationEvent> type = TypeInformation.of(NotificationEvent.class);
      DataStream<NotificationEvent> live =
          scored
              .getSideOutput(OutputTags.LIVE_SCORES)
              .flatMap(new NotifyFunction<LiveAlertScore>(notifications::live), type)
              .name("notify-live-scores")
              .uid("notify-live-scores");
      DataStream<NotificationEvent> finals =
          scored
              .flatMap(new NotifyFunction<AlertScore>(notifications::finalScore), type)
              .name("notify-final-scores")
              .uid("notify-final-scores");
      DataStream<NotificationEvent> clusters =
          finished
              .getSideOutput(OutputTags.CLUSTER_SCORES)
              .flatMap(new NotifyFunction<ClusterScore>(notifications::cluster), type)
              .name("notify-cluster-scores")
              .uid("notify-cluster-scores");
      live.union(finals, clusters)
          .sinkTo(sinks.notifications())
          .name("sink-notifications")
          .uid("sink-notifications");
    }
    decoded
        .getSideOutput(OutputTags.DEAD_LETTERS)
        .union(coordinated.getSideOutput(OutputTags.DEAD_LETTERS))
        .sinkTo(sinks.deadLetters())
        .name("sink-dead-letters")
        .uid("sink-dead-letters");
  }

  /**
   * A store task for one of a run's tables. Its own task, never chained: an insert waits on
   * ClickHouse, and chained it would stall the scoring (or ranking) thread for every batch of rows.
   */
  private static <T> DataStream<RunProgress> store(
      DataStream<T> rows,
      String name,
      RowStore<T> store,
      SerializableFunction<T, String> runKey,
      int table) {
    return rows.transform(
            name,
            TypeInformation.of(RunProgress.class),
            new StoreRowsOperator<>(store, runKey, table, STORE_BATCH_ROWS, STORE_FLUSH_MS))
        .name(name)
        .uid(name)
        .disableChaining();
  }
}
