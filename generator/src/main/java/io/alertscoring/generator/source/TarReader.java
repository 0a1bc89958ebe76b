package io.alertscoring.generator.source;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal sequential reader of tar archives (POSIX ustar, GNU long names, PAX path records): all
 * the AMLSim samples need. Written here instead of using commons-compress because its current
 * versions need a newer commons-io than the one Kafka brings onto the launcher's classpath, and
 * reading a tar stream is 100 lines.
 */
final class TarReader {
  private static final int BLOCK = 512;

  private final InputStream in;
  private long remaining;
  private long padding;

  TarReader(InputStream in) {
    this.in = in;
  }

  /** One entry: its path and whether it is a regular file. */
  record Entry(String name, boolean file, long size) {}

  /** Advances to the next entry (skipping the rest of the current one); null at the end. */
  Entry next() throws IOException {
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    String longName = null;
    while (true) {
      byte[] header = new byte[BLOCK];
      if (!readBlock(header)) {
        return null;
      }
      if (allZero(header)) {
        return null;
      }
      long size = number(header, 124, 12);
      char type = (char) header[156];
      long pad = (BLOCK - size % BLOCK) % BLOCK;
      if (type == 'L' || type == 'x' || type == 'g') {
        byte[] data = readFully(size);
        skip(pad);
        if (type == 'L') {
          longName = cString(data, 0, data.length);
        } else if (type == 'x') {
          String path = paxPath(data);
          if (path != null) {
            longName = path;
          }
        }
        continue;
      }
      String name = cString(header, 0, 100);
      if (new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
        String prefix = cString(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
      }
      if (longName != null) {
        name = longName;
      }
      remaining = size;
      padding = pad;
      return new Entry(name, type == '0' || type == 0, size);
    }
  }

  /** The current entry's content; reading stops at the entry's end. */
  InputStream content() {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int b = in.read();
        if (b >= 0) {
          remaining--;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
          remaining -= n;
        }
        return n;
      }

      @Override
      public void close() {
        // the archive stays open for the next entry
      }
    };
  }

  private boolean readBlock(byte[] block) throws IOException {
    int read = 0;
    while (read < block.length) {
      int n = in.read(block, read, block.length - read);
      if (n < 0) {
        if (read == 0) {
          return false;
        }
        throw new EOFException("truncated tar header");
      }
      read += n;
    }
    return true;
  }

  private byte[] readFully(long size) throws IOException {
    if (size > 16 << 20) {
      throw new IOException("tar extension header too large: " + size);
    }
    byte[] data = new byte[(int) size];
    int read = 0;
    while (read < data.length) {
      int n = in.read(data, read, data.length - read);
      if (n < 0) {
        throw new EOFException("truncated tar entry");
      }
      read += n;
    }
    return data;
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("truncated tar entry");
        }
        skipped = 1;
      }
      n -= skipped;
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** Octal (NUL/space terminated) or GNU base-256 when the high bit of the first byte is set. */
  private static long number(byte[] b, int off, int len) throws IOException {
    if ((b[off] & 0x80) != 0) {
      long v = b[off] & 0x7f;
      for (int i = 1; i < len; i++) {
        v = (v << 8) | (b[off + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    for (int i = off; i < off + len; i++) {
      int c = b[i];
      if (c == 0 || c == ' ') {
        if (v > 0) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7') {
        throw new IOException("bad octal number in tar header");
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** The {@code path=} record of a PAX extended header, or null. */
  private static String paxPath(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 6);
      }
    }
    return null;
  }
}
