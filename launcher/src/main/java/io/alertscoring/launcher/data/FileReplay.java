package io.alertscoring.launcher.data;

import io.alertscoring.generator.source.GeneratedFilesSource;
import io.alertscoring.generator.source.SotSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * "Replay these generated files to this broker" for code, not the command line (e.g. a benchmark
 * that starts its own broker): the same as {@code alert-scoring replay --from-files DIR}, with the
 * same output on {@code out}/{@code err}.
 *
 * <pre>{@code
 * FileReplay.Result r =
 *     FileReplay.replay(Path.of("/tmp/gen"), broker.bootstrapServers(), "ethereum",
 *         LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"), System.out, System.err);
 * r.recordsPerSecond();
 * }</pre>
 *
 * The SOT topics must exist on the broker (checked first, as the command does). Each batch's data
 * records are published (keyed by the batch id), flushed, then its batch-control record with the
 * counts published. Unpaced, labels included, canonical lines sent as they are; {@link
 * #replay(Path, String, String, LocalDate, LocalDate, double, boolean, PrintStream, PrintStream)}
 * sets the rate and the strict decoding of every line.
 */
public final class FileReplay {
  private FileReplay() {}

  /**
   * What a replay did: batches, records published (data, labels and batch-control records), labels
   * among them, bytes of the messages, bad source rows, records the broker refused, seconds.
   */
  public record Result(
      int batches,
      long records,
      long labels,
      long bytes,
      long badRows,
      long refused,
      double seconds) {
    public double recordsPerSecond() {
      return records / Math.max(1e-9, seconds);
    }

    /** Megabytes (10^6 bytes) of messages per second. */
    public double megabytesPerSecond() {
      return bytes / 1e6 / Math.max(1e-9, seconds);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d batch(es), %,d records in %.2f s: %,.0f records/s, %,.1f MB/s; %d bad rows, %d refused",
          batches,
          records,
          seconds,
          recordsPerSecond(),
          megabytesPerSecond(),
          badRows,
          refused);
    }
  }

  /** Replays {@code network}'s dates {@code from..to} in {@code filesDir}, unpaced, fast path. */
  public static Result replay(
      Path filesDir,
      String bootstrapServers,
      String network,
      LocalDate from,
      LocalDate to,
      PrintStream out,
      PrintStream err)
      throws Exception {
    return replay(filesDir, bootstrapServers, network, from, to, 0, false, out, err);
  }

  /**
   * Replays {@code network}'s dates {@code from..to} in {@code filesDir} ({@code generate --out}
   * layout) to {@code bootstrapServers}.
   *
   * @param rate records per second, 0 for as fast as possible
   * @param validate decode every line strictly (the old path, several times slower) instead of
   *     publishing canonical lines as they are
   * @throws IllegalStateException when the broker cannot be reached or a SOT topic is missing
   */
  public static Result replay(
      Path filesDir,
      String bootstrapServers,
      String network,
      LocalDate from,
      LocalDate to,
      double rate,
      boolean validate,
      PrintStream out,
      PrintStream err)
      throws Exception {
    try (SotSource source =
            validate ? new GeneratedFilesSource(filesDir) : new GeneratedLinesSource(filesDir);
        RecordPublisher publisher = ReplayCommand.connect(bootstrapServers)) {
      Replayer.Report r =
          new Replayer(
                  source,
                  publisher,
                  new Replayer.Options(network, from, to, null, rate, true),
                  out,
                  err,
                  false)
              .run();
      return new Result(
          r.batches(), r.records(), r.labels(), r.bytes(), r.badRows(), r.refused(), r.seconds());
    }
  }
}
