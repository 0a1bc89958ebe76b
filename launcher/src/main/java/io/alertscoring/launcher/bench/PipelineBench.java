package io.alertscoring.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.job.io.KafkaJobSources;
import io.alertscoring.launcher.LocalRun;
import io.alertscoring.launcher.data.GenerateCommand;
import io.alertscoring.launcher.data.ReplayCommand;
import io.alertscoring.schemas.RecordKind;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code bench pipeline}: one processing date through the whole system, measured. See {@link
 * io.alertscoring.launcher.bench} for what is measured.
 */
public final class PipelineBench {
  /** What to run. */
  public record Settings(
      long alertsPerDay,
      long seed,
      Path data,
      String network,
      LocalDate date,
      Path modelsDir,
      String clickhouseUrl,
      LocalRun.Embedded embedded,
      Duration timeout,
      Path json) {}

  /** A failure of the run (batch FAILED, timeout, job failed): one line, exit status 1. */
  public static final class BenchFailure extends Exception {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
      super(message);
    }
  }

  private final Settings s;
  private final PrintStream out;
  private final PrintStream err;

  public PipelineBench(Settings settings, PrintStream out, PrintStream err) {
    this.s = settings;
    this.out = out;
    this.err = err;
  }

  private void say(String line) {
    out.println("[bench] " + line);
  }

  /** Runs the benchmark and prints (and optionally writes) the report. */
  public PipelineReport run() throws Exception {
    Expected expected = prepareData();
    say(
        String.format(
            Locale.ROOT,
            "%s %s: %,d alerts, %,d features, %,d clusters, %,d money flows in %s",
            s.network(),
            s.date(),
            expected.alerts,
            expected.features,
            expected.clusters,
            expected.moneyFlows,
            s.data()));
    PipelineReport report = new PipelineReport();
    report.put("alerts_per_day", s.alertsPerDay());
    report.put("seed", s.seed());
    report.put("network", s.network());
    report.put("date", s.date().toString());
    report.put("parallelism", s.embedded().parallelism());
    report.put("state_backend", s.embedded().checkpoints().stateBackend());
    report.put("checkpoint_interval_ms", s.embedded().checkpoints().interval().toMillis());
    report.put("managed_memory_bytes", s.embedded().managedMemory().getBytes());
    report.put("heap_max_bytes", ResourceSampler.heapMaxBytes());
    report.put("cpus", Runtime.getRuntime().availableProcessors());

    try (ResourceSampler resources = new ResourceSampler();
        LocalRun.Servers servers = LocalRun.Servers.start(s.clickhouseUrl(), this::say)) {
      LocalRun.RunningJob job =
          LocalRun.startJob(
              servers, s.modelsDir(), s.embedded(), "alert-scoring-bench", "alert-scoring-bench");
      say("job " + job.client().getJobID() + " on " + job.embedded().describe());
      say("Flink REST " + job.restUrl());
      try (JobMonitor monitor = new JobMonitor(job.restUrl(), job.client().getJobID().toString())) {
        JsonNode cpConfig = monitor.checkpointConfig();
        report.put("flink_state_backend", cpConfig.path("state_backend").asText(null));
        report.put("flink_checkpoint_storage", cpConfig.path("checkpoint_storage").asText(null));
        report.put(
            "flink_unaligned_checkpoints", cpConfig.path("unaligned_checkpoints").asBoolean());
        say(
            "Flink reports state backend "
                + cpConfig.path("state_backend").asText()
                + ", checkpoint storage "
                + cpConfig.path("checkpoint_storage").asText()
                + ", unaligned "
                + cpConfig.path("unaligned_checkpoints").asText());
        measureJob(servers, job, monitor, expected, report);
        report.put(
            "peak_rocksdb_block_cache_bytes",
            monitor.peakRocksDbBytes() < 0 ? null : monitor.peakRocksDbBytes());
      } finally {
        try {
          job.client().cancel().get();
        } catch (Exception e) {
          say("could not cancel the job cleanly: " + e.getMessage());
        }
      }
      resources.sample();
      report.put("peak_heap_bytes", resources.peakHeapBytes());
      report.put("peak_rss_sampled_bytes", resources.peakSampledRssBytes());
      report.put("peak_rss_vmhwm_bytes", ResourceSampler.peakRssBytes());

      long records = report.getLong("records_published");
      say("consume + decode only pass over the same " + records + " records...");
      DecodeOnlyPass.Result decode =
          DecodeOnlyPass.run(servers, s.embedded(), records, s.timeout());
      report.put("decode_only_records", decode.records());
      report.put("decode_only_seconds", decode.seconds());
      report.put("decode_only_records_per_s", decode.recordsPerSecond());
      report.put("decode_only_submit_to_done_seconds", decode.submitToDoneSeconds());
      double jobRate = report.getDouble("job_records_per_s");
      report.put("job_to_decode_only_ratio", jobRate / decode.recordsPerSecond());
    }
    report.print(out);
    if (s.json() != null) {
      report.write(s.json());
      say("figures written to " + s.json());
    }
    return report;
  }

  private void measureJob(
      LocalRun.Servers servers,
      LocalRun.RunningJob job,
      JobMonitor monitor,
      Expected expected,
      PipelineReport report)
      throws Exception {
    long replayStartWall = System.currentTimeMillis();
    long replayStart = System.nanoTime();
    int status =
        ReplayCommand.run(
            new String[] {
              "--bootstrap-servers", servers.bootstrapServers(),
              "--network", s.network(),
              "--date", s.date().toString(),
              "--from-files", s.data().toString()
            },
            out,
            err);
    long replayEnd = System.nanoTime();
    if (status != 0) {
      throw new BenchFailure("replay exited with status " + status);
    }
    Map<RecordKind, Long> published = publishedCounts(servers.bootstrapServers());
    long records = published.values().stream().mapToLong(Long::longValue).sum();
    long firstWall = firstRecordTimestamp(servers.bootstrapServers());
    if (firstWall <= 0) {
      firstWall = replayStartWall;
    }
    // System.nanoTime of the first record published
    long first = replayStart + (firstWall - replayStartWall) * 1_000_000L;
    double publishSeconds = (replayEnd - first) / 1e9;
    long alerts = published.getOrDefault(RecordKind.ALERT, 0L);
    report.put("records_published", records);
    report.put("alerts_published", alerts);
    report.put("publish_seconds", publishSeconds);
    report.put("publish_records_per_s", records / publishSeconds);
    report.put("publish_alerts_per_s", alerts / publishSeconds);
    if (alerts != expected.alerts) {
      throw new BenchFailure("published " + alerts + " alerts, the files hold " + expected.alerts);
    }

    // COMPLETED
    long deadline = replayStart + s.timeout().toNanos();
    Map<String, Object> meta;
    long completed;
    while (true) {
      meta = metadata(servers.clickhouseUrl());
      if (meta != null && "COMPLETED".equals(meta.get("status"))) {
        completed = System.nanoTime();
        break;
      }
      if (meta != null && "FAILED".equals(meta.get("status"))) {
        throw new BenchFailure("batch FAILED: " + meta.get("error_message"));
      }
      JobStatus js = job.client().getJobStatus().get();
      if (js.isGloballyTerminalState()) {
        throw new BenchFailure("the job ended " + js + " before the batch COMPLETED");
      }
      if (System.nanoTime() > deadline) {
        throw new BenchFailure(
            "timeout: batch "
                + (meta == null ? "not started" : meta.get("status"))
                + " after "
                + s.timeout().toSeconds()
                + " s (--timeout-s)");
      }
      Thread.sleep(200);
    }
    double toCompleted = (completed - first) / 1e9;
    report.put("seconds_first_record_to_completed", toCompleted);
    report.put("job_records_per_s", records / toCompleted);
    report.put("job_alerts_per_s", alerts / toCompleted);
    long consumedAt = monitor.sourcesReachedNanos(records);
    if (consumedAt > 0) {
      double consumeSeconds = (consumedAt - first) / 1e9;
      report.put("consume_seconds", consumeSeconds);
      report.put("consume_records_per_s", records / consumeSeconds);
      report.put("consume_alerts_per_s", alerts / consumeSeconds);
    } else {
      report.put("consume_seconds", null);
      report.put("consume_records_per_s", null);
      report.put("consume_alerts_per_s", null);
      say(
          "the job's source counters read "
              + monitor.sourceRecords()
              + " of "
              + records
              + " records"
              + (monitor.lastError() == null ? "" : " (" + monitor.lastError() + ")"));
    }
    for (String stage :
        List.of(
            "assembly_ms",
            "feature_ms",
            "scoring_ms",
            "ranking_ms",
            "cluster_scoring_ms",
            "total_ms")) {
      report.put(stage, meta.get(stage));
    }
    long scoresExpected = ((Number) meta.get("alerts_expected")).longValue();
    long rankingsExpected = ((Number) meta.get("rankings_written")).longValue();
    long clustersExpected = ((Number) meta.get("cluster_scores_written")).longValue();
    report.put("alert_scores_expected", scoresExpected);
    report.put("alert_rankings_expected", rankingsExpected);
    report.put("cluster_scores_expected", clustersExpected);

    // every row queryable
    long[] counts;
    while (true) {
      counts = rowCounts(servers.clickhouseUrl());
      if (counts[0] == scoresExpected
          && counts[1] == rankingsExpected
          && counts[2] == clustersExpected) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new BenchFailure(
            String.format(
                Locale.ROOT,
                "timeout: %d/%d alert_scores, %d/%d alert_rankings, %d/%d cluster_scores"
                    + " queryable after %d s",
                counts[0],
                scoresExpected,
                counts[1],
                rankingsExpected,
                counts[2],
                clustersExpected,
                s.timeout().toSeconds()));
      }
      Thread.sleep(200);
    }
    long queryable = System.nanoTime();
    report.put("seconds_first_record_to_queryable", (queryable - first) / 1e9);
    report.put("alert_scores_rows", counts[0]);
    report.put("alert_rankings_rows", counts[1]);
    report.put("cluster_scores_rows", counts[2]);

    monitor.pollCheckpoints();
    List<JobMonitor.Checkpoint> all = monitor.checkpoints();
    long firstWallMs = firstWall;
    long completedWallMs = firstWall + (completed - first) / 1_000_000L;
    List<Long> durations = new ArrayList<>();
    List<Long> duringBatch = new ArrayList<>();
    int failed = 0;
    int inProgress = 0;
    long longestInProgress = 0;
    long maxState = 0;
    long nowWall = System.currentTimeMillis();
    List<Long> triggers = new ArrayList<>();
    for (JobMonitor.Checkpoint c : all) {
      if (c.status().equals("FAILED")) {
        failed++;
      }
      if (c.triggerTimestamp() >= firstWallMs && c.triggerTimestamp() <= completedWallMs) {
        triggers.add(c.triggerTimestamp());
      }
      if (c.status().equals("IN_PROGRESS")) {
        inProgress++;
        longestInProgress = Math.max(longestInProgress, nowWall - c.triggerTimestamp());
      }
      if (!c.status().equals("COMPLETED")) {
        continue;
      }
      durations.add(c.endToEndMs());
      maxState = Math.max(maxState, c.checkpointedSize());
      if (c.triggerTimestamp() >= firstWallMs - 1000 && c.triggerTimestamp() <= completedWallMs) {
        duringBatch.add(c.endToEndMs());
      }
    }
    report.putCheckpointStats("checkpoints", durations);
    report.putCheckpointStats("checkpoints_during_batch", duringBatch);
    report.put("checkpoints_failed", failed);
    report.put("checkpoints_in_progress_at_end", inProgress);
    report.put("checkpoint_longest_in_progress_ms", inProgress == 0 ? null : longestInProgress);
    // the longest stretch of the batch without a checkpoint being triggered (blocked barriers
    // or a busy coordinator show here even when no checkpoint completes)
    triggers.sort(null);
    long gap = 0;
    long previous = firstWallMs;
    for (long t : triggers) {
      gap = Math.max(gap, t - previous);
      previous = t;
    }
    gap = Math.max(gap, completedWallMs - previous);
    report.put("checkpoint_max_trigger_gap_ms", gap);
    report.put("checkpoint_max_checkpointed_bytes", maxState);
  }

  /** Records in the job's input topics (the broker is new: end offsets are what was published). */
  private static Map<RecordKind, Long> publishedCounts(String servers) {
    Map<RecordKind, Long> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(servers)) {
      for (RecordKind kind : KafkaJobSources.INPUT_KINDS) {
        List<TopicPartition> partitions = partitions(consumer, kind.defaultTopic());
        long sum = 0;
        for (long end : consumer.endOffsets(partitions).values()) {
          sum += end;
        }
        counts.put(kind, sum);
      }
    }
    return counts;
  }

  /** The producer timestamp of the first record published to the data topics. */
  private static long firstRecordTimestamp(String servers) {
    long first = Long.MAX_VALUE;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(servers)) {
      List<TopicPartition> all = new ArrayList<>();
      for (RecordKind kind : KafkaJobSources.INPUT_KINDS) {
        all.addAll(partitions(consumer, kind.defaultTopic()));
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(all);
      for (TopicPartition tp : all) {
        if (ends.getOrDefault(tp, 0L) == 0) {
          continue;
        }
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean got = false;
        while (!got && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            first = Math.min(first, r.timestamp());
            got = true;
            break;
          }
        }
      }
    }
    return first == Long.MAX_VALUE ? -1 : first;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> list = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic)) {
      list.add(new TopicPartition(topic, p.partition()));
    }
    return list;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String servers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  private Connection connect(String url) throws Exception {
    return new ru.yandex.clickhouse.ClickHouseDriver().connect(url, new Properties());
  }

  /** The batch's batch_metadata row (FINAL), or null when there is none yet. */
  private Map<String, Object> metadata(String url) throws Exception {
    try (Connection c = connect(url);
        PreparedStatement st =
            c.prepareStatement(
                "SELECT status, error_message, alerts_expected, rankings_written,"
                    + " cluster_scores_written, assembly_ms, feature_ms, scoring_ms, ranking_ms,"
                    + " cluster_scoring_ms, total_ms FROM batch_metadata FINAL"
                    + " WHERE network = ? AND processing_date = ? ORDER BY version DESC LIMIT 1")) {
      st.setString(1, s.network());
      st.setString(2, s.date().toString());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("status", rs.getString(1));
        m.put("error_message", rs.getString(2));
        m.put("alerts_expected", rs.getLong(3));
        m.put("rankings_written", rs.getLong(4));
        m.put("cluster_scores_written", rs.getLong(5));
        String[] stages = {
          "assembly_ms", "feature_ms", "scoring_ms", "ranking_ms", "cluster_scoring_ms", "total_ms"
        };
        for (int i = 0; i < stages.length; i++) {
          m.put(stages[i], rs.getDouble(6 + i));
        }
        return m;
      }
    }
  }

  private long[] rowCounts(String url) throws Exception {
    long[] counts = new long[3];
    String[] tables = {"alert_scores", "alert_rankings", "cluster_scores"};
    try (Connection c = connect(url)) {
      for (int i = 0; i < 3; i++) {
        try (PreparedStatement st =
            c.prepareStatement(
                "SELECT count() FROM "
                    + tables[i]
                    + " FINAL WHERE network = ? AND processing_date = ?")) {
          st.setString(1, s.network());
          st.setString(2, s.date().toString());
          try (ResultSet rs = st.executeQuery()) {
            rs.next();
            counts[i] = rs.getLong(1);
          }
        }
      }
    }
    return counts;
  }

  /** What the files of the date hold, from the generator's manifest. */
  record Expected(long alerts, long features, long clusters, long moneyFlows) {}

  private Expected prepareData() throws Exception {
    Path manifest = s.data().resolve("manifest.json");
    if (Files.isRegularFile(manifest)) {
      say("reusing the generated data in " + s.data());
    } else {
      if (Files.isDirectory(s.data())) {
        try (var list = Files.list(s.data())) {
          if (list.findAny().isPresent()) {
            throw new BenchFailure(
                "--data " + s.data() + " is not empty and holds no generator manifest.json");
          }
        }
      }
      say("generating " + s.alertsPerDay() + " alerts of " + s.network() + " " + s.date());
      int status =
          GenerateCommand.run(
              new String[] {
                "--network", s.network(),
                "--start-date", s.date().toString(),
                "--days", "1",
                "--alerts-per-day", Long.toString(s.alertsPerDay()),
                "--seed", Long.toString(s.seed()),
                "--out", s.data().toString()
              },
              out,
              err);
      if (status != 0) {
        throw new BenchFailure("generate exited with status " + status);
      }
    }
    JsonNode m = new ObjectMapper().readTree(manifest.toFile());
    JsonNode params = m.path("parameters");
    if (params.path("alerts_per_day").asLong() != s.alertsPerDay()
        || params.path("seed").asLong() != s.seed()) {
      throw new BenchFailure(
          "--data "
              + s.data()
              + " holds "
              + params.path("alerts_per_day").asLong()
              + " alerts/day with seed "
              + params.path("seed").asLong()
              + ", not "
              + s.alertsPerDay()
              + " with seed "
              + s.seed()
              + ": give another --data directory");
    }
    for (JsonNode b : m.path("batches")) {
      if (b.path("network").asText().equals(s.network())
          && b.path("processing_date").asText().equals(s.date().toString())) {
        return new Expected(
            b.path("alerts").asLong(),
            b.path("features").asLong(),
            b.path("clusters").asLong(),
            b.path("money_flows").asLong());
      }
    }
    throw new BenchFailure(
        "--data " + s.data() + " holds no batch of " + s.network() + " " + s.date());
  }
}
