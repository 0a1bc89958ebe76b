package io.alertscoring.training.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AMLSim time-split evaluation on one real archive (about 5 s on 2 cores). */
class AmlSimEvaluationTest {

  @Test
  void timeSplitEvaluationAndRecallCeilingOnFanIn() throws Exception {
    Path archive = RealDatasets.file("amlsim-ibm-20k/20K_fanin200.tgz");
    AmlSimArchive truth = AmlSimArchive.read(archive);
    assertThat(truth.nodes()).isEqualTo(20_000);
    assertThat(truth.fraudNodes()).isEqualTo(954); // metadata.txt: 954 fraud nodes

    AmlSimEvaluation.Result r = AmlSimEvaluation.run(archive, 42, line -> {});
    assertThat(r.dates()).isEqualTo(149);
    // train strictly before validation strictly before test
    List<LocalDate> train = r.split().train();
    List<LocalDate> validation = r.split().validation();
    List<LocalDate> test = r.split().test();
    assertThat(train.get(train.size() - 1)).isBefore(validation.get(0));
    assertThat(validation.get(validation.size() - 1)).isBefore(test.get(0));
    assertThat(r.trainRows() + r.validationRows() + r.alertLevel().examples())
        .isEqualTo(r.alerts() - r.unlabelledAlerts());

    AmlSimEvaluation.Ceiling c = r.ceiling();
    assertThat(c.fraudAccounts()).isEqualTo(954);
    assertThat(c.fraudEverAlerted()).isPositive().isLessThan(954);
    assertThat(c.fraudAlertedInTest()).isEqualTo(r.accountLevel().positives());
    assertThat(c.fraudAlertedInTest()).isLessThanOrEqualTo(c.fraudActiveInTest());
    assertThat(c.accountsAlertedInTest()).isEqualTo(r.accountLevel().examples());
    assertThat(r.allActiveAccounts().examples()).isEqualTo(c.accountsActiveInTest());
    assertThat(r.allActiveAccounts().positives()).isEqualTo(c.fraudActiveInTest());
    // the chain cannot find more fraud than the rules alert: recall at any threshold on alerted
    // accounts is bounded by the ceiling, so end-to-end best F1 stays far below the alert level
    assertThat(r.allActiveAccounts().bestF1()).isLessThan(r.accountLevel().bestF1());

    // measured (seed 42): alert-level AUC-ROC 0.969, account-level 0.812; scoring beats chance
    assertThat(r.alertLevel().aucRoc()).isGreaterThan(0.85);
    assertThat(r.accountLevel().aucRoc()).isGreaterThan(0.7);

    assertThat(RealDataReport.table(null, List.of(r)))
        .contains("recall ceiling", "never alerted", "all active accounts");
  }
}
