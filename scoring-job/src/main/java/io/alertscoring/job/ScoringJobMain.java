package io.alertscoring.job;

import io.alertscoring.job.io.ClickHouseSchema;
import io.alertscoring.job.io.ClickHouseSinks;
import io.alertscoring.job.io.DeadLetterKafkaSink;
import io.alertscoring.job.io.KafkaJobSources;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run}: wires Kafka in, ClickHouse and the dead-letter topic out.
 *
 * <pre>
 * --bootstrap-servers host:9092  --clickhouse-url jdbc:clickhouse://host:8123/default?compress=false
 * --models-dir /path/trained_models  [--group-id alert-scoring] [--checkpoint-interval-ms 10000]
 * [--batch-timeout-ms 600000] [--closed-retention-ms 30000] [--networks ethereum,bitcoin]
 * </pre>
 */
public final class ScoringJobMain {
  private ScoringJobMain() {}

  /** Connection settings of a production run. */
  public record Wiring(
      String bootstrapServers, String clickhouseUrl, String groupId, long checkpointIntervalMs) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    JobConfig config;
    Wiring wiring;
    try {
      options = JobConfig.parseArgs(args);
      config = configFrom(options);
      wiring = wiringFrom(options);
    } catch (IllegalArgumentException e) {
      System.err.println("scoring-job: " + e.getMessage());
      System.exit(2);
      return;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config, wiring);
    env.execute("alert-scoring");
  }

  /** Adds the production graph to {@code env} and makes sure the tables exist. */
  public static void build(StreamExecutionEnvironment env, JobConfig config, Wiring wiring)
      throws Exception {
    ClickHouseSchema.apply(wiring.clickhouseUrl());
    env.enableCheckpointing(wiring.checkpointIntervalMs());
    ClickHouseSinks clickHouse = new ClickHouseSinks(wiring.clickhouseUrl());
    JobSinks sinks =
        new JobSinks(
            clickHouse.alertScores(),
            clickHouse.alertRankings(),
            clickHouse.clusterScores(),
            clickHouse.batchMetadata(),
            DeadLetterKafkaSink.create(wiring.bootstrapServers()));
    new ScoringJob(config, new KafkaJobSources(wiring.bootstrapServers(), wiring.groupId()), sinks)
        .build(env);
  }

  static JobConfig configFrom(Map<String, String> options) {
    String models = require(options, "models-dir");
    JobConfig config =
        JobConfig.defaults(models)
            .withBatchTimeout(Duration.ofMillis(longOption(options, "batch-timeout-ms", 600_000)))
            .withClosedBatchRetention(
                Duration.ofMillis(longOption(options, "closed-retention-ms", 30_000)));
    String networks = options.get("networks");
    if (networks != null && !networks.isBlank()) {
      Set<String> allowed =
          Arrays.stream(networks.split(",")).map(String::trim).collect(Collectors.toSet());
      config =
          new JobConfig(
              config.modelsDirectory(),
              config.batchTimeout(),
              config.closedBatchRetention(),
              allowed);
    }
    return config;
  }

  static Wiring wiringFrom(Map<String, String> options) {
    return new Wiring(
        require(options, "bootstrap-servers"),
        require(options, "clickhouse-url"),
        options.getOrDefault("group-id", "alert-scoring"),
        longOption(options, "checkpoint-interval-ms", 10_000));
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing required option --" + name);
    }
    return value;
  }

  private static long longOption(Map<String, String> options, String name, long fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
    }
  }
}
