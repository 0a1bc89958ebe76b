package io.alertscoring.job;

import io.alertscoring.job.functions.AlertScoringFunction;
import io.alertscoring.job.functions.AlertScoringOperator;
import io.alertscoring.job.functions.BatchCoordinatorFunction;
import io.alertscoring.job.functions.BatchCoordinatorOperator;
import io.alertscoring.job.functions.BatchFinishFunction;
import io.alertscoring.job.functions.DecodeFunction;
import io.alertscoring.job.functions.OutputTags;
import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchEvent;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The scoring graph: decode and validate; a per-batch coordinator keeps compact summaries and
 * decides the close; address keys join alerts with their features and score them in parallel; a
 * per-batch finishing step ranks and scores clusters; then write. It receives its sources and
 * sinks, so the same graph runs on Kafka and ClickHouse in production and on bounded inputs in
 * tests. Every operator has a stable uid: savepoints map state by it, so a uid must never change
 * once released.
 */
public final class ScoringJob {
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
    SingleOutputStreamOperator<BatchMetadata> finished =
        coordinated
            .union(scored.getSideOutput(OutputTags.BATCH_PARTS))
            .keyBy(part -> part.batchId)
            .process(new BatchFinishFunction(config))
            .name("rank-and-finish-batch")
            .uid("rank-and-finish-batch");

    coordinated
        .getSideOutput(OutputTags.BATCH_METADATA)
        .union(finished)
        .sinkTo(sinks.batchMetadata())
        .name("sink-batch-metadata")
        .uid("sink-batch-metadata");
    // Sinks run in their own tasks: a JDBC flush waits on ClickHouse, and chained it would stall
    // the scoring (or ranking) thread for every batch of rows.
    scored
        .sinkTo(sinks.alertScores())
        .name("sink-alert-scores")
        .uid("sink-alert-scores")
        .disableChaining();
    // Live rows have their own sink task and flush interval: their readers wait on every flush.
    scored
        .getSideOutput(OutputTags.LIVE_SCORES)
        .sinkTo(sinks.liveScores())
        .name("sink-alert-live-scores")
        .uid("sink-alert-live-scores")
        .setParallelism(1)
        .disableChaining();
    finished
        .getSideOutput(OutputTags.ALERT_RANKINGS)
        .sinkTo(sinks.alertRankings())
        .name("sink-alert-rankings")
        .uid("sink-alert-rankings")
        .disableChaining();
    finished
        .getSideOutput(OutputTags.CLUSTER_SCORES)
        .sinkTo(sinks.clusterScores())
        .name("sink-cluster-scores")
        .uid("sink-cluster-scores")
        .disableChaining();
    decoded
        .getSideOutput(OutputTags.DEAD_LETTERS)
        .union(coordinated.getSideOutput(OutputTags.DEAD_LETTERS))
        .sinkTo(sinks.deadLetters())
        .name("sink-dead-letters")
        .uid("sink-dead-letters");
  }
}
