package io.alertscoring.webhooks.policy;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which offset of one Kafka partition may be committed: the lowest offset that still has unsettled
 * work, or one past the highest tracked offset when none has. Committing Kafka offset {@code X}
 * means "resume reading at X", so every record below the commit position must be done: its
 * deliveries recorded in the ledger (DELIVERED or FAILED), its dead letter acknowledged. Records
 * finish out of order (endpoint queues run in parallel, a retrying endpoint holds its records for
 * minutes); a record that finished early simply waits under the lowest unfinished one, and is read
 * again after a restart, where the ledger deduplicates it.
 *
 * <p>Each tracked record starts with one hold, the "still being dispatched" hold, released by the
 * dispatcher once it has handed the record to every matching endpoint; every delivery the record
 * started or joined adds a hold and releases it when settled. A record with no matching endpoint is
 * done as soon as its first hold is released.
 *
 * <p>Thread-safe: the poll thread tracks and reads, worker and ledger threads release. Memory is
 * one map entry per unfinished record; back-pressure on the endpoint queues bounds their number.
 */
public final class OffsetTracker {
  private final TreeMap<Long, Integer> holds = new TreeMap<>();
  private long next = -1;

  /**
   * Starts tracking the record at {@code offset} with one hold. Offsets must increase: the
   * dispatcher tracks records in poll order and starts a new tracker when a partition is reassigned
   * (and so read again from its committed offset).
   */
  public synchronized Ticket track(long offset) {
    if (offset < next) {
      throw new IllegalArgumentException(
          "offset " + offset + " tracked after " + (next - 1) + ": offsets must increase");
    }
    holds.put(offset, 1);
    next = offset + 1;
    return new Ticket(this, offset);
  }

  /**
   * The position that may be committed, or -1 before any record was tracked: the lowest offset with
   * holds, else one past the highest tracked offset.
   */
  public synchronized long committable() {
    if (next < 0) {
      return -1;
    }
    return holds.isEmpty() ? next : holds.firstKey();
  }

  /** Records tracked and not yet done. */
  public synchronized int unfinished() {
    return holds.size();
  }

  private synchronized void hold(long offset) {
    Integer count = holds.get(offset);
    if (count == null) {
      throw new IllegalStateException("offset " + offset + " is already done");
    }
    holds.put(offset, count + 1);
  }

  private synchronized void release(long offset) {
    Integer count = holds.get(offset);
    if (count == null) {
      throw new IllegalStateException("offset " + offset + " released more often than held");
    }
    if (count == 1) {
      holds.remove(offset);
    } else {
      holds.put(offset, count - 1);
    }
  }

  @Override
  public synchronized String toString() {
    StringBuilder b = new StringBuilder("OffsetTracker[next=").append(next).append(", holds=");
    int shown = 0;
    for (Map.Entry<Long, Integer> e : holds.entrySet()) {
      if (shown++ == 5) {
        b.append("...");
        break;
      }
      b.append(e.getKey()).append('x').append(e.getValue()).append(' ');
    }
    return b.append(']').toString();
  }

  /** The outstanding work of one tracked record. */
  public static final class Ticket {
    private final OffsetTracker tracker;
    private final long offset;

    private Ticket(OffsetTracker tracker, long offset) {
      this.tracker = tracker;
      this.offset = offset;
    }

    public long offset() {
      return offset;
    }

    /** One more piece of work (a delivery, a dead letter) the record waits for. */
    public void hold() {
      tracker.hold(offset);
    }

    /** One piece of work is settled (or the dispatch hold is given up). */
    public void release() {
      tracker.release(offset);
    }
  }
}
