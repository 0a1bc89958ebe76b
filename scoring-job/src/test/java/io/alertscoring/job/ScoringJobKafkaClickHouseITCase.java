package io.alertscoring.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.features.SotFamily;
import io.alertscoring.core.model.ModelBundle;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.core.scoring.BatchScorer;
import io.alertscoring.core.scoring.BatchScoringResult;
import io.alertscoring.core.scoring.LiveScorer;
import io.alertscoring.infra.ClickHouseServer;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.infra.SotKafkaPublisher;
import io.alertscoring.job.testing.MiniClusters;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.LiveAlertScore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production wiring end to end on real servers: a KRaft Kafka broker, a clickhouse-server
 * process, the job on a MiniCluster at parallelism 2.
 */
class ScoringJobKafkaClickHouseITCase {

  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.parallelismTwo();

  static EmbeddedKafkaBroker kafka;
  static ClickHouseServer clickHouse;
  static JobClient job;

  static final Duration RETENTION = Duration.ofSeconds(2);

  @BeforeAll
  static void startServersAndJob() throws Exception {
    clickHouse = ClickHouseServer.start();
    kafka = EmbeddedKafkaBroker.start();
    kafka.createProductTopics(2);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    JobConfig config =
        JobConfig.defaults(Path.of("..", "trained_models").toAbsolutePath().toString())
            .withClosedBatchRetention(RETENTION);
    ScoringJobMain.build(
        env,
        config,
        new ScoringJobMain.Wiring(kafka.bootstrapServers(), clickHouse.jdbcUrl(), "it-case", 2000));
    job = env.executeAsync("scoring-job-it");
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (job != null) {
      job.cancel().get();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (clickHouse != null) {
      clickHouse.close();
    }
  }

  private static long count(String sql) {
    return Long.parseLong(clickHouse.query(sql).strip());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(250);
    }
  }

  /** Each table has its own sink and flushes on its own: wait until all of them are visible. */
  private static void awaitWritten(BatchKey key, long alerts, long clusters)
      throws InterruptedException {
    await(
        key + " written",
        () ->
            count("SELECT count() FROM alert_scores FINAL" + where(key)) == alerts
                && count("SELECT count() FROM alert_rankings FINAL" + where(key)) == alerts
                && count("SELECT count() FROM cluster_scores FINAL" + where(key)) == clusters);
  }

  private static String where(BatchKey key) {
    return " WHERE network = '"
        + key.network()
        + "' AND processing_date = '"
        + key.processingDate()
        + "'";
  }

  private static long completedVersion(BatchKey key) {
    String v =
        clickHouse
            .query(
                "SELECT max(version) FROM batch_metadata FINAL"
                    + where(key)
                    + " AND status = 'COMPLETED'")
            .strip();
    return v.isEmpty() ? 0 : Long.parseLong(v);
  }

  private static void publish(SampleBatch batch, String malformedAlert) {
    publish(batch, malformedAlert, null);
  }

  /** Publishes a batch as one run ({@code runId}, or untagged when null). */
  private static void publish(SampleBatch batch, String malformedAlert, String runId) {
    try (SotKafkaPublisher publisher = new SotKafkaPublisher(kafka.bootstrapServers())) {
      publisher.startRun(runId);
      List<SotRecord> records = batch.dataRecords();
      for (int i = 0; i < records.size(); i++) {
        if (malformedAlert != null && i == records.size() / 2) {
          publisher.publishRaw(RecordKind.ALERT, batch.control().batchKey().id(), malformedAlert);
        }
        publisher.publish(records.get(i));
      }
      publisher.flush();
      publisher.publishAndWait(batch.control());
    }
  }

  /** The run the date's pointer names ("" before any run is published). */
  private static String currentRun(BatchKey key) {
    return clickHouse.query("SELECT run_id FROM published_runs FINAL" + where(key)).strip();
  }

  /** What a reader sees: the rows of the published run only, each key once. */
  private static long visible(String table, String keyColumn, BatchKey key) {
    return count(
        "SELECT uniqExact("
            + keyColumn
            + ") FROM "
            + table
            + where(key)
            + " AND run_id = '"
            + currentRun(key)
            + "'");
  }

