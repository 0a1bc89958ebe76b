package io.alertscoring.job;

import io.alertscoring.job.model.RawRecord;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the job's raw input comes from: Kafka in production, bounded collections in tests. */
@FunctionalInterface
public interface JobSources {
  DataStream<RawRecord> rawRecords(StreamExecutionEnvironment env);
}
