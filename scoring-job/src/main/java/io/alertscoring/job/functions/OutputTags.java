package io.alertscoring.job.functions;

import io.alertscoring.job.model.AddressRecord;
import io.alertscoring.job.model.AlertContext;
import io.alertscoring.job.model.BatchPart;
import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.DeadLetter;
import io.alertscoring.schemas.output.LiveAlertScore;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs of the job's functions. */
public final class OutputTags {
  private OutputTags() {}

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
  public static final OutputTag<AddressRecord> ADDRESS_RECORDS =
      new OutputTag<>("address-records", TypeInformation.of(AddressRecord.class));
  public static final OutputTag<AlertContext> ALERT_CONTEXTS =
      new OutputTag<>("alert-contexts", TypeInformation.of(AlertContext.class));
  public static final OutputTag<BatchPart> BATCH_PARTS =
      new OutputTag<>("batch-parts", TypeInformation.of(BatchPart.class));
  public static final OutputTag<BatchMetadata> BATCH_METADATA =
      new OutputTag<>("batch-metadata", TypeInformation.of(BatchMetadata.class));
  public static final OutputTag<AlertScore> ALERT_SCORES =
      new OutputTag<>("alert-scores", TypeInformation.of(AlertScore.class));
  public static final OutputTag<LiveAlertScore> LIVE_SCORES =
      new OutputTag<>("live-scores", TypeInformation.of(LiveAlertScore.class));
  public static final OutputTag<AlertRanking> ALERT_RANKINGS =
      new OutputTag<>("alert-rankings", TypeInformation.of(AlertRanking.class));
  public static final OutputTag<ClusterScore> CLUSTER_SCORES =
      new OutputTag<>("cluster-scores", TypeInformation.of(ClusterScore.class));
}
