package io.alertscoring.training.real;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The ground truth of an AMLSim archive that the SOT stream does not carry: every account's {@code
 * isFraud} flag (the source publishes labels only for alerted accounts) and the time steps each
 * account transacted in. Needed to say how many fraud accounts the rule analyzers never alert (the
 * recall ceiling of anything scoring their alerts). Reads {@code nodes.csv} and {@code
 * transactions.csv} straight from the {@code .tgz} (plain ustar entries, as in the published
 * samples).
 */
public final class AmlSimArchive {
  private final int[] fraud; // per node: 1 fraud, 0 not, -1 not in nodes.csv
  private final int[] src;
  private final int[] dst;
  private final int[] step;
  private final int transactions;

  private AmlSimArchive(int[] fraud, int[] src, int[] dst, int[] step, int transactions) {
    this.fraud = fraud;
    this.src = src;
    this.dst = dst;
    this.step = step;
    this.transactions = transactions;
  }

  public int nodes() {
    int n = 0;
    for (int f : fraud) {
      n += f >= 0 ? 1 : 0;
    }
    return n;
  }

  public int fraudNodes() {
    int n = 0;
    for (int f : fraud) {
      n += f == 1 ? 1 : 0;
    }
    return n;
  }

  public boolean isFraud(int node) {
    return node >= 0 && node < fraud.length && fraud[node] == 1;
  }

  public int transactions() {
    return transactions;
  }

  /** Whether each node sent or received a transaction in steps [from, to]. */
  public boolean[] activeBetween(int from, int to) {
    boolean[] active = new boolean[fraud.length];
    for (int i = 0; i < transactions; i++) {
      if (step[i] >= from && step[i] <= to) {
        active[src[i]] = true;
        active[dst[i]] = true;
      }
    }
    return active;
  }

  public int nodeCapacity() {
    return fraud.length;
  }

  public static AmlSimArchive read(Path archive) throws IOException {
    byte[] nodes = null;
    byte[] transactions = null;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
      byte[] header = new byte[512];
      while (readBlock(in, header)) {
        if (isZero(header)) {
          break;
        }
        String name = text(header, 0, 100);
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        long padded = (size + 511) / 512 * 512;
        boolean file = type == '0' || type == 0;
        if (file && (name.endsWith("/nodes.csv") || name.equals("nodes.csv"))) {
          nodes = content(in, size, padded);
        } else if (file
            && (name.endsWith("/transactions.csv") || name.equals("transactions.csv"))) {
          transactions = content(in, size, padded);
        } else {
          in.skipNBytes(padded);
        }
      }
    }
    if (nodes == null || transactions == null) {
      throw new IOException(archive + " is not an AMLSim sample: nodes.csv or transactions.csv");
    }
    int[] fraud = new int[0];
    try (BufferedReader r = reader(nodes)) {
      String[] head = r.readLine().split(",");
      int id = Arrays.asList(head).indexOf("nodeid");
      int flag = Arrays.asList(head).indexOf("isFraud");
      if (id < 0 || flag < 0) {
        throw new IOException(archive + ": nodes.csv lacks nodeid or isFraud");
      }
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",");
        if (f.length != head.length) {
          continue; // the source reports malformed rows; they carry no account here
        }
        int node = Integer.parseInt(f[id].strip());
        if (node >= fraud.length) {
          int old = fraud.length;
          fraud = Arrays.copyOf(fraud, Math.max(node + 1, old * 2));
          Arrays.fill(fraud, old, fraud.length, -1);
        }
        fraud[node] = Double.parseDouble(f[flag].strip()) == 1 ? 1 : 0;
      }
    }
    int[] src = new int[1024];
    int[] dst = new int[1024];
    int[] step = new int[1024];
    int n = 0;
    int maxNode = fraud.length - 1;
    try (BufferedReader r = reader(transactions)) {
      java.util.List<String> head = Arrays.asList(r.readLine().split(","));
      int s = head.indexOf("sourceNodeId");
      int t = head.indexOf("targetNodeId");
      int time = head.indexOf("time");
      if (s < 0 || t < 0 || time < 0) {
        throw new IOException(archive + ": transactions.csv lacks sourceNodeId/targetNodeId/time");
      }
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",");
        if (f.length != head.size() || f[s].strip().equals(f[t].strip())) {
          continue; // malformed rows and self-transfers are bad rows of the source, not activity
        }
        if (n == src.length) {
          src = Arrays.copyOf(src, n * 2);
          dst = Arrays.copyOf(dst, n * 2);
          step = Arrays.copyOf(step, n * 2);
        }
        src[n] = Integer.parseInt(f[s].strip());
        dst[n] = Integer.parseInt(f[t].strip());
        step[n] = (int) Double.parseDouble(f[time].strip());
        maxNode = Math.max(maxNode, Math.max(src[n], dst[n]));
        n++;
      }
    }
    if (maxNode >= fraud.length) {
      int old = fraud.length;
      fraud = Arrays.copyOf(fraud, maxNode + 1);
      Arrays.fill(fraud, old, fraud.length, -1);
    }
    return new AmlSimArchive(fraud, src, dst, step, n);
  }

  private static BufferedReader reader(byte[] bytes) {
    return new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
  }

  private static byte[] content(InputStream in, long size, long padded) throws IOException {
    if (size > 512L << 20) {
      throw new IOException("archive entry too large: " + size + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new EOFException("truncated archive entry");
    }
    in.skipNBytes(padded - size);
    return data;
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, block.length);
    if (n == 0) {
      return false;
    }
    if (n < block.length) {
      throw new EOFException("truncated tar header");
    }
    return true;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) throws IOException {
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
        throw new IOException("bad size in tar header");
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }
}
