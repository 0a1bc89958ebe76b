package io.alertscoring.launcher.data;

import io.alertscoring.generator.output.BatchFiles;
import io.alertscoring.generator.source.GeneratedFilesSource;
import io.alertscoring.generator.source.RecordVisitor;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Generated files ({@link BatchFiles} layout) read as raw lines: the fast path of {@code replay
 * --from-files}. Listing, windows and estimates are those of {@link GeneratedFilesSource} (which
 * also serves {@link #read}, the strict path of {@code --validate}); {@link #readLines} splits each
 * file into lines in a reused buffer without building strings. Which batch a file belongs to comes
 * from its directory ({@code <network>/<date>/}); each line is still checked against it by the
 * replayer (a prefix comparison, see {@link CanonicalLines}).
 */
final class GeneratedLinesSource implements LineSource {
  private static final int BUFFER = 1 << 20;

  private final Path root;
  private final GeneratedFilesSource strict;

  GeneratedLinesSource(Path root) {
    this.root = root;
    this.strict = new GeneratedFilesSource(root);
  }

  @Override
  public List<BatchKey> batches(String network, LocalDate from, LocalDate to) throws IOException {
    return strict.batches(network, from, to);
  }

  @Override
  public long estimate(BatchKey batch) throws IOException {
    return strict.estimate(batch);
  }

  @Override
  public String describe() {
    return strict.describe() + " (canonical lines published as they are)";
  }

  @Override
  public void read(BatchKey batch, RecordVisitor visitor) throws IOException {
    strict.read(batch, visitor);
  }

  @Override
  public void readLines(BatchKey batch, Visitor visitor) throws IOException {
    Path dir = root.resolve(batch.network()).resolve(batch.processingDate());
    byte[][] buffer = {new byte[BUFFER]};
    for (RecordKind kind : BatchFiles.DATA_KINDS) {
      readFile(dir, kind, visitor, buffer);
    }
    readFile(dir, RecordKind.ADDRESS_LABEL, visitor, buffer);
  }

  private void readFile(Path dir, RecordKind kind, Visitor visitor, byte[][] buffer)
      throws IOException {
    Path file = BatchFiles.find(dir, kind);
    if (file == null) {
      return;
    }
    String origin = root.relativize(file).toString();
    try (InputStream in = open(file)) {
      buffer[0] = split(in, buffer[0], kind, origin, visitor);
    }
  }

  /**
   * Calls the visitor for every line of {@code in} as {@link java.io.BufferedReader#readLine} would
   * cut them at '\n' (a '\r' before it is dropped; a last line without terminator counts). Returns
   * the buffer, grown if a line was longer than it.
   */
  static byte[] split(InputStream in, byte[] buf, RecordKind kind, String origin, Visitor visitor)
      throws IOException {
    int start = 0;
    int end = 0;
    long number = 0;
    while (true) {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        if (start < end) {
          number++;
          emit(buf, start, end, kind, origin, number, visitor);
        }
        return buf;
      }
      int scan = end;
      end += n;
      for (int i = newline(buf, scan, end); i >= 0; i = newline(buf, start, end)) {
        number++;
        emit(buf, start, i, kind, origin, number, visitor);
        start = i + 1;
      }
      // keep the partial last line at the front; grow only when one line fills the buffer
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      } else if (end == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The first '\n' in {@code buf[from, to)}, or -1: eight bytes at a time (the classic "has a zero
   * byte" test on the word XOR '\n'; the lowest flagged byte is always a real match), which is what
   * keeps line splitting at a few GB/s instead of one byte per loop turn. Small on purpose: called
   * once per line, it is compiled and inlined early instead of waiting for an OSR of a long loop.
   */
  static int newline(byte[] buf, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long w = (long) LONGS.get(buf, i) ^ NEWLINES;
      long t = (w - ONES) & ~w & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void emit(
      byte[] buf, int from, int to, RecordKind kind, String origin, long number, Visitor visitor) {
    if (to > from && buf[to - 1] == '\r') {
      to--;
    }
    visitor.line(kind, buf, from, to - from, origin, number);
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }
}
