package io.alertscoring.job.io;

import io.alertscoring.job.JobSources;
import io.alertscoring.job.model.RawRecord;
import io.alertscoring.schemas.RecordKind;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** One Kafka source per input topic, unioned. Offsets are committed on checkpoints. */
public class KafkaJobSources implements JobSources {
  /** The kinds the job reads, one topic each. */
  public static final List<RecordKind> INPUT_KINDS =
      List.of(
          RecordKind.ALERT,
          RecordKind.FEATURES,
          RecordKind.CLUSTER,
          RecordKind.MONEY_FLOW,
          RecordKind.BATCH_CONTROL);

  private final String bootstrapServers;
  private final String groupId;

  public KafkaJobSources(String bootstrapServers, String groupId) {
    this.bootstrapServers = bootstrapServers;
    this.groupId = groupId;
  }

  @Override
  public DataStream<RawRecord> rawRecords(StreamExecutionEnvironment env) {
    DataStream<RawRecord> union = null;
    for (RecordKind kind : INPUT_KINDS) {
      String name = "kafka-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
      KafkaSource<RawRecord> source =
          KafkaSource.<RawRecord>builder()
              .setBootstrapServers(bootstrapServers)
              .setTopics(kind.defaultTopic())
              .setGroupId(groupId)
              .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
              .setDeserializer(new RawRecordDeserializer(kind))
              .setProperty("partition.discovery.interval.ms", "10000")
              .build();
      DataStream<RawRecord> stream =
          env.fromSource(source, WatermarkStrategy.noWatermarks(), name).uid(name);
      union = union == null ? stream : union.union(stream);
    }
    return union;
  }
}
