package io.alertscoring.generator.source;

import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.FeatureColumns;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Ethereum illicit accounts dataset (Farrugia et al. 2020, Kaggle copy) as one batch: each
 * account becomes one alert on the processing date given by the caller, with its per-account
 * statistics mapped to the closest SOT feature columns, and its {@code FLAG} published apart as an
 * address label (illicit = risk high). The flag never enters the alert or the features.
 *
 * <p>Mapping (column names are trimmed: the published header has stray spaces): sent/received
 * transaction counts to {@code tx_out_count}/{@code tx_in_count}, the total including contract
 * creation to {@code tx_total_count}; unique sent-to/received-from addresses to degrees and unique
 * recipients/senders; total ether sent/received to {@code total_out_usd}/{@code total_in_usd}
 * (their sum and difference to total volume and net flow); average, minimum and maximum values to
 * the average and min/max columns; the first-to-last time difference to {@code activity_span_days};
 * distinct ERC20 token names (plus ether when used) to unique assets. Amount columns stay in ETH,
 * not USD: the dataset has no dates to price them. Everything else (graph, temporal patterns,
 * flags) is missing. Rows with a wrong column count or a non-numeric value, and repeated addresses
 * (25 in the published file), are bad rows: reported, counted, not published.
 */
public final class EthIllicitSource implements SotSource {
  private final Path csv;
  private final LocalDate date;
  private final int windowDays;

  public EthIllicitSource(Path csv, LocalDate date, int windowDays) {
    this.csv = csv;
    this.date = date;
    this.windowDays = windowDays;
  }

  @Override
  public String describe() {
    return "Ethereum illicit accounts CSV " + csv + " as processing date " + date;
  }

  @Override
  public List<BatchKey> batches(String network, LocalDate from, LocalDate to) {
    if (date.isBefore(from) || date.isAfter(to)) {
      return List.of();
    }
    return List.of(new BatchKey(network, date.toString(), windowDays));
  }

  @Override
  public long estimate(BatchKey batch) throws IOException {
    long lines;
    try (var stream = Files.lines(csv, StandardCharsets.UTF_8)) {
      lines = stream.count() - 1;
    }
    return 2 * Math.max(0, lines);
  }

