package io.alertscoring.job.testing;

import io.alertscoring.job.model.RawRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A checkpointed, optionally rate-limited bounded source over records registered in this JVM (a
 * MiniCluster runs in the test's JVM). Unlike {@code fromData}, the records are not serialised into
 * the job graph, and the source resumes from its checkpointed position after a failure.
 */
public final class RegisteredRecordSource {
  private static final Map<String, List<RawRecord>> RECORDS = new ConcurrentHashMap<>();

  private RegisteredRecordSource() {}

  /** A stream of {@code records} in order, at most {@code perSecond} per second (0: unlimited). */
  public static DataStream<RawRecord> stream(
      StreamExecutionEnvironment env, List<RawRecord> records, double perSecond) {
    String id = UUID.randomUUID().toString();
    RECORDS.put(id, List.copyOf(records));
    GeneratorFunction<Long, RawRecord> generator = index -> RECORDS.get(id).get((int) (long) index);
    DataGeneratorSource<RawRecord> source =
        new DataGeneratorSource<>(
            generator,
            records.size(),
            perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp(),
            TypeInformation.of(RawRecord.class));
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "registered-records")
        .setParallelism(1);
  }

  /**
   * The same, then idle until cancelled: the job keeps running (and its metrics registered) after
   * the last record, as it does on Kafka.
   */
  public static DataStream<RawRecord> streamThenIdle(
      StreamExecutionEnvironment env, List<RawRecord> records) {
    String id = UUID.randomUUID().toString();
    RECORDS.put(id, List.copyOf(records));
    GeneratorFunction<Long, RawRecord> generator =
        index -> {
          List<RawRecord> registered = RECORDS.get(id);
          if (index < registered.size()) {
            return registered.get((int) (long) index);
          }
          Thread.sleep(Long.MAX_VALUE); // interrupted by the cancellation
          throw new IllegalStateException("unreachable");
        };
    DataGeneratorSource<RawRecord> source =
        new DataGeneratorSource<>(
            generator,
            Long.MAX_VALUE,
            RateLimiterStrategy.noOp(),
            TypeInformation.of(RawRecord.class));
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "registered-records-then-idle")
        .setParallelism(1);
  }
}
