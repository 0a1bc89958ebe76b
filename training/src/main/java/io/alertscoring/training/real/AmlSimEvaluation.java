package io.alertscoring.training.real;

import io.alertscoring.core.features.AlertFeatureSet;
import io.alertscoring.core.metrics.BinaryMetrics;
import io.alertscoring.generator.source.AmlSimSource;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.training.DatasetBuilder;
import io.alertscoring.training.FeatureMatrix;
import io.alertscoring.training.LightGbmTrainer;
import io.alertscoring.training.TimeSplit;
import io.alertscoring.training.TrainingParams;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Time-split evaluation of the alert scorer on one IBM AMLSim sample archive.
 *
 * <p>{@link AmlSimSource} turns time step t into processing date {@code STEP_ONE + (t - 1)} and
 * derives each date's alerts (rule analyzers: fan-in, fan-out, cycle, ...), features, clusters and
 * money flows from the {@value #WINDOW_DAYS}-day window ending on it, publishing {@code isFraud} of
 * every alerted account as its label. Every alert is an example whose target is its account's
 * {@code isFraud}. The dates split in time with {@link TimeSplit#of}(0.6, 0.2): train on the
 * earliest, stop early on the next, test on the latest dates. Reported on the test dates:
 *
 * <ul>
 *   <li>alert level: every test-date alert;
 *   <li>account level: every account alerted on a test date, scored by its highest alert score;
 *   <li>unseen accounts: the account level restricted to accounts never alerted before the test
 *       dates (no account identity can carry over from training);
 *   <li>all active accounts: every account that transacted on a test date, the never-alerted ones
 *       ranked below every alerted one: what the whole chain (rules, then the model) achieves;
 *   <li>recall ceiling: fraud accounts the rules never alert cannot be found by scoring alerts.
 * </ul>
 */
public final class AmlSimEvaluation {
  public static final LocalDate STEP_ONE = LocalDate.parse("2026-01-01");
  public static final int WINDOW_DAYS = 7;
  public static final String NETWORK = "amlsim";
  public static final double TRAIN_SHARE = 0.6;
  public static final double VALIDATION_SHARE = 0.2;

  /** Score given to an account that raised no alert (below every probability). */
  static final double NOT_ALERTED = -1.0;

  private AmlSimEvaluation() {}

  /** How many fraud accounts the rule analyzers reach. */
  public record Ceiling(
      int fraudAccounts,
      int fraudEverAlerted,
      int fraudActiveInTest,
      int fraudAlertedInTest,
      int accountsActiveInTest,
      int accountsAlertedInTest) {

    public int fraudNeverAlerted() {
      return fraudAccounts - fraudEverAlerted;
    }

    /** Highest account-level recall reachable on the test dates by scoring their alerts. */
    public double testRecallCeiling() {
      return fraudActiveInTest == 0 ? 0.0 : fraudAlertedInTest / (double) fraudActiveInTest;
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fraud_accounts", fraudAccounts);
      m.put("fraud_ever_alerted", fraudEverAlerted);
      m.put("fraud_never_alerted", fraudNeverAlerted());
      m.put("fraud_active_on_test_dates", fraudActiveInTest);
      m.put("fraud_alerted_on_test_dates", fraudAlertedInTest);
      m.put("test_recall_ceiling", testRecallCeiling());
      m.put("accounts_active_on_test_dates", accountsActiveInTest);
      m.put("accounts_alerted_on_test_dates", accountsAlertedInTest);
      return m;
    }
  }

  public record Result(
      Path archive,
      int seed,
      int dates,
      int alerts,
      int unlabelledAlerts,
      int badRows,
      TimeSplit split,
      int trainRows,
      int trainPositives,
      int validationRows,
      int validationPositives,
      int bestIteration,
      BinaryScores alertLevel,
      BinaryScores accountLevel,
      BinaryScores unseenAccounts,
      BinaryScores allActiveAccounts,
      Ceiling ceiling,
      long millis) {

    public String name() {
      String file = archive.getFileName().toString();
      return file.endsWith(".tgz") ? file.substring(0, file.length() - 4) : file;
    }

    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", "amlsim");
      m.put("archive", archive.getFileName().toString());
      m.put("seed", seed);
      m.put("step_one_date", STEP_ONE.toString());
      m.put("window_days", WINDOW_DAYS);
      m.put("dates", dates);
      m.put("alerts", alerts);
      m.put("alerts_without_label", unlabelledAlerts);
      m.put("bad_rows", badRows);
      Map<String, Object> parts = new LinkedHashMap<>();
      parts.put("train", range(split.train()));
      parts.put("validation", range(split.validation()));
      parts.put("test", range(split.test()));
      m.put("split", parts);
      m.put("train_alerts", trainRows);
      m.put("train_positive_alerts", trainPositives);
      m.put("validation_alerts", validationRows);
      m.put("validation_positive_alerts", validationPositives);
      m.put("params", TrainingParams.binary(seed).asMap());
      m.put("best_iteration", bestIteration);
      m.put("test_alert_level", alertLevel.asMap());
      m.put("test_account_level", accountLevel.asMap());
      m.put(
          "test_unseen_accounts",
          unseenAccounts == null ? "fewer than one account of each class" : unseenAccounts.asMap());
      m.put("test_all_active_accounts", allActiveAccounts.asMap());
      m.put("recall_ceiling", ceiling.asMap());
      return m;
    }
  }

  /** The rows of one date, each with its alert's account. */
  private record DateRows(LocalDate date, FeatureMatrix matrix, List<String> addresses) {}

  public static Result run(Path archive, int seed, Consumer<String> log) throws Exception {
    long start = System.nanoTime();
    AmlSimArchive truth = AmlSimArchive.read(archive);
    List<DateRows> byDate = new ArrayList<>();
    int alerts = 0;
    int unlabelled = 0;
    int bad = 0;
    try (AmlSimSource source = new AmlSimSource(archive, STEP_ONE, WINDOW_DAYS)) {
      List<BatchKey> keys = source.batches(NETWORK, STEP_ONE, STEP_ONE.plusDays(1_000_000));
      log.accept(
          String.format(
              "%s: %d nodes (%d fraud), %d transactions, %d processing dates",
              archive.getFileName(),
              truth.nodes(),
              truth.fraudNodes(),
              truth.transactions(),
              keys.size()));
      for (int b = 0; b < keys.size(); b++) {
        SourceBatches.Read read = SourceBatches.read(source, keys.get(b));
        bad += read.badRows().size();
        LocalDate date = read.batch().date();
        FeatureMatrix m =
            DatasetBuilder.alerts(List.of(read.batch()), date, DatasetBuilder::binaryTarget);
        Map<String, String> addressOf = new HashMap<>();
        for (Alert alert : read.batch().batch().alerts()) {
          addressOf.put(alert.alertId(), alert.address());
        }
        alerts += read.batch().batch().alerts().size();
        unlabelled += read.batch().batch().alerts().size() - m.rows();
        byDate.add(new DateRows(date, m, m.ids().stream().map(addressOf::get).toList()));
        if ((b + 1) % 25 == 0 || b + 1 == keys.size()) {
          log.accept(
              String.format(
                  "%s: derived %d/%d dates, %d alerts so far",
                  archive.getFileName(), b + 1, keys.size(), alerts));
        }
      }
    }
    TimeSplit split =
        TimeSplit.of(byDate.stream().map(DateRows::date).toList(), TRAIN_SHARE, VALIDATION_SHARE);
    List<DateRows> train = within(byDate, split.train());
    List<DateRows> validation = within(byDate, split.validation());
    List<DateRows> test = within(byDate, split.test());
    int columns = AlertFeatureSet.NAMES.size();
    FeatureMatrix trainM = Matrices.concat(matrices(train), columns);
    FeatureMatrix validM = Matrices.concat(matrices(validation), columns);
    FeatureMatrix testM = Matrices.concat(matrices(test), columns);
    log.accept(
        String.format(
            "%s: split train %s, validation %s, test %s; %d/%d/%d alerts (%d/%d/%d positive)",
            archive.getFileName(),
            range(split.train()),
            range(split.validation()),
            range(split.test()),
            trainM.rows(),
            validM.rows(),
            testM.rows(),
            trainM.positives(),
            validM.positives(),
            testM.positives()));

    TrainingParams params = TrainingParams.binary(seed);
    LightGbmTrainer.Trained model =
        LightGbmTrainer.train(params, AlertFeatureSet.NAMES, trainM, validM, i -> {});
    double[] validScores = LightGbmTrainer.predict(model.modelText(), validM);
    double[] testScores = LightGbmTrainer.predict(model.modelText(), testM);
    boolean[] validLabels = Matrices.binary(validM.labels());
    boolean[] testLabels = Matrices.binary(testM.labels());
    BinaryScores alertLevel =
        BinaryScores.of(
            testScores, testLabels, BinaryMetrics.bestF1(validScores, validLabels).threshold());

    // account level: each account's highest alert score over the dates of the part
    Accounts validAccounts = Accounts.of(addresses(validation), validScores, validLabels);
    Accounts testAccounts = Accounts.of(addresses(test), testScores, testLabels);
    double accountThreshold =
        BinaryMetrics.bestF1(validAccounts.scores(), validAccounts.labels()).threshold();
    BinaryScores accountLevel =
        BinaryScores.of(testAccounts.scores(), testAccounts.labels(), accountThreshold);
    Set<String> seenBefore = new HashSet<>(addresses(train));
    seenBefore.addAll(addresses(validation));
    Accounts unseen = testAccounts.without(seenBefore);
    BinaryScores unseenScores =
        unseen.positives() > 0 && unseen.positives() < unseen.size()
            ? BinaryScores.of(unseen.scores(), unseen.labels(), accountThreshold)
            : null;

    // the whole chain over every account active on a test date
    int firstTestStep = step(split.test().get(0));
    int lastTestStep = step(split.test().get(split.test().size() - 1));
    boolean[] active = truth.activeBetween(firstTestStep, lastTestStep);
    Map<Integer, Double> alertedScore = new HashMap<>();
    for (int i = 0; i < testAccounts.size(); i++) {
      alertedScore.put(node(testAccounts.addresses().get(i)), testAccounts.scores()[i]);
    }
    List<Double> allScores = new ArrayList<>();
    List<Boolean> allLabels = new ArrayList<>();
    int fraudActive = 0;
    int activeAccounts = 0;
    for (int n = 0; n < truth.nodeCapacity(); n++) {
      if (!active[n]) {
        continue;
      }
      activeAccounts++;
      fraudActive += truth.isFraud(n) ? 1 : 0;
      allScores.add(alertedScore.getOrDefault(n, NOT_ALERTED));
      allLabels.add(truth.isFraud(n));
    }
    for (int n : alertedScore.keySet()) {
      if (n >= active.length || !active[n]) {
        throw new IllegalStateException(
            "account " + n + " is alerted on a test date but has no transaction in those steps");
      }
    }
    double[] s = allScores.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] l = new boolean[allLabels.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = allLabels.get(i);
    }
    BinaryScores allActive = BinaryScores.of(s, l, accountThreshold);
    Set<Integer> everAlertedFraud = new HashSet<>();
    for (DateRows d : byDate) {
      for (String address : d.addresses()) {
        int node = node(address);
        if (truth.isFraud(node)) {
          everAlertedFraud.add(node);
        }
      }
    }
    Ceiling ceiling =
        new Ceiling(
            truth.fraudNodes(),
            everAlertedFraud.size(),
            fraudActive,
            testAccounts.positives(),
            activeAccounts,
            testAccounts.size());
    Result result =
        new Result(
            archive,
            seed,
            byDate.size(),
            alerts,
            unlabelled,
            bad,
            split,
            trainM.rows(),
            (int) trainM.positives(),
            validM.rows(),
            (int) validM.positives(),
            model.bestIteration(),
            alertLevel,
            accountLevel,
            unseenScores,
            allActive,
            ceiling,
            (System.nanoTime() - start) / 1_000_000);
    log.accept(
        String.format(
            java.util.Locale.ROOT,
            "%s: test alerts AUC-ROC %.4f AUC-PR %.4f; accounts AUC-ROC %.4f AUC-PR %.4f;"
                + " %d of %d fraud accounts never alerted (best iteration %d)",
            archive.getFileName(),
            alertLevel.aucRoc(),
            alertLevel.aucPr(),
            accountLevel.aucRoc(),
            accountLevel.aucPr(),
            ceiling.fraudNeverAlerted(),
            ceiling.fraudAccounts(),
            model.bestIteration()));
    return result;
  }

  /** Accounts with their highest score, in address order. */
  private record Accounts(List<String> addresses, double[] scores, boolean[] labels) {
    static Accounts of(List<String> rowAddresses, double[] rowScores, boolean[] rowLabels) {
      TreeMap<String, Integer> index = new TreeMap<>();
      List<Double> best = new ArrayList<>();
      List<Boolean> label = new ArrayList<>();
      for (int i = 0; i < rowAddresses.size(); i++) {
        Integer at = index.get(rowAddresses.get(i));
        if (at == null) {
          index.put(rowAddresses.get(i), best.size());
          best.add(rowScores[i]);
          label.add(rowLabels[i]);
        } else {
          best.set(at, Math.max(best.get(at), rowScores[i]));
        }
      }
      List<String> addresses = new ArrayList<>(index.keySet());
      double[] scores = new double[addresses.size()];
      boolean[] labels = new boolean[addresses.size()];
      for (int j = 0; j < addresses.size(); j++) {
        int at = index.get(addresses.get(j));
        scores[j] = best.get(at);
        labels[j] = label.get(at);
      }
      return new Accounts(List.copyOf(addresses), scores, labels);
    }

    Accounts without(Set<String> excluded) {
      List<String> kept = new ArrayList<>();
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < addresses.size(); i++) {
        if (!excluded.contains(addresses.get(i))) {
          kept.add(addresses.get(i));
          rows.add(i);
        }
      }
      double[] s = new double[rows.size()];
      boolean[] l = new boolean[rows.size()];
      for (int j = 0; j < s.length; j++) {
        s[j] = scores[rows.get(j)];
        l[j] = labels[rows.get(j)];
      }
      return new Accounts(List.copyOf(kept), s, l);
    }

    int size() {
      return addresses.size();
    }

    int positives() {
      return BinaryMetrics.positives(labels);
    }
  }

  private static int step(LocalDate date) {
    return (int) (date.toEpochDay() - STEP_ONE.toEpochDay()) + 1;
  }

  private static int node(String address) {
    return Integer.parseInt(address.substring(address.indexOf('-') + 1));
  }

  private static List<DateRows> within(List<DateRows> rows, List<LocalDate> dates) {
    Set<LocalDate> wanted = new HashSet<>(dates);
    return rows.stream().filter(r -> wanted.contains(r.date())).toList();
  }

  private static List<FeatureMatrix> matrices(List<DateRows> rows) {
    return rows.stream().map(DateRows::matrix).toList();
  }

  private static List<String> addresses(List<DateRows> rows) {
    List<String> all = new ArrayList<>();
    rows.forEach(r -> all.addAll(r.addresses()));
    return all;
  }

  static String range(List<LocalDate> dates) {
    return dates.get(0) + ".." + dates.get(dates.size() - 1);
  }
}
