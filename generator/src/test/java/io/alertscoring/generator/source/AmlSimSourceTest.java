package io.alertscoring.generator.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.derive.DerivedBatch;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AmlSimSourceTest {
  static final LocalDate STEP_ONE = LocalDate.parse("2026-01-01");

  @Test
  void timeStepsBecomeProcessingDatesAndRulesRaiseAlerts() throws Exception {
    AmlSimSource source = new AmlSimSource(SharedDatasets.amlsim("20K_fanin200.tgz"), STEP_ONE, 7);
    // 118,250 transactions in the archive; self-transfers are reported as bad rows
    assertThat(source.transactionCount() + source.badRowCount()).isEqualTo(118_250);
    List<BatchKey> all = source.batches("amlsim", STEP_ONE, STEP_ONE.plusDays(400));
    assertThat(all).hasSize(149); // steps 1..149
    assertThat(all.get(0).processingDate()).isEqualTo("2026-01-01");
    assertThat(all.get(148).processingDate()).isEqualTo("2026-05-29");

    BatchKey day60 = new BatchKey("amlsim", STEP_ONE.plusDays(59).toString(), 7);
    CollectingVisitor v = new CollectingVisitor();
    source.read(day60, v);
    assertThat(v.bad).hasSize(source.badRowCount()).allMatch(b -> b.contains("self-transfer"));
    List<SotRecord> alerts = v.of(RecordKind.ALERT);
    assertThat(alerts).isNotEmpty();
    assertThat(v.of(RecordKind.MONEY_FLOW)).isNotEmpty();
    Set<String> typologies = new HashSet<>();
    for (SotRecord r : alerts) {
      typologies.add(((Alert) r).typologyType());
    }
    assertThat(typologies).contains("fan_in");
    // labels only for alerted accounts, with both classes over the whole archive
    Set<String> alerted = new HashSet<>();
    alerts.forEach(r -> alerted.add(((Alert) r).address()));
    for (SotRecord r : v.of(RecordKind.ADDRESS_LABEL)) {
      assertThat(alerted).contains(((AddressLabel) r).address());
    }
    for (RecordKind kind : RecordKind.values()) {
      for (SotRecord r : v.of(kind)) {
        SotJson.decode(kind, SotJson.encode(r));
      }
    }
    // bad rows are reported once, with the first batch read
    CollectingVisitor again = new CollectingVisitor();
    source.read(day60, again);
    assertThat(again.bad).isEmpty();
    DerivedBatch derived = source.derive(day60);
    assertThat(derived.alerts()).hasSize(alerts.size());

    int positives = 0;
    int labels = 0;
    for (BatchKey b : all.subList(20, 60)) {
      CollectingVisitor w = new CollectingVisitor();
      source.read(b, w);
      for (SotRecord r : w.of(RecordKind.ADDRESS_LABEL)) {
        labels++;
        positives += ((AddressLabel) r).isPositive() ? 1 : 0;
      }
    }
    assertThat(positives).isPositive().isLessThan(labels);
  }
}