  @Override
  public void read(BatchKey batch, RecordVisitor visitor) throws IOException {
    List<SotRecord> labels = new ArrayList<>();
    List<SotRecord> features = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null) {
        visitor.bad(csv + ":1", "empty file: no header");
        return;
      }
      List<String> names = Csv.split(header).stream().map(String::strip).toList();
      Map<String, Integer> column = new HashMap<>(); // look-ups only
      for (int i = 0; i < names.size(); i++) {
        column.putIfAbsent(names.get(i), i);
      }
      for (String required : REQUIRED) {
        if (!column.containsKey(required)) {
          throw new IOException(csv + ": missing column '" + required + "' in the header");
        }
      }
      Map<String, Long> firstLine = new HashMap<>(); // look-ups only
      String line;
      long number = 1;
      while ((line = reader.readLine()) != null) {
        number++;
        String origin = csv.getFileName() + ":" + number;
        List<String> f = Csv.split(line);
        if (f.size() != names.size()) {
          visitor.bad(origin, "expected " + names.size() + " columns, got " + f.size());
          continue;
        }
        Row row = new Row(f, column);
        try {
          String address = row.text("Address");
          if (address.isEmpty()) {
            throw new IllegalArgumentException("empty Address");
          }
          Long seen = firstLine.putIfAbsent(address, number);
          if (seen != null) {
            visitor.bad(origin, "duplicate address " + address + " (first on line " + seen + ")");
            continue;
          }
          double flag = row.number("FLAG");
          if (flag != 0 && flag != 1) {
            throw new IllegalArgumentException("FLAG must be 0 or 1, got " + flag);
          }
          // the unnamed first column is the row number (unique, unlike the Index column)
          String rowId = f.get(0).strip();
          String alertId = "ethill-" + (rowId.isEmpty() ? Long.toString(number - 1) : rowId);
          AddressFeatures x = features(batch, address, row);
          Alert alert = alert(batch, alertId, address, row, number);
          AddressLabel label =
              new AddressLabel(
                  batch.network(),
                  batch.processingDate(),
                  batch.windowDays(),
                  address,
                  flag == 1 ? "illicit" : "licit",
                  "eoa",
                  flag == 1 ? Severity.HIGH : Severity.LOW,
                  1.0,
                  "eth-illicit:FLAG");
          // the same checks the job applies: a row that would be dead-lettered is a bad row here
          valid(alert);
          valid(x);
          valid(label);
          visitor.record(alert);
          features.add(x);
          labels.add(label);
        } catch (IllegalArgumentException | RecordValidationException e) {
          visitor.bad(origin, e.getMessage());
        }
      }
    }
    features.forEach(visitor::record);
    labels.forEach(visitor::record);
  }

  private static void valid(SotRecord record) throws RecordValidationException {
    SotJson.decode(record.kind(), SotJson.encode(record));
  }

  private static final List<String> REQUIRED =
      List.of(
          "Address",
          "FLAG",
          "Sent tnx",
          "Received Tnx",
          "Unique Received From Addresses",
          "Unique Sent To Addresses",
          "total Ether sent",
          "total ether received",
          "Time Diff between first and last (Mins)");

  private Alert alert(BatchKey batch, String alertId, String address, Row row, long line) {
    double volume = row.number("total Ether sent") + row.number("total ether received");
    if (volume < 0) {
      throw new IllegalArgumentException("negative ether totals");
    }
    return new Alert(
        batch.network(),
        batch.processingDate(),
        batch.windowDays(),
        alertId,
        address,
        "dataset_screening",
        "eth-illicit",
        "dataset",
        Severity.MEDIUM,
        AddressType.EOA,
        "account",
        0.5,
        "account from the Ethereum illicit accounts dataset (amounts in ETH)",
        BigDecimal.valueOf(Math.round(volume * 1e8), 8),
        "{\"source\":\"eth-illicit\",\"line\":" + line + "}",
        List.of());
  }

  private static AddressFeatures features(BatchKey batch, String address, Row row) {
    double[] x = AddressFeatures.allMissing();
    double sent = row.number("Sent tnx");
    double received = row.number("Received Tnx");
    double in = row.number("total ether received");
    double out = row.number("total Ether sent");
    double degIn = row.number("Unique Received From Addresses");
    double degOut = row.number("Unique Sent To Addresses");
    set(x, "tx_out_count", sent);
    set(x, "tx_in_count", received);
    set(
        x,
        "tx_total_count",
        row.optional("total transactions (including tnx to create contract", sent + received));
    set(x, "degree_in", degIn);
    set(x, "degree_out", degOut);
    set(x, "degree_total", degIn + degOut);
    set(x, "unique_senders_count", degIn);
    set(x, "unique_recipients_count", degOut);
    set(x, "total_in_usd", in);
    set(x, "total_out_usd", out);
    set(x, "net_flow_usd", in - out);
    set(x, "total_volume_usd", in + out);
    set(x, "avg_tx_in_usd", row.optional("avg val received", Double.NaN));
    set(x, "avg_tx_out_usd", row.optional("avg val sent", Double.NaN));
    double maxIn = received > 0 ? row.optional("max value received", Double.NaN) : Double.NaN;
    double maxOut = sent > 0 ? row.optional("max val sent", Double.NaN) : Double.NaN;
    double minIn = received > 0 ? row.optional("min value received", Double.NaN) : Double.NaN;
    double minOut = sent > 0 ? row.optional("min val sent", Double.NaN) : Double.NaN;
    set(x, "max_tx_usd", nanMax(maxIn, maxOut));
    set(x, "min_tx_usd", nanMin(minIn, minOut));
    double spanDays = row.number("Time Diff between first and last (Mins)") / 1440.0;
    set(x, "activity_span_days", spanDays);
    set(x, "avg_daily_volume_usd", (in + out) / Math.max(1.0, spanDays));
    double tokensIn = row.optional("ERC20 uniq rec token name", Double.NaN);
    double tokensOut = row.optional("ERC20 uniq sent token name", Double.NaN);
    set(
        x,
        "unique_assets_in",
        Double.isNaN(tokensIn) ? Double.NaN : tokensIn + (received > 0 ? 1 : 0));
    set(
        x,
        "unique_assets_out",
        Double.isNaN(tokensOut) ? Double.NaN : tokensOut + (sent > 0 ? 1 : 0));
    int present = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        present++;
      }
    }
    set(x, "completeness_score", (present + 1.0) / x.length);
    return new AddressFeatures(
        batch.network(),
        batch.processingDate(),
        batch.windowDays(),
        address,
        x,
        null,
        null,
        null,
        null);
  }

  private static double nanMax(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static double nanMin(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
  }

  private static void set(double[] x, String column, double value) {
    x[FeatureColumns.indexOf(column)] = value;
  }

  /** One CSV row addressed by trimmed column name. */
  private record Row(List<String> fields, Map<String, Integer> column) {
    String text(String name) {
      Integer i = column.get(name);
      return i == null ? "" : fields.get(i).strip();
    }

    double number(String name) {
      return Csv.number(fields.get(column.get(name)), name);
    }

    /** The value, {@code fallback} when the column is absent or empty (829 rows lack ERC20). */
    double optional(String name, double fallback) {
      Integer i = column.get(name);
      if (i == null || fields.get(i).isBlank()) {
        return fallback;
      }
      return Csv.number(fields.get(i), name);
    }
  }
}
