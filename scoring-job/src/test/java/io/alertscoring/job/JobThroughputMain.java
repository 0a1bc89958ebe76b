package io.alertscoring.job;

import io.alertscoring.job.model.RawRecord;
import io.alertscoring.job.testing.CollectingPublication;
import io.alertscoring.job.testing.CollectingSink;
import io.alertscoring.job.testing.CollectingStore;
import io.alertscoring.job.testing.RegisteredRecordSource;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.output.BatchMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Developer tool, not a test: feeds one generated date's files (held in memory) through the job on
 * a local environment with RocksDB at parallelism 2, sinks discarding all but metadata, and prints
 * the time. Isolates the job's own cost from Kafka. Args: dateDir [parallelism].
 */
public final class JobThroughputMain {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    List<RawRecord> records = new ArrayList<>();
    Map<String, RecordKind> files =
        Map.of(
            "alerts.jsonl", RecordKind.ALERT,
            "features.jsonl", RecordKind.FEATURES,
            "clusters.jsonl", RecordKind.CLUSTER,
            "money_flows.jsonl", RecordKind.MONEY_FLOW);
    for (var f : List.of("alerts.jsonl", "features.jsonl", "clusters.jsonl", "money_flows.jsonl")) {
      RecordKind kind = files.get(f);
      try (Stream<String> lines = Files.lines(dir.resolve(f))) {
        lines.forEach(
            l ->
                records.add(
                    new RawRecord(
                        kind,
                        kind.defaultTopic(),
                        0,
                        records.size(),
                        l.getBytes(StandardCharsets.UTF_8))));
      }
    }
    String control = Files.readString(dir.resolve("batch_control.jsonl")).trim();
    records.add(
        new RawRecord(
            RecordKind.BATCH_CONTROL,
            "sot.batch_control",
            0,
            records.size(),
            control.getBytes(StandardCharsets.UTF_8)));
    System.out.println("records in memory: " + records.size());
    Configuration conf = new Configuration();
    conf.setString("state.backend.type", "rocksdb");
    conf.setString("state.backend.incremental", "true");
    conf.setString(
        "execution.checkpointing.dir",
        "file://" + Files.createTempDirectory("ckpt").toAbsolutePath());
    conf.setString("execution.checkpointing.interval", "10 s");
    conf.setString("taskmanager.memory.managed.size", "512m");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
    env.setParallelism(parallelism);
    CollectingSink<BatchMetadata> metadata = new CollectingSink<>();
    new ScoringJob(
            JobConfig.defaults(Path.of("trained_models").toAbsolutePath().toString()),
            e -> RegisteredRecordSource.stream(e, records, 0).rebalance(),
            new JobSinks(
                new CollectingStore<>(),
                new CollectingStore<>(),
                new CollectingStore<>(),
                new CollectingPublication(metadata, new CollectingStore<>()),
                metadata,
                new Discard<>(),
                new Discard<>(),
                new Discard<>()))
        .build(env);
    long t0 = System.nanoTime();
    env.execute("throughput");
    long t1 = System.nanoTime();
    System.out.printf("job finished in %.1f s%n", (t1 - t0) / 1e9);
    for (BatchMetadata m : metadata.results()) {
      System.out.println(m);
    }
  }

  static final class Discard<T> implements Sink<T> {
    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context ctx) {}

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
