package io.alertscoring.job.functions;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * An operator's dead letters counted in total ({@code deadLetters}) and per reason code ({@code
 * reason_deadLetters{reason=...}} in Prometheus), so an operator sees at a glance whether records
 * are late, invalid (and in which field) or lost with a failed batch. The codes are a bounded set:
 * the constants here plus {@code invalid:<field>} over the SOT fields, never free text.
 */
final class DeadLetterCounters {
  /** A record of a batch that was already closed. */
  static final String LATE = "late_record";

  /** A second, different batch-control record for a batch. */
  static final String CONFLICTING_CONTROL = "conflicting_batch_control";

  /** A record kind that does not belong to a scoring batch. */
  static final String NOT_BATCH_KIND = "not_batch_kind";

  /** A record of a batch that FAILED, so it was not scored. */
  static final String BATCH_FAILED = "batch_failed";

  private final MetricGroup group;
  private final Counter total;
  private final Map<String, Counter> byReason = new HashMap<>();

  DeadLetterCounters(MetricGroup group) {
    this.group = group;
    this.total = group.counter("deadLetters");
  }

  /**
   * The code of a record that failed strict decoding in {@code field} ("" for the whole record).
   */
  static String invalid(String field) {
    return "invalid:" + (field == null || field.isEmpty() ? "record" : field);
  }

  void inc(String reason) {
    total.inc();
    byReason.computeIfAbsent(reason, r -> group.addGroup("reason", r).counter("deadLetters")).inc();
  }

  long total() {
    return total.getCount();
  }
}
