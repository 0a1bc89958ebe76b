package io.alertscoring.training.real;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The readable table and the JSON document of a real-data evaluation. */
public final class RealDataReport {
  private RealDataReport() {}

  /**
   * @param eth the Ethereum illicit result, or null when not run
   * @param amlsim one result per archive (may be empty)
   */
  public static String table(
      EthIllicitEvaluation.Result eth, List<AmlSimEvaluation.Result> amlsim) {
    StringBuilder out = new StringBuilder();
    if (eth != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "Ethereum illicit accounts (%s): %d accounts, %d illicit, %d bad rows;"
                  + " stratified %d-fold CV, seed %d, early stopping on 1/%d of each training"
                  + " fold (%.1f s)%n",
              eth.csv().getFileName(),
              eth.accounts(),
              eth.illicit(),
              eth.badRows(),
              eth.folds().size(),
              eth.seed(),
              EthIllicitEvaluation.VALIDATION_PARTS,
              eth.millis() / 1000.0));
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "fold",
            "test",
            "illicit",
            "iter",
            "AUC-ROC",
            "AUC-PR",
            "best F1",
            "F1@0.5",
            "acc@0.5",
            "F1@val-thr"
          });
      for (EthIllicitEvaluation.Fold f : eth.folds()) {
        BinaryScores s = f.test();
        rows.add(
            new String[] {
              Integer.toString(f.fold()),
              Integer.toString(s.examples()),
              Integer.toString(s.positives()),
              Integer.toString(f.bestIteration()),
              f4(s.aucRoc()),
              f4(s.aucPr()),
              f4(s.bestF1()),
              f4(s.f1At05()),
              f4(s.accuracyAt05()),
              f4(s.f1AtValidationThreshold())
            });
      }
      rows.add(
          new String[] {
            "mean±std",
            "",
            "",
            "",
            pm(eth.mean(BinaryScores::aucRoc)),
            pm(eth.mean(BinaryScores::aucPr)),
            pm(eth.mean(BinaryScores::bestF1)),
            pm(eth.mean(BinaryScores::f1At05)),
            pm(eth.mean(BinaryScores::accuracyAt05)),
            pm(eth.mean(BinaryScores::f1AtValidationThreshold))
          });
      BinaryScores p = eth.pooled();
      rows.add(
          new String[] {
            "pooled",
            Integer.toString(p.examples()),
            Integer.toString(p.positives()),
            "",
            f4(p.aucRoc()),
            f4(p.aucPr()),
            f4(p.bestF1()),
            f4(p.f1At05()),
            f4(p.accuracyAt05()),
            ""
          });
      rows.add(new String[] {"reference", "", "", "", "0.994", "", "", "", "0.963", ""});
      render(out, rows);
      out.append("reference: ")
          .append(EthIllicitEvaluation.REFERENCE)
          .append(
              ".\nthe shared copy is the 9,841-row Kaggle version (9,816 distinct addresses), not"
                  + " the paper's 4,681 accounts; best F1 picks its threshold on the test fold"
                  + " itself (optimistic), F1@val-thr uses the validation slice's best-F1"
                  + " threshold.\n");
    }
    for (AmlSimEvaluation.Result r : amlsim) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(
          String.format(
              Locale.ROOT,
              "IBM AMLSim %s: %d dates (step 1 = %s, %d-day windows), %d alerts; time split:"
                  + " train %s (%d alerts, %d positive), validation %s (%d, %d), test %s;"
                  + " seed %d, best iteration %d (%.1f s)%n",
              r.name(),
              r.dates(),
              AmlSimEvaluation.STEP_ONE,
              AmlSimEvaluation.WINDOW_DAYS,
              r.alerts(),
              AmlSimEvaluation.range(r.split().train()),
              r.trainRows(),
              r.trainPositives(),
              AmlSimEvaluation.range(r.split().validation()),
              r.validationRows(),
              r.validationPositives(),
              AmlSimEvaluation.range(r.split().test()),
              r.seed(),
              r.bestIteration(),
              r.millis() / 1000.0));
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "test set", "examples", "fraud", "AUC-ROC", "AUC-PR", "best F1", "F1@0.5", "F1@val-thr"
          });
      rows.add(amlsimRow("alerts", r.alertLevel()));
      rows.add(amlsimRow("alerted accounts (max score)", r.accountLevel()));
      rows.add(
          r.unseenAccounts() == null
              ? new String[] {"accounts unseen before test", "-", "-", "-", "-", "-", "-", "-"}
              : amlsimRow("accounts unseen before test", r.unseenAccounts()));
      rows.add(amlsimRow("all active accounts (unalerted last)", r.allActiveAccounts()));
      render(out, rows);
      AmlSimEvaluation.Ceiling c = r.ceiling();
      out.append(
          String.format(
              Locale.ROOT,
              "recall ceiling: %d of %d fraud accounts are never alerted on any date; on the test"
                  + " dates %d of %d active fraud accounts are alerted (ceiling %.3f)%n",
              c.fraudNeverAlerted(),
              c.fraudAccounts(),
              c.fraudAlertedInTest(),
              c.fraudActiveInTest(),
              c.testRecallCeiling()));
    }
    return out.toString();
  }

  public static Map<String, Object> json(
      EthIllicitEvaluation.Result eth, List<AmlSimEvaluation.Result> amlsim, int seed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    m.put("feature_count", io.alertscoring.core.features.AlertFeatureSet.NAMES.size());
    if (eth != null) {
      m.put("eth_illicit", eth.asMap());
    }
    List<Map<String, Object>> sims = new ArrayList<>();
    amlsim.forEach(r -> sims.add(r.asMap()));
    if (!sims.isEmpty()) {
      m.put("amlsim", sims);
    }
    return m;
  }

  private static String[] amlsimRow(String name, BinaryScores s) {
    return new String[] {
      name,
      Integer.toString(s.examples()),
      Integer.toString(s.positives()),
      f4(s.aucRoc()),
      f4(s.aucPr()),
      f4(s.bestF1()),
      f4(s.f1At05()),
      f4(s.f1AtValidationThreshold())
    };
  }

  private static String f4(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String pm(EthIllicitEvaluation.Summary s) {
    return String.format(Locale.ROOT, "%.4f±%.4f", s.mean(), s.std());
  }

  private static void render(StringBuilder out, List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = row[i];
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i == 0 ? cell + pad : pad + cell);
        if (i + 1 < row.length) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
      if (r == 0) {
        int total = 0;
        for (int w : width) {
          total += w + 2;
        }
        out.append("-".repeat(total - 2)).append('\n');
      }
    }
  }
}