  @Test
  void malformedRecordIsDeadLetteredAndEveryReplayIsARunThatReplacesThePreviousOneWhole()
      throws Exception {
    BatchKey key = new BatchKey("ethereum", "2026-04-01", 7);
    SampleBatch batch = SampleBatchGenerator.generate(key, 120, 3);
    String malformed =
        "{\"network\":\"ethereum\",\"processing_date\":\"2026-04-01\",\"window_days\":7,"
            + "\"alert_id\":\"broken\",\"severity\":\"high\"";

    publish(batch, malformed, "run-1");
    await("run-1 published", () -> currentRun(key).equals("run-1"));
    // Published means stored: every row of the run is there the moment its pointer is.
    assertThat(count("SELECT count() FROM alert_scores FINAL" + where(key))).isEqualTo(120);
    assertThat(visible("alert_scores", "alert_id", key)).isEqualTo(120);
    assertThat(visible("alert_rankings", "rank", key)).isEqualTo(120);
    assertThat(visible("cluster_scores", "cluster_id", key)).isEqualTo(batch.clusters().size());
    assertThat(
            clickHouse
                .query(
                    "SELECT alerts_received, alerts_expected, alert_scores_written, status"
                        + " FROM batch_metadata FINAL"
                        + where(key)
                        + " AND run_id = 'run-1'")
                .strip())
        .isEqualTo("120\t120\t120\tCOMPLETED");
    assertThat(
            count(
                "SELECT count() FROM alert_scores FINAL" + where(key) + " AND alert_id = 'broken'"))
        .isZero();
    List<DeadLetter> deadLetters = readDeadLetters(1);
    assertThat(deadLetters)
        .filteredOn(d -> d.reason().startsWith("malformed JSON"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).startsWith("malformed JSON");
              assertThat(d.topic()).isEqualTo("sot.alerts");
              assertThat(d.offset()).isGreaterThanOrEqualTo(0);
              assertThat(d.payload()).isEqualTo(malformed);
            });

    // At once, no retention to wait for: a new run with fewer, partly different alerts.
    SampleBatch smaller = SampleBatchGenerator.generate(key, 70, 4);
    publish(smaller, null, "run-2");
    await("run-2 published", () -> currentRun(key).equals("run-2"));
    assertThat(visible("alert_scores", "alert_id", key)).isEqualTo(70);
    assertThat(visible("alert_rankings", "rank", key)).isEqualTo(70);
    assertThat(count("SELECT max(rank) FROM alert_rankings" + where(key) + " AND run_id = 'run-2'"))
        .isEqualTo(70);
    List<String> smallerIds = smaller.alerts().stream().map(alert -> alert.alertId()).toList();
    String visibleIds =
        clickHouse.query(
            "SELECT DISTINCT alert_id FROM alert_scores" + where(key) + " AND run_id = 'run-2'");
    assertThat(visibleIds.strip().split("\n")).containsExactlyInAnyOrderElementsOf(smallerIds);

    // A straggler of run-1 is late, not a new run; run-2 stays the published one.
    try (SotKafkaPublisher publisher = new SotKafkaPublisher(kafka.bootstrapServers())) {
      publisher.startRun("run-1").publishAndWait(batch.alerts().get(0));
    }
    String lateReason = "late record: run run-1 of batch " + key.id() + " was COMPLETED";
    await(
        "the straggler dead-lettered",
        () -> readDeadLetters(2).stream().anyMatch(d -> d.reason().contains(lateReason)));

