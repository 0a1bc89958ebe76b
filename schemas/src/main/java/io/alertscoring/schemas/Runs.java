package io.alertscoring.schemas;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Runs: every publication of a batch is a run with its own id, carried on every record of the
 * publication as the Kafka header {@value #HEADER}. Records of one run are scored together; a new
 * run of the same date is accepted at any time and, once all its rows are stored, replaces the
 * previous run whole (ADR 0006). Records without the header belong to the batch's untagged run,
 * whose id the job assigns.
 */
public final class Runs {
  private Runs() {}

  /** The Kafka header that names a record's run. */
  public static final String HEADER = "run_id";

  /** Letters, digits and {@code . _ : -}, at most 64: safe in keys, file names and URLs. */
  public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh run id for a publication starting now, e.g. {@code r20261201T134200123Z-3f9a}. */
  public static String newId(long nowMs) {
    return "r"
        + STAMP.format(Instant.ofEpochMilli(nowMs))
        + "-"
        + Integer.toHexString(0x10000 + RANDOM.nextInt(0x10000)).substring(1);
  }

  /** Why {@code runId} is not acceptable, or {@code null} when it is. */
  public static String problem(String runId) {
    if (runId == null || runId.isEmpty()) {
      return null; // untagged
    }
    if (!VALID.matcher(runId).matches()) {
      return "run id '"
          + (runId.length() > 80 ? runId.substring(0, 80) + "..." : runId)
          + "' is not 1-64 characters of letters, digits and . _ : -";
    }
    return null;
  }

  /** The job's key of one run of a batch: {@code network/date/window/run} ("" when untagged). */
  public static String key(BatchKey batch, String runTag) {
    return batch.id() + "/" + (runTag == null ? "" : runTag);
  }

  /** The key of the run a stored row belongs to. */
  public static String key(String network, String processingDate, int windowDays, String runId) {
    return network + "/" + processingDate + "/" + windowDays + "/" + runId;
  }

  /** The batch of a run key. */
  public static BatchKey batchOf(String runKey) {
    String[] parts = runKey.split("/", -1);
    return new BatchKey(parts[0], parts[1], Integer.parseInt(parts[2]));
  }

  /** The run tag of a run key: "" for an untagged run. */
  public static String tagOf(String runKey) {
    String[] parts = runKey.split("/", -1);
    return parts.length > 3 ? parts[3] : "";
  }
}
