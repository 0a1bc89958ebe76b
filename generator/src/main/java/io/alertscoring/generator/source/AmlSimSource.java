package io.alertscoring.generator.source;

import io.alertscoring.generator.derive.AssetCatalog;
import io.alertscoring.generator.derive.BatchDeriver;
import io.alertscoring.generator.derive.DeriveConfig;
import io.alertscoring.generator.derive.DerivedBatch;
import io.alertscoring.generator.derive.NodeDirectory;
import io.alertscoring.generator.derive.TransferBuffer;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.SotRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An IBM AMLSim sample archive ({@code nodes.csv}, {@code transactions.csv}) as a stream of
 * processing dates: time step t is the date {@code firstStepDate + (t - 1)} days. For each date the
 * transactions of the window ending on it go through the same derivation as the synthetic economy
 * (rules with thresholds for AMLSim's small unit-less amounts, {@link DeriveConfig#amlsim()}):
 * fan-in, fan-out, cycle, pass-through and scatter-gather rules raise alerts on accounts active
 * that day (no daily budget), alerted accounts get features, their pairs money flows, linked alerts
 * clusters. Amounts are AMLSim's values taken as USD; there is no time of day, so hour-based
 * features are missing. Labels ({@code isFraud}) of the alerted accounts are published apart.
 *
 * <p>The archive is read once (about 120k transactions: a few MB in primitive arrays). Rows that do
 * not parse are bad rows, reported once with the first batch read.
 */
public final class AmlSimSource implements SotSource {
  private final Path archive;
  private final LocalDate firstStepDate;
  private final int windowDays;
  private final String addressPrefix;
  private int[] src = new int[0];
  private int[] dst = new int[0];
  private double[] value = new double[0];
  private int[] step = new int[0];
  private int size;
  private int[] fraud = new int[0];
  private int[] firstStep = new int[0];
  private final List<String[]> badRows = new ArrayList<>();
  private boolean loaded;
  private boolean badReported;

  public AmlSimSource(Path archive, LocalDate firstStepDate, int windowDays) {
    this.archive = archive;
    this.firstStepDate = firstStepDate;
    this.windowDays = windowDays;
    this.addressPrefix = "amlsim-";
  }

  @Override
  public String describe() {
    return "AMLSim archive " + archive + " (step 1 = " + firstStepDate + ")";
  }

  private void load() throws IOException {
    if (loaded) {
      return;
    }
    loaded = true;
    boolean sawNodes = false;
    boolean sawTransactions = false;
    try (InputStream file = Files.newInputStream(archive);
        InputStream gz = new GZIPInputStream(file, 1 << 16)) {
      TarReader tar = new TarReader(gz);
      TarReader.Entry entry;
      while ((entry = tar.next()) != null) {
        String name = entry.name();
        if (!entry.file()) {
          continue;
        }
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(tar.content(), StandardCharsets.UTF_8), 1 << 16);
        if (name.endsWith("/nodes.csv") || name.equals("nodes.csv")) {
          readNodes(reader, name);
          sawNodes = true;
        } else if (name.endsWith("/transactions.csv") || name.equals("transactions.csv")) {
          readTransactions(reader, name);
          sawTransactions = true;
        }
      }
    }
    if (!sawNodes || !sawTransactions) {
      throw new IOException(
          archive
              + " is not an AMLSim sample: it lacks "
              + (sawNodes ? "transactions.csv" : "nodes.csv"));
    }
    firstStep = new int[fraud.length];
    Arrays.fill(firstStep, Integer.MAX_VALUE);
    for (int i = 0; i < size; i++) {
      firstStep[src[i]] = Math.min(firstStep[src[i]], step[i]);
      firstStep[dst[i]] = Math.min(firstStep[dst[i]], step[i]);
    }
  }

  private void readNodes(BufferedReader reader, String name) throws IOException {
    String header = reader.readLine();
    List<String> columns = Csv.split(header == null ? "" : header);
    int id = columns.indexOf("nodeid");
    int isFraud = columns.indexOf("isFraud");
    if (id < 0 || isFraud < 0) {
      throw new IOException(name + ": expected columns nodeid and isFraud, got " + columns);
    }
    String line;
    long number = 1;
    while ((line = reader.readLine()) != null) {
      number++;
      List<String> f = Csv.split(line);
      try {
        if (f.size() != columns.size()) {
          throw new IllegalArgumentException(
              "expected " + columns.size() + " columns, got " + f.size());
        }
        int node = node(f.get(id), "nodeid");
        double flag = Csv.number(f.get(isFraud), "isFraud");
        if (flag != 0 && flag != 1) {
          throw new IllegalArgumentException("isFraud must be 0 or 1");
        }
        if (node >= fraud.length) {
          int[] grown = new int[Math.max(node + 1, fraud.length * 2)];
          Arrays.fill(grown, fraud.length, grown.length, -1);
          System.arraycopy(fraud, 0, grown, 0, fraud.length);
          fraud = grown;
        }
        fraud[node] = (int) flag;
      } catch (IllegalArgumentException e) {
        badRows.add(new String[] {name + ":" + number, e.getMessage()});
      }
    }
  }

  private void readTransactions(BufferedReader reader, String name) throws IOException {
    String header = reader.readLine();
    List<String> columns = Csv.split(header == null ? "" : header);
    int s = columns.indexOf("sourceNodeId");
    int t = columns.indexOf("targetNodeId");
    int v = columns.indexOf("value");
    int time = columns.indexOf("time");
    if (s < 0 || t < 0 || v < 0 || time < 0) {
      throw new IOException(
          name + ": expected sourceNodeId,targetNodeId,value,time, got " + columns);
    }
    String line;
    long number = 1;
    while ((line = reader.readLine()) != null) {
      number++;
      List<String> f = Csv.split(line);
      try {
        if (f.size() != columns.size()) {
          throw new IllegalArgumentException(
              "expected " + columns.size() + " columns, got " + f.size());
        }
        int a = node(f.get(s), "sourceNodeId");
        int b = node(f.get(t), "targetNodeId");
        double amount = Csv.number(f.get(v), "value");
        if (amount <= 0) {
          throw new IllegalArgumentException("value must be positive, got " + amount);
        }
        double st = Csv.number(f.get(time), "time");
        if (st < 1 || st != Math.floor(st) || st > 100_000) {
          throw new IllegalArgumentException("time must be a step >= 1, got " + f.get(time));
        }
        if (a == b) {
          throw new IllegalArgumentException("self-transfer of node " + a);
        }
        if (size == src.length) {
          int n = Math.max(1024, size * 2);
          src = Arrays.copyOf(src, n);
          dst = Arrays.copyOf(dst, n);
          value = Arrays.copyOf(value, n);
          step = Arrays.copyOf(step, n);
        }
        src[size] = a;
        dst[size] = b;
        value[size] = amount;
        step[size] = (int) st;
        size++;
      } catch (IllegalArgumentException e) {
        badRows.add(new String[] {name + ":" + number, e.getMessage()});
      }
    }
    // unknown nodes (not in nodes.csv) get flag -1 ("no label") when the arrays are sized
    int max = -1;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, Math.max(src[i], dst[i]));
    }
    if (max >= fraud.length) {
      int old = fraud.length;
      fraud = Arrays.copyOf(fraud, max + 1);
      Arrays.fill(fraud, old, fraud.length, -1);
    }
  }

  private static int node(String text, String column) {
    double d = Csv.number(text, column);
    if (d < 0 || d != Math.floor(d) || d > 50_000_000) {
      throw new IllegalArgumentException("bad node id '" + text + "' in column '" + column + "'");
    }
    return (int) d;
  }

  /** Transactions and bad rows read so far (loads the archive). */
  public int transactionCount() throws IOException {
    load();
    return size;
  }

  public int badRowCount() throws IOException {
    load();
    return badRows.size();
  }

  private LocalDate dateOf(int st) {
    return firstStepDate.plusDays(st - 1L);
  }

  @Override
  public List<BatchKey> batches(String network, LocalDate from, LocalDate to) throws IOException {
    load();
    int maxStep = 0;
    for (int i = 0; i < size; i++) {
      maxStep = Math.max(maxStep, step[i]);
    }
    boolean[] hasStep = new boolean[maxStep + 1];
    for (int i = 0; i < size; i++) {
      hasStep[step[i]] = true;
    }
    List<BatchKey> batches = new ArrayList<>();
    for (int st = 1; st <= maxStep; st++) {
      LocalDate date = dateOf(st);
      if (hasStep[st] && !date.isBefore(from) && !date.isAfter(to)) {
        batches.add(new BatchKey(network, date.toString(), windowDays));
      }
    }
    return batches;
  }

  @Override
  public void read(BatchKey batch, RecordVisitor visitor) throws IOException {
    load();
    if (!badReported) {
      badReported = true;
      for (String[] bad : badRows) {
        visitor.bad(bad[0], bad[1]);
      }
    }
    DerivedBatch derived = derive(batch);
    derived.alerts().forEach(visitor::record);
    derived.features().forEach(visitor::record);
    derived.clusters().forEach(visitor::record);
    derived.moneyFlows().forEach(visitor::record);
    long[] keys = derived.alertKeys();
    for (int i = 0; i < keys.length; i++) {
      if (i > 0 && keys[i] == keys[i - 1]) {
        continue;
      }
      int node = (int) keys[i];
      if (fraud[node] < 0) {
        continue; // not in nodes.csv: no label to give
      }
      boolean positive = fraud[node] == 1;
      SotRecord label =
          new AddressLabel(
              batch.network(),
              batch.processingDate(),
              batch.windowDays(),
              addressPrefix + node,
              positive ? "fraud" : "normal",
              "eoa",
              positive ? Severity.HIGH : Severity.LOW,
              1.0,
              "amlsim:isFraud");
      visitor.record(label);
    }
  }

  /** The derived records of one date (also used by tests to count what a replay must publish). */
  public DerivedBatch derive(BatchKey batch) throws IOException {
    load();
    LocalDate date = LocalDate.parse(batch.processingDate());
    int lastStep = (int) (date.toEpochDay() - firstStepDate.toEpochDay()) + 1;
    int firstWindowStep = lastStep - batch.windowDays() + 1;
    TransferBuffer buffer = new TransferBuffer();
    for (int i = 0; i < size; i++) {
      if (step[i] >= firstWindowStep && step[i] <= lastStep) {
        long day = firstStepDate.toEpochDay() + step[i] - 1;
        // no time of day in AMLSim: noon, plus the row index in ms to keep the order visible
        buffer.add(src[i], dst[i], day * 86_400_000L + 43_200_000L + (i % 1000), value[i], 0);
      }
    }
    NodeDirectory directory =
        new NodeDirectory() {
          @Override
          public boolean isHub(long key) {
            return false;
          }

          @Override
          public boolean isMixer(long key) {
            return false;
          }

          @Override
          public String address(long key) {
            return addressPrefix + key;
          }

          @Override
          public long firstActivityMs(long key) {
            int first = firstStep[(int) key];
            return (firstStepDate.toEpochDay() + first - 1) * 86_400_000L;
          }

          @Override
          public int dormantReactivated(long key, long processingEpochDay) {
            return -1;
          }
        };
    BatchDeriver deriver = new BatchDeriver(DeriveConfig.amlsim(), AssetCatalog.usdOnly("USD"));
    return deriver.derive(
        buffer,
        directory,
        batch,
        "aml-" + batch.processingDate().replace("-", ""),
        Integer.MAX_VALUE,
        archive.getFileName().toString().hashCode());
  }

  @Override
  public long estimate(BatchKey batch) {
    return -1;
  }
}