    // The third run right after the second, same records: published whole, the same scores.
    publish(smaller, null, "run-3");
    await("run-3 published", () -> currentRun(key).equals("run-3"));
    assertThat(visible("alert_scores", "alert_id", key)).isEqualTo(70);
    assertThat(
            clickHouse.query(
                "SELECT alert_id, score FROM alert_scores FINAL"
                    + where(key)
                    + " AND run_id = 'run-3' ORDER BY alert_id"))
        .isEqualTo(
            clickHouse.query(
                "SELECT alert_id, score FROM alert_scores FINAL"
                    + where(key)
                    + " AND run_id = 'run-2' ORDER BY alert_id"));
    assertThat(
            clickHouse
                .query(
                    "SELECT run_id, status FROM batch_metadata FINAL"
                        + where(key)
                        + " ORDER BY run_id")
                .strip())
        .isEqualTo("run-1\tCOMPLETED\nrun-2\tCOMPLETED\nrun-3\tCOMPLETED");
  }

  @Test
  void interleavedBatchesOfTwoNetworksAreStoredWithTheScoresTheScorerComputes() throws Exception {
    BatchKey ethereum = new BatchKey("ethereum", "2026-04-10", 7);
    BatchKey bitcoin = new BatchKey("bitcoin", "2026-04-10", 7);
    SampleBatch first = SampleBatchGenerator.generate(ethereum, 80, 21);
    SampleBatch second = SampleBatchGenerator.generate(bitcoin, 60, 22);
    try (SotKafkaPublisher publisher = new SotKafkaPublisher(kafka.bootstrapServers())) {
      List<SotRecord> a = first.dataRecords();
      List<SotRecord> b = second.dataRecords();
      publisher.publish(second.control()); // a control record may arrive before its data
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        if (i < a.size()) {
          publisher.publish(a.get(i));
        }
        if (i < b.size()) {
          publisher.publish(b.get(i));
        }
      }
      publisher.flush();
      publisher.publishAndWait(first.control());
    }
    for (SampleBatch batch : List.of(first, second)) {
      BatchKey key = batch.control().batchKey();
      await(key + " COMPLETED", () -> completedVersion(key) > 0);
      int n = batch.alerts().size();
      awaitWritten(key, n, batch.clusters().size());

      BatchScoringResult expected =
          new BatchScorer(ModelBundle.load(Path.of("..", "trained_models")))
              .score(
                  new AssembledBatch(
                      key, batch.alerts(), batch.features(), batch.clusters(), batch.moneyFlows()),
                  0L,
                  0L);
      // ClickHouse 18.16 parses and prints Float64 text without correct rounding (the JDBC driver
      // sends text), so a stored score can be off by an ulp or two and reads back with 15
      // significant digits: compare to 1e-13 relative. Bit-for-bit determinism is checked on the
      // job's own outputs (ScoringJobMiniClusterITCase).
      Map<String, Double> stored = new HashMap<>();
      for (String line :
          clickHouse
              .query("SELECT alert_id, score FROM alert_scores FINAL" + where(key))
              .strip()
              .split("\n")) {
        String[] parts = line.split("\t");
        stored.put(parts[0], Double.parseDouble(parts[1]));
      }
      assertThat(stored).hasSize(n);
      for (AlertScore score : expected.alertScores()) {
        assertThat(stored.get(score.alertId()))
            .as(score.alertId())
            .isCloseTo(score.score(), org.assertj.core.api.Assertions.withinPercentage(1e-11));
      }
      String topStored =
          clickHouse
              .query("SELECT alert_id FROM alert_rankings FINAL" + where(key) + " AND rank = 1")
              .strip();
      assertThat(topStored).isEqualTo(expected.rankings().get(0).alertId());
      assertThat(count("SELECT count() FROM cluster_scores FINAL" + where(key)))
          .isEqualTo(batch.clusters().size());
    }
  }

  @Test
  void alertsOfAnOpenBatchAreLiveScoredInClickHouseThoseWithoutFeaturesAfterTheWait()
      throws Exception {
    BatchKey key = new BatchKey("ethereum", "2026-04-20", 7);
    SampleBatch batch = SampleBatchGenerator.generate(key, 50, 31);
    Map<String, double[]> features = new HashMap<>();
    for (AddressFeatures f : batch.features()) {
      features.put(f.address(), f.values());
    }
    try (SotKafkaPublisher publisher = new SotKafkaPublisher(kafka.bootstrapServers())) {
      for (SotRecord record : batch.dataRecords()) {
        publisher.publish(record); // no batch-control record: the batch stays open
      }
      publisher.flush();
    }
    int n = batch.alerts().size();
    long withoutFeatures =
        batch.alerts().stream().filter(a -> !features.containsKey(a.address())).count();
    assertThat(withoutFeatures).as("the sample has alerts without features").isPositive();
    await(
        key + " live-scored",
        () ->
            count("SELECT count() FROM alert_live_scores FINAL" + where(key)) == n
                && count("SELECT sum(features_missing) FROM alert_live_scores FINAL" + where(key))
                    == withoutFeatures);
    assertThat(count("SELECT count() FROM alert_scores" + where(key))).isZero();

    LiveScorer live =
        new LiveScorer(ModelBundle.load(Path.of("..", "trained_models")).liveScorer());
    Map<String, String> stored = new HashMap<>();
    for (String line :
        clickHouse
            .query(
                "SELECT alert_id, score, priority, features_missing FROM alert_live_scores FINAL"
                    + where(key))
            .strip()
            .split("\n")) {
      String[] parts = line.split("\t");
      stored.put(parts[0], parts[1] + "\t" + parts[2] + "\t" + parts[3]);
    }
    for (Alert alert : batch.alerts()) {
      LiveAlertScore expected =
          live.score(
              key,
              "",
              AlertFacts.of(alert),
              features.get(alert.address()),
              SotFamily.endOfDateMs(key.processingDate()),
              0,
              0);
      String[] row = stored.get(alert.alertId()).split("\t");
      // 1e-13 relative: ClickHouse 18.16's Float64 text rounding, as for the final scores above
      assertThat(Double.parseDouble(row[0]))
          .as(alert.alertId())
          .isCloseTo(expected.score(), org.assertj.core.api.Assertions.withinPercentage(1e-11));
      assertThat(row[1]).isEqualTo(expected.priority());
      assertThat(row[2]).isEqualTo(expected.featuresMissing() ? "1" : "0");
    }
  }

  private static List<DeadLetter> readDeadLetters(int atLeast) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    // A fresh group each time: every call reads the topic from its start.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + java.util.UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<DeadLetter> result = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(RecordKind.DEAD_LETTER_TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (result.size() < atLeast && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          result.add(
              OutputJson.decode(
                  new String(record.value(), StandardCharsets.UTF_8), DeadLetter.class));
        }
      }
    }
    return result;
  }
}
