package io.alertscoring.generator.output;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * One JSON-lines file, written sequentially in chunks of whole lines; optionally gzip. Counts lines
 * and bytes and computes the SHA-256 of the file and of its uncompressed content.
 *
 * <p>Gzip files are a sequence of gzip members, one per chunk, compressed by the caller (the
 * generator's worker threads), so compression runs in parallel while the single writer only appends
 * bytes. Concatenated members are standard gzip (RFC 1952; {@code gzip -d}, {@link
 * java.util.zip.GZIPInputStream} and ClickHouse read them as one stream). The ratio is a little
 * lower than one member per file, the throughput much higher.
 *
 * <p>Trade-off on gzip and determinism: java.util.zip writes a fixed header (no name, mtime 0), but
 * the deflate bytes come from the zlib the JDK is linked against, and two zlib versions may
 * compress the same content differently. The content hash is therefore what the manifest promises
 * to be identical on any machine; the file hash is identical for the same JDK/zlib.
 */
public final class JsonlSink implements AutoCloseable {
  private final Path path;
  private final String relativePath;
  private final boolean gzip;
  private final MessageDigest fileDigest;
  private final MessageDigest contentDigest;
  private final OutputStream out;
  private final CountingStream fileBytes;
  private long lines;
  private long contentBytes;
  private boolean empty = true;
  private boolean closed;
  private FileEntry entry;

  public JsonlSink(Path root, String relativePath, boolean gzip) {
    this.relativePath = relativePath;
    this.path = root.resolve(relativePath);
    this.gzip = gzip;
    try {
      Files.createDirectories(path.getParent());
      fileDigest = MessageDigest.getInstance("SHA-256");
      contentDigest = MessageDigest.getInstance("SHA-256");
      fileBytes = new CountingStream(Files.newOutputStream(path));
      out = new BufferedOutputStream(new DigestOutputStream(fileBytes, fileDigest), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + path, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String relativePath() {
    return relativePath;
  }

  public boolean gzip() {
    return gzip;
  }

  /** Appends one record line (the newline is added). */
  public void line(byte[] utf8Json) {
    byte[] raw = new byte[utf8Json.length + 1];
    System.arraycopy(utf8Json, 0, raw, 0, utf8Json.length);
    raw[utf8Json.length] = '\n';
    chunk(raw, gzip ? gzipMember(raw) : null, 1);
  }

  /**
   * Appends whole lines: {@code raw} ends with a newline; {@code gzMember} is {@link
   * #gzipMember(byte[])} of it when this sink is gzip (ignored otherwise).
   */
  public void chunk(byte[] raw, byte[] gzMember, int lineCount) {
    if (raw.length == 0) {
      return;
    }
    try {
      out.write(gzip ? gzMember : raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    contentDigest.update(raw);
    contentBytes += raw.length;
    lines += lineCount;
    empty = false;
  }

  public long lineCount() {
    return lines;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (gzip && empty) {
        out.write(gzipMember(new byte[0])); // an empty file is not valid gzip; an empty member is
      }
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path, e);
    }
    String fileHash = HexFormat.of().formatHex(fileDigest.digest());
    String contentHash = HexFormat.of().formatHex(contentDigest.digest());
    entry =
        new FileEntry(relativePath, lines, fileBytes.count, contentBytes, fileHash, contentHash);
  }

  /** The manifest entry; available after {@link #close()}. */
  public FileEntry entry() {
    if (entry == null) {
      throw new IllegalStateException("not closed yet: " + relativePath);
    }
    return entry;
  }

  /** One gzip member holding {@code raw}. Thread-safe (no shared state). */
  public static byte[] gzipMember(byte[] raw) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(raw.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(buffer, 1 << 16)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /** What the manifest records about one file. */
  public record FileEntry(
      String path,
      long lines,
      long bytes,
      long contentBytes,
      String sha256,
      String contentSha256) {}

  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
