package io.alertscoring.launcher.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.source.RecordVisitor;
import io.alertscoring.generator.source.SotSource;
import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.SotRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay options and the replay loop against an in-memory publisher: fast, no servers. */
class ReplayCommandTest {

  static String[] args(String... a) {
    return a;
  }

  static ReplayITSupport.Run run(String... a) {
    return ReplayITSupport.replay(a);
  }

  @Test
  void usageErrorsAreOneLineWithStatusTwo(@TempDir Path tmp) throws Exception {
    Path csv = Files.writeString(tmp.resolve("x.csv"), "a\n");
    String[][] cases = {
      {"--network", "ethereum", "--date", "2026-01-01", "--from-files", tmp.toString()},
      {"--bootstrap-servers", "h:1", "--network", "ethereum", "--date", "2026-01-01"},
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "Eth",
        "--date",
        "2026-01-01",
        "--from-files",
        tmp.toString()
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "ethereum",
        "--date",
        "01/02/2026",
        "--from-files",
        tmp.toString()
      },
      {
        "--bootstrap-servers",
        "h",
        "--network",
        "ethereum",
        "--date",
        "2026-01-01",
        "--from-files",
        tmp.toString()
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "ethereum",
        "--date",
        "2026-01-01",
        "--from-files",
        tmp.resolve("nope").toString()
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "ethereum",
        "--date",
        "2026-01-01",
        "--from-files",
        tmp.toString(),
        "--from-amlsim",
        csv.toString()
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "ethereum",
        "--date",
        "2026-01-05",
        "--to-date",
        "2026-01-01",
        "--from-files",
        tmp.toString()
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "ethereum",
        "--date",
        "2026-01-01",
        "--to-date",
        "2026-01-02",
        "--from-eth-illicit",
        csv.toString()
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "ethereum",
        "--date",
        "2026-01-01",
        "--from-clickhouse",
        "http://x"
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "ethereum",
        "--date",
        "2026-01-01",
        "--from-files",
        tmp.toString(),
        "--rate",
        "-5"
      },
      {
        "--bootstrap-servers",
        "h:1",
        "--network",
        "ethereum",
        "--date",
        "2026-01-01",
        "--from-files",
        tmp.toString(),
        "--bogus"
      },
    };
    String[] expected = {
      "--bootstrap-servers is required",
      "missing source",
      "bad network 'Eth'",
      "--date must be a date YYYY-MM-DD, got '01/02/2026'",
      "bad --bootstrap-servers 'h'",
      "does not exist",
      "give only one source",
      "is before --date",
      "drop --to-date",
      "must be a JDBC URL",
      "--rate must be in",
      "unknown option '--bogus'",
    };
    for (int i = 0; i < cases.length; i++) {
      ReplayITSupport.Run r = run(cases[i]);
      assertThat(r.status()).as(String.join(" ", cases[i])).isEqualTo(2);
      assertThat(r.err().strip()).contains(expected[i]).doesNotContain("\n");
      assertThat(r.err()).startsWith("alert-scoring: replay: ");
    }
  }

  static final BatchKey B1 = new BatchKey("ethereum", "2026-01-01", 7);
  static final BatchKey B2 = new BatchKey("ethereum", "2026-01-02", 7);

  static Alert alert(BatchKey b, String id) {
    return new Alert(
        b.network(),
        b.processingDate(),
        b.windowDays(),
        id,
        "0x" + id,
        "fan_in",
        "p",
        "rule",
        Severity.LOW,
        AddressType.EOA,
        "w",
        0.5,
        "",
        BigDecimal.ONE,
        "{}",
        List.of());
  }

  /** A source with a duplicate, a record of another batch, a bad row and a label. */
  static SotSource source() {
    return new SotSource() {
      @Override
      public List<BatchKey> batches(String network, LocalDate from, LocalDate to) {
        return List.of(B1, B2);
      }

      @Override
      public void read(BatchKey batch, RecordVisitor v) {
        v.record(alert(batch, batch.processingDate() + "-a"));
        v.record(alert(batch, batch.processingDate() + "-b"));
        v.record(alert(batch, batch.processingDate() + "-a")); // repeated identity
        v.record(alert(B2.equals(batch) ? B1 : B2, "stray")); // another batch
        v.bad("row 9", "broken");
        v.record(
            new AddressLabel(
                batch.network(),
                batch.processingDate(),
                7,
                "0xl",
                "x",
                "eoa",
                Severity.HIGH,
                1,
                "s"));
      }

      @Override
      public String describe() {
        return "test source";
      }
    };
  }

  static final class ListPublisher implements RecordPublisher {
    final List<SotRecord> sent = new ArrayList<>();
    final List<SotRecord> controls = new ArrayList<>();
    String refuse;

    @Override
    public void publish(SotRecord record, Consumer<Exception> onFailure) {
      if (record.recordId().equals(refuse)) {
        onFailure.accept(new IllegalStateException("refused"));
        return;
      }
      sent.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void publishAndWait(SotRecord record) {
      controls.add(record);
    }

    @Override
    public void close() {}
  }

  @Test
  void countsDistinctPublishedRecordsAndReportsEveryBadRow() throws Exception {
    ListPublisher publisher = new ListPublisher();
    publisher.refuse = "2026-01-02-b";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Replayer.Report report =
        new Replayer(
                source(),
                publisher,
                new Replayer.Options(
                    "ethereum",
                    LocalDate.parse("2026-01-01"),
                    LocalDate.parse("2026-01-02"),
                    null,
                    0,
                    true),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false)
            .run();
    assertThat(report.batches()).isEqualTo(2);
    // per batch: 1 duplicate + 1 stray + 1 bad row
    assertThat(report.badRows()).isEqualTo(6);
    assertThat(report.refused()).isEqualTo(1);
    assertThat(publisher.controls).hasSize(2);
    BatchControl first = (BatchControl) publisher.controls.get(0);
    BatchControl second = (BatchControl) publisher.controls.get(1);
    assertThat(first.batchKey()).isEqualTo(B1);
    assertThat(first.alertCount()).isEqualTo(2);
    assertThat(second.alertCount()).isEqualTo(1); // one of two refused by the broker
    assertThat(publisher.sent.stream().filter(r -> r.kind() == RecordKind.ADDRESS_LABEL))
        .hasSize(2);
    String errors = err.toString(StandardCharsets.UTF_8);
    assertThat(errors)
        .contains("bad row row 9: broken")
        .contains("repeated record identity")
        .contains("belongs to batch");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("6 bad source rows")
        .contains("refused");
  }

  @Test
  void rateLimitsPublication() throws Exception {
    SotSource many =
        new SotSource() {
          @Override
          public List<BatchKey> batches(String network, LocalDate from, LocalDate to) {
            return List.of(B1);
          }

          @Override
          public void read(BatchKey batch, RecordVisitor v) {
            for (int i = 0; i < 150; i++) {
              v.record(alert(batch, "a" + i));
            }
          }

          @Override
          public String describe() {
            return "150 alerts";
          }
        };
    long t0 = System.nanoTime();
    new Replayer(
            many,
            new ListPublisher(),
            new Replayer.Options(
                "ethereum",
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-01-01"),
                null,
                300,
                true),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            false)
        .run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(seconds).isBetween(0.45, 3.0); // 150 records at 300/s: half a second
  }

  @Test
  void progressPrintsRateAndEta() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    Progress p = new Progress(out, true, "records", 1000);
    p.advance(10);
    p.line("a line");
    p.finish();
    assertThat(Progress.duration(3725)).isEqualTo("1:02:05");
    assertThat(Progress.duration(65)).isEqualTo("1:05");
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("a line");
  }
}
