package io.alertscoring.launcher.data;

import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.json.SotJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cheap look at a SOT JSON line that lets a file replay send it as it is instead of decoding
 * and re-encoding it. A line is <em>canonical</em> when it is laid out the way the generator (and
 * {@link SotJson#encode}) writes it: it starts with exactly the batch's {@code
 * {"network":"N","processing_date":"D","window_days":W,} prefix, the record identity field(s)
 * follow at once ({@code alert_id}; {@code address}; {@code cluster_id}; {@code
 * from_address},{@code to_address}) as strings without escapes, and it ends with {@code }}. That is
 * all the replayer needs: the batch (for the key and the batch check) and the identity (for the
 * distinct counts of the batch-control record).
 *
 * <p>Trade-off: the other fields are not validated here. A line that passes this check but is
 * invalid further in (a wrong type, an unknown enum value) is published and counted; the job
 * validates every record strictly and sends it to its dead-letter topic with the reason, exactly as
 * it would for a bad record from upstream. A line that fails the check is not rejected: the caller
 * decodes it strictly (slow path), so an unusual but valid layout is still replayed, and a broken
 * line is a bad row with the decoder's reason.
 */
final class CanonicalLines {
  private CanonicalLines() {}

  /** Returned by {@link #identityHash} when the line is not canonical (decode it instead). */
  static final long NOT_CANONICAL = Long.MIN_VALUE;

  private static final int MAX_ID = 256;
  private static final byte[] ALERT_ID = ascii("\"alert_id\":\"");
  private static final byte[] ADDRESS = ascii("\"address\":\"");
  private static final byte[] CLUSTER_ID = ascii("\"cluster_id\":\"");
  private static final byte[] FROM_ADDRESS = ascii("\"from_address\":\"");
  private static final byte[] TO_ADDRESS = ascii(",\"to_address\":\"");

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** The exact bytes every canonical line of {@code batch} starts with. */
  static byte[] prefix(BatchKey batch) {
    return ("{\"network\":\""
            + batch.network()
            + "\",\"processing_date\":\""
            + batch.processingDate()
            + "\",\"window_days\":"
            + batch.windowDays()
            + ",")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The hash of the record identity of a canonical line of {@code kind} (the same value {@link
   * #hash(String)} gives for the decoded record's {@code recordId()}), or {@link #NOT_CANONICAL}.
   */
  static long identityHash(RecordKind kind, byte[] prefix, byte[] buf, int off, int len) {
    int end = off + len;
    if (len <= prefix.length
        || len > SotJson.MAX_MESSAGE_BYTES
        || buf[end - 1] != '}'
        || !Arrays.equals(buf, off, off + prefix.length, prefix, 0, prefix.length)) {
      return NOT_CANONICAL;
    }
    int p = off + prefix.length;
    return switch (kind) {
      case ALERT -> stringField(ALERT_ID, buf, p, end, FNV_OFFSET);
      case FEATURES, ADDRESS_LABEL -> stringField(ADDRESS, buf, p, end, FNV_OFFSET);
      case CLUSTER -> stringField(CLUSTER_ID, buf, p, end, FNV_OFFSET);
      case MONEY_FLOW -> {
        int from = valueStart(FROM_ADDRESS, buf, p, end);
        int fromEnd = from < 0 ? -1 : valueEnd(buf, from, end);
        if (fromEnd < 0) {
          yield NOT_CANONICAL;
        }
        long h = fnv(FNV_OFFSET, buf, from, fromEnd);
        h = fnv(fnv(h, '-'), '>');
        yield stringField(TO_ADDRESS, buf, fromEnd + 1, end, h);
      }
      case BATCH_CONTROL -> NOT_CANONICAL;
    };
  }

  /** The identity of a canonical line as text, for messages (rare: repeated identities). */
  static String identity(RecordKind kind, byte[] prefix, byte[] buf, int off, int len) {
    int end = off + len;
    int p = off + prefix.length;
    return switch (kind) {
      case ALERT -> text(ALERT_ID, buf, p, end);
      case FEATURES, ADDRESS_LABEL -> text(ADDRESS, buf, p, end);
      case CLUSTER -> text(CLUSTER_ID, buf, p, end);
      case MONEY_FLOW -> {
        int from = valueStart(FROM_ADDRESS, buf, p, end);
        int fromEnd = valueEnd(buf, from, end);
        yield new String(buf, from, fromEnd - from, StandardCharsets.UTF_8)
            + "->"
            + text(TO_ADDRESS, buf, fromEnd + 1, end);
      }
      case BATCH_CONTROL -> "";
    };
  }

  /**
   * FNV-1a 64 over the UTF-8 bytes of an identity. For ASCII ids (all real ones) this equals {@link
   * LongHashSet#hash(String)}, which hashes UTF-16 units; UTF-8 is used so that the bytes of a
   * canonical line and its decoded record hash alike whatever the characters.
   */
  static long hash(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return fnv(FNV_OFFSET, b, 0, b.length);
      }
      h = fnv(h, c);
    }
    return h;
  }

  private static long stringField(byte[] field, byte[] buf, int p, int end, long h) {
    int start = valueStart(field, buf, p, end);
    int stop = start < 0 ? -1 : valueEnd(buf, start, end);
    return stop < 0 ? NOT_CANONICAL : fnv(h, buf, start, stop);
  }

  /** Where the value of {@code field} starts when the field is at {@code p}, else -1. */
  private static int valueStart(byte[] field, byte[] buf, int p, int end) {
    int q = p + field.length;
    return q < end && Arrays.equals(buf, p, q, field, 0, field.length) ? q : -1;
  }

  /** The closing quote of a non-empty id value without escapes starting at {@code p}, else -1. */
  private static int valueEnd(byte[] buf, int p, int end) {
    int limit = Math.min(end, p + MAX_ID + 1);
    for (int i = p; i < limit; i++) {
      byte b = buf[i];
      if (b == '"') {
        return i > p ? i : -1;
      }
      if (b == '\\' || (b >= 0 && b < 0x20)) {
        return -1;
      }
    }
    return -1;
  }

  private static String text(byte[] field, byte[] buf, int p, int end) {
    int start = valueStart(field, buf, p, end);
    int stop = valueEnd(buf, start, end);
    return new String(buf, start, stop - start, StandardCharsets.UTF_8);
  }

  private static long fnv(long h, byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      h = fnv(h, buf[i] & 0xff);
    }
    return h;
  }

  private static long fnv(long h, int b) {
    return (h ^ b) * FNV_PRIME;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
