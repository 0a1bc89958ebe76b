package io.alertscoring.job.logic;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.BatchControl;

/**
 * Distinct records received per kind against what the batch-control record announced. The batch
 * closes when the control record is in and every announced count is met; the job never closes on a
 * guess, so a missing control record or a shortfall ends in a FAILED batch at the timeout.
 */
public final class BatchProgress {
  private final long alerts;
  private final long features;
  private final long clusters;
  private final long moneyFlows;
  private final BatchControl control;

  public BatchProgress(
      long alerts, long features, long clusters, long moneyFlows, BatchControl control) {
    this.alerts = alerts;
    this.features = features;
    this.clusters = clusters;
    this.moneyFlows = moneyFlows;
    this.control = control;
  }

  public boolean isComplete() {
    return control != null
        && alerts >= control.alertCount()
        && features >= control.featureCount()
        && clusters >= control.clusterCount()
        && moneyFlows >= control.moneyFlowCount();
  }

  /** What is missing, for the FAILED batch's error message. */
  public String describeShortfall() {
    if (control == null) {
      return "batch-control record never arrived; received "
          + alerts
          + " alerts, "
          + features
          + " features, "
          + clusters
          + " clusters, "
          + moneyFlows
          + " money flows";
    }
    return "received alerts "
        + alerts
        + "/"
        + control.alertCount()
        + ", features "
        + features
        + "/"
        + control.featureCount()
        + ", clusters "
        + clusters
        + "/"
        + control.clusterCount()
        + ", money flows "
        + moneyFlows
        + "/"
        + control.moneyFlowCount();
  }

  /**
   * A note when more distinct records arrived than announced (the batch still closes: nothing was
   * lost, but the control record was wrong), or {@code null}.
   */
  public String describeExcess() {
    if (control == null) {
      return null;
    }
    StringBuilder note = new StringBuilder();
    excess(note, "alerts", alerts, control.alertCount());
    excess(note, "features", features, control.featureCount());
    excess(note, "clusters", clusters, control.clusterCount());
    excess(note, "money flows", moneyFlows, control.moneyFlowCount());
    return note.length() == 0
        ? null
        : "more records than the batch-control record announced:" + note;
  }

  private static void excess(StringBuilder note, String what, long received, long expected) {
    if (received > expected) {
      note.append(' ').append(what).append(' ').append(received).append('/').append(expected);
    }
  }

  public long received(RecordKind kind) {
    return switch (kind) {
      case ALERT -> alerts;
      case FEATURES -> features;
      case CLUSTER -> clusters;
      case MONEY_FLOW -> moneyFlows;
      default -> 0;
    };
  }
}
