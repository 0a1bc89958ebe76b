package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.generator.output.BatchFiles;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cheap line check agrees with the strict decoder on every generated line, and is strict. */
class CanonicalLinesTest {
  static final BatchKey B = new BatchKey("ethereum", "2026-01-10", 7);

  static long hash(RecordKind kind, BatchKey batch, String line) {
    byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
    return CanonicalLines.identityHash(kind, CanonicalLines.prefix(batch), b, 2, b.length - 4);
  }

  @Test
  void everyGeneratedLineIsCanonicalWithTheDecodedIdentity(@TempDir Path tmp) throws Exception {
    new DatasetGenerator(GeneratorConfig.of("ethereum", "2026-01-10", 1, 200, 5, tmp), null).run();
    Path dir = tmp.resolve("ethereum/2026-01-10");
    byte[] prefix = CanonicalLines.prefix(B);
    int checked = 0;
    for (RecordKind kind : BatchFiles.DATA_KINDS) {
      for (String line : Files.readAllLines(BatchFiles.find(dir, kind))) {
        SotRecord record = SotJson.decode(kind, line);
        assertThat(record.batchKey()).isEqualTo(B);
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        assertThat(CanonicalLines.identityHash(kind, prefix, b, 0, b.length))
            .as(line)
            .isEqualTo(CanonicalLines.hash(record.recordId()))
            .isNotEqualTo(CanonicalLines.NOT_CANONICAL);
        assertThat(CanonicalLines.identity(kind, prefix, b, 0, b.length))
            .isEqualTo(record.recordId());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(200);
  }

  @Test
  void anythingElseIsLeftToTheStrictDecoder() {
    String ok =
        "{\"network\":\"ethereum\",\"processing_date\":\"2026-01-10\",\"window_days\":7,"
            + "\"from_address\":\"0xa\",\"to_address\":\"0xb\",\"tx_count\":1}";
    assertThat(hash(RecordKind.MONEY_FLOW, B, ok)).isEqualTo(CanonicalLines.hash("0xa->0xb"));
    List<String> not =
        List.of(
            ok.substring(0, ok.length() - 1), // truncated
            ok.replace("\"window_days\":7", "\"window_days\":70"), // another window
            ok.replace("2026-01-10", "2026-01-11"), // another date
            ok.replace("\"0xa\"", "\"0x\\\"a\""), // escaped quote in the id
            ok.replace("\"0xa\"", "\"\""), // empty id
            ok.replace("\"from_address\":\"0xa\",", "") + "", // id not first
            "{\"processing_date\":\"2026-01-10\",\"network\":\"ethereum\",\"window_days\":7,"
                + "\"from_address\":\"0xa\",\"to_address\":\"0xb\"}", // other field order
            "",
            "{\"network\":\"ethereum\"");
    for (String line : not) {
      assertThat(hash(RecordKind.MONEY_FLOW, B, line))
          .as(line)
          .isEqualTo(CanonicalLines.NOT_CANONICAL);
    }
    assertThat(hash(RecordKind.BATCH_CONTROL, B, ok)).isEqualTo(CanonicalLines.NOT_CANONICAL);
    String longId = "x".repeat(300);
    assertThat(
            hash(
                RecordKind.ALERT,
                B,
                "{\"network\":\"ethereum\",\"processing_date\":\"2026-01-10\",\"window_days\":7,"
                    + "\"alert_id\":\""
                    + longId
                    + "\"}"))
        .isEqualTo(CanonicalLines.NOT_CANONICAL);
  }

  @Test
  void hashIsTheReplayersFormerHashForAsciiAndUtf8Otherwise() {
    for (String s : List.of("", "eth-20260301-s00000-00000", "0xabc->0xdef")) {
      assertThat(CanonicalLines.hash(s)).isEqualTo(LongHashSet.hash(s));
    }
    String utf = "adresse-\u00e9\u4e2d";
    byte[] b =
        ("{\"network\":\"ethereum\",\"processing_date\":\"2026-01-10\",\"window_days\":7,"
                + "\"cluster_id\":\""
                + utf
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(
            CanonicalLines.identityHash(
                RecordKind.CLUSTER, CanonicalLines.prefix(B), b, 0, b.length))
        .isEqualTo(CanonicalLines.hash(utf));
    assertThat(
            CanonicalLines.identity(RecordKind.CLUSTER, CanonicalLines.prefix(B), b, 0, b.length))
        .isEqualTo(utf);
  }
}
