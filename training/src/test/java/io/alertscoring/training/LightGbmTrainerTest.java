package io.alertscoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.core.features.AlertFacts;
import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.core.features.SotFamily;
import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.core.sample.SampleBatchGenerator;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LightGbmTrainerTest {

  /** Sample batches labelled by a noisy rule on alert fields, labels arriving 10 days later. */
  static List<LabelledBatch> batches(int days) {
    List<LabelledBatch> batches = new ArrayList<>();
    Random noise = new Random(5);
    for (int d = 0; d < days; d++) {
      LocalDate date = LocalDate.of(2026, 1, 1).plusDays(d);
      BatchKey key = new BatchKey("ethereum", date.toString(), 7);
      SampleBatch sample = SampleBatchGenerator.generate(key, 120, 17);
      Map<String, AddressLabel> labels = new HashMap<>();
      Map<String, LocalDate> arrival = new HashMap<>();
      for (Alert alert : sample.alerts()) {
        boolean positive =
            (alert.alertConfidenceScore() > 0.6 && alert.severity().ordinal() >= 2)
                ^ noise.nextDouble() < 0.05;
        labels.put(
            alert.address(),
            new AddressLabel(
                key.network(),
                key.processingDate(),
                7,
                alert.address(),
                positive ? "illicit" : "benign",
                "eoa",
                positive ? Severity.HIGH : Severity.LOW,
                0.9,
                "test"));
        arrival.put(alert.address(), date.plusDays(10));
      }
      batches.add(
          new LabelledBatch(
              new AssembledBatch(
                  key, sample.alerts(), sample.features(), sample.clusters(), sample.moneyFlows()),
              labels,
              arrival));
    }
    return batches;
  }

  @Test
  void labelsThatArriveAfterTheTrainingDateAreNotUsed() {
    List<LabelledBatch> batches = batches(3);
    FeatureMatrix early =
        DatasetBuilder.alerts(batches, LocalDate.of(2026, 1, 11), DatasetBuilder::binaryTarget);
    FeatureMatrix all =
        DatasetBuilder.alerts(batches, LocalDate.of(2026, 2, 1), DatasetBuilder::binaryTarget);
    assertThat(early.rows()).isEqualTo(120); // only day 1's labels had arrived on Jan 11
    assertThat(all.rows()).isEqualTo(360);
    assertThat(all.groups()).containsExactly(120, 120, 120);
  }

  @Test
  void trainingIsDeterministicAndLearnsTheSignal() throws Exception {
    List<LabelledBatch> batches = batches(6);
    LocalDate asOf = LocalDate.of(2026, 3, 1);
    FeatureMatrix train =
        DatasetBuilder.alerts(batches.subList(0, 4), asOf, DatasetBuilder::binaryTarget);
    FeatureMatrix valid =
        DatasetBuilder.alerts(batches.subList(4, 6), asOf, DatasetBuilder::binaryTarget);
    TrainingParams params = TrainingParams.binary(42);
    LightGbmTrainer.Trained first =
        LightGbmTrainer.train(params, AlertFeatureSet.NAMES, train, valid, i -> {});
    LightGbmTrainer.Trained second =
        LightGbmTrainer.train(params, AlertFeatureSet.NAMES, train, valid, i -> {});
    assertThat(second.modelText()).isEqualTo(first.modelText());
    assertThat(first.bestValidationMetric()).isGreaterThan(0.8);
    assertThat(first.modelText())
        .contains("feature_names=" + String.join(" ", AlertFeatureSet.NAMES));
  }

  @Test
  void theLiveScorersExamplesAreExactlyTheAlertColumnsTheLivePathComputesOnArrival() {
    List<LabelledBatch> batches = batches(2);
    FeatureMatrix full =
        DatasetBuilder.alerts(batches, LocalDate.of(2026, 2, 1), DatasetBuilder::binaryTarget);
    FeatureMatrix live = full.firstColumns(AlertFeatureSet.ALERT_COLUMNS);
    assertThat(live.columns()).isEqualTo(AlertFeatureSet.LIVE_NAMES.size());
    assertThat(live.rows()).isEqualTo(full.rows());
    assertThat(live.labels()).isEqualTo(full.labels());
    assertThat(live.groups()).isEqualTo(full.groups());
    int row = 0;
    for (LabelledBatch batch : batches) {
      AssembledBatch assembled = batch.batch();
      long endOfDate = SotFamily.endOfDateMs(assembled.key().processingDate());
      for (Alert alert : assembled.alerts()) {
        AddressFeatures features = assembled.featuresOf(alert.address());
        double[] onArrival =
            AlertFeatureSet.alertColumns(
                AlertFacts.of(alert), features == null ? null : features.values(), endOfDate);
        assertThat(live.row(row)).as(alert.alertId()).isEqualTo(onArrival);
        row++;
      }
    }
    assertThat(row).isEqualTo(live.rows());
  }

  @Test
  void modelSizeCountsTreesAndLeaves() throws Exception {
    List<LabelledBatch> batches = batches(4);
    LocalDate asOf = LocalDate.of(2026, 3, 1);
    FeatureMatrix train =
        DatasetBuilder.alerts(batches.subList(0, 3), asOf, DatasetBuilder::binaryTarget)
            .firstColumns(AlertFeatureSet.ALERT_COLUMNS);
    FeatureMatrix valid =
        DatasetBuilder.alerts(batches.subList(3, 4), asOf, DatasetBuilder::binaryTarget)
            .firstColumns(AlertFeatureSet.ALERT_COLUMNS);
    TrainingParams params = TrainingParams.live(42);
    LightGbmTrainer.Trained live =
        LightGbmTrainer.train(params, AlertFeatureSet.LIVE_NAMES, train, valid, i -> {});
    TrainingPipeline.ModelSize size = TrainingPipeline.ModelSize.of(live.modelText());
    assertThat(size.trees()).isEqualTo(live.bestIteration()).isPositive();
    assertThat(size.leaves())
        .isBetween((long) size.trees(), (long) size.trees() * params.numLeaves());
    assertThat(live.modelText())
        .contains("feature_names=" + String.join(" ", AlertFeatureSet.LIVE_NAMES));
  }
}
