package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.generator.output.BatchFiles;
import io.alertscoring.infra.EmbeddedKafkaBroker;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.json.SotJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileReplay#replay} into a real KRaft broker: every message is the file's line byte for
 * byte, keyed by the batch id, each line once; the batch-control record carries the counts; the
 * strict path ({@code validate}) publishes the same records.
 */
class FileReplayITCase {

  /** key TAB value of every message of a topic, in offset order per partition. */
  static List<String> messages(String servers, RecordKind kind) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(kind.defaultTopic()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(
              new String(r.key(), StandardCharsets.UTF_8)
                  + "\t"
                  + new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  @Test
  void publishesTheLinesAsTheyAre(@TempDir Path tmp) throws Exception {
    Path gen = tmp.resolve("gen");
    new DatasetGenerator(GeneratorConfig.of("ethereum", "2026-02-01", 1, 400, 21, gen), null).run();
    Path dir = gen.resolve("ethereum/2026-02-01");
    LocalDate date = LocalDate.parse("2026-02-01");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EmbeddedKafkaBroker broker = ReplayITSupport.broker()) {
      FileReplay.Result result =
          FileReplay.replay(
              gen,
              broker.bootstrapServers(),
              "ethereum",
              date,
              date,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              System.err);
      assertThat(result.batches()).isEqualTo(1);
      assertThat(result.badRows()).isZero();
      assertThat(result.refused()).isZero();
      assertThat(result.recordsPerSecond()).isPositive();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("records/s").contains("MB/s");

      long data = 0;
      long bytes = 0;
      for (RecordKind kind : BatchFiles.DATA_KINDS) {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(BatchFiles.find(dir, kind))) {
          expected.add("ethereum/2026-02-01/7\t" + line);
          bytes += line.getBytes(StandardCharsets.UTF_8).length;
        }
        List<String> got = messages(broker.bootstrapServers(), kind);
        // one partition per kind for the batch key: the file's order is kept too
        assertThat(got).as(kind.toString()).isEqualTo(expected);
        data += expected.size();
      }
      assertThat(result.records()).isEqualTo(data + 1);
      assertThat(result.bytes()).isEqualTo(bytes);
      List<String> controls = messages(broker.bootstrapServers(), RecordKind.BATCH_CONTROL);
      assertThat(controls).hasSize(1);
      BatchControl control =
          (BatchControl)
              SotJson.decode(RecordKind.BATCH_CONTROL, controls.get(0).split("\t", 2)[1]);
      BatchControl generated =
          (BatchControl)
              SotJson.decode(
                  RecordKind.BATCH_CONTROL,
                  Files.readString(BatchFiles.find(dir, RecordKind.BATCH_CONTROL)).strip());
      assertThat(control.alertCount()).isEqualTo(generated.alertCount()).isEqualTo(400);
      assertThat(control.featureCount()).isEqualTo(generated.featureCount());
      assertThat(control.clusterCount()).isEqualTo(generated.clusterCount());
      assertThat(control.moneyFlowCount()).isEqualTo(generated.moneyFlowCount());

      // the strict path again: the same records (re-encoded), one more control record
      FileReplay.Result strict =
          FileReplay.replay(
              gen,
              broker.bootstrapServers(),
              "ethereum",
              date,
              date,
              0,
              true,
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              System.err);
      assertThat(strict.records()).isEqualTo(result.records());
      TopicDump dump = new TopicDump(broker.bootstrapServers());
      assertThat(dump.of(RecordKind.ALERT)).hasSize(800);
      assertThat(dump.of(RecordKind.ALERT).subList(400, 800))
          .isEqualTo(dump.of(RecordKind.ALERT).subList(0, 400));
      assertThat(dump.of(RecordKind.BATCH_CONTROL)).hasSize(2);
    }
  }
}
