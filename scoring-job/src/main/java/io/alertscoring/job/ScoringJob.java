package io.alertscoring.job;

import io.alertscoring.job.functions.BatchAssemblyFunction;
import io.alertscoring.job.functions.DecodeFunction;
import io.alertscoring.job.functions.OutputTags;
import io.alertscoring.job.model.BatchInput;
import io.alertscoring.schemas.output.BatchMetadata;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The scoring graph: decode and validate, key by batch, assemble and score on close, write. It
 * receives its sources and sinks, so the same graph runs on Kafka and ClickHouse in production and
 * on bounded inputs in tests. Every operator has a stable uid: savepoints map state by it, so a uid
 * must never change once released.
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
    SingleOutputStreamOperator<BatchInput> decoded =
        sources
            .rawRecords(env)
            .process(new DecodeFunction(config.allowedNetworks()))
            .name("decode-and-validate")
            .uid("decode-and-validate");

    SingleOutputStreamOperator<BatchMetadata> batches =
        decoded
            .keyBy(input -> input.batchId)
            .process(new BatchAssemblyFunction(config))
            .name("assemble-and-score-batch")
            .uid("assemble-and-score-batch");

    batches.sinkTo(sinks.batchMetadata()).name("sink-batch-metadata").uid("sink-batch-metadata");
    batches
        .getSideOutput(OutputTags.ALERT_SCORES)
        .sinkTo(sinks.alertScores())
        .name("sink-alert-scores")
        .uid("sink-alert-scores");
    batches
        .getSideOutput(OutputTags.ALERT_RANKINGS)
        .sinkTo(sinks.alertRankings())
        .name("sink-alert-rankings")
        .uid("sink-alert-rankings");
    batches
        .getSideOutput(OutputTags.CLUSTER_SCORES)
        .sinkTo(sinks.clusterScores())
        .name("sink-cluster-scores")
        .uid("sink-cluster-scores");
    decoded
        .getSideOutput(OutputTags.DEAD_LETTERS)
        .union(batches.getSideOutput(OutputTags.DEAD_LETTERS))
        .sinkTo(sinks.deadLetters())
        .name("sink-dead-letters")
        .uid("sink-dead-letters");
  }
}
