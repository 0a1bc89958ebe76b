package io.alertscoring.launcher.data;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GenerationListener;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The demo data of {@code local} and {@code cluster}: dates of the realistic generator (the same
 * economy the models were trained on, another seed), published to Kafka as {@code replay
 * --from-files} publishes them, and its address labels written to {@code core_address_labels} as
 * the upstream ground-truth table would hold them, so that {@code validate} can judge the runs.
 *
 * <p>Trade-off: labels are loaded at once, including those the generator schedules for days after
 * the last date (upstream, ground truth arrives late). A demo that waits for its labels shows no
 * ground truth; a replay of history is exactly the case where they are all known.
 */
public final class DemoDataset {
  private DemoDataset() {}

  /**
   * What to generate: {@code dates} processing dates ending yesterday (UTC) for each network.
   *
   * @param windowDays the window of every batch
   */
  public record Settings(
      List<String> networks, int dates, long alertsPerDay, long seed, int windowDays) {
    public Settings {
      networks = List.copyOf(networks);
    }

    LocalDate firstDate(LocalDate today) {
      return today.minusDays(dates);
    }
  }

  /** One published batch and its record counts (those of its batch-control record). */
  public record Batch(
      BatchKey key,
      long alerts,
      long features,
      long clusters,
      long moneyFlows,
      String firstAlert) {}

  /** What was published: the batches in publication order and the labels written. */
  public record Published(List<Batch> batches, long labels, Path directory) {}

  /**
   * Generates the dates into {@code directory}, publishes every batch to {@code bootstrapServers}
   * (each a new run) and writes every label to the ClickHouse at {@code clickhouseUrl}.
   */
  public static Published publish(
      Settings settings,
      LocalDate today,
      Path directory,
      String bootstrapServers,
      String clickhouseUrl,
      PrintStream out,
      PrintStream err)
      throws Exception {
    LocalDate first = settings.firstDate(today);
    LocalDate last = first.plusDays(settings.dates() - 1L);
    List<Batch> batches = new ArrayList<>();
    GenerationListener counting =
        new GenerationListener() {
          @Override
          public void dateWritten(String network, String date, DateCounts counts) {
            batches.add(
                new Batch(
                    new BatchKey(network, date, settings.windowDays()),
                    counts.alerts(),
                    counts.features(),
                    counts.clusters(),
                    counts.moneyFlows(),
                    null));
          }
        };
    new DatasetGenerator(
            new GeneratorConfig(
                settings.networks(),
                first,
                settings.dates(),
                settings.alertsPerDay(),
                settings.seed(),
                settings.windowDays(),
                false,
                0.05,
                directory,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))),
            counting)
        .run();
    long labels = writeLabels(directory, settings.networks(), clickhouseUrl);
    out.println(
        "[demo] generated "
            + batches.size()
            + " batches ("
            + String.join(", ", settings.networks())
            + ", "
            + first
            + " to "
            + last
            + ") in "
            + directory
            + "; "
            + labels
            + " address labels written to "
            + Tables.ADDRESS_LABELS.name());
    for (String network : settings.networks()) {
      FileReplay.replay(directory, bootstrapServers, network, first, last, out, err);
    }
    List<Batch> withAlerts = new ArrayList<>();
    for (Batch b : batches) {
      withAlerts.add(
          new Batch(
              b.key(),
              b.alerts(),
              b.features(),
              b.clusters(),
              b.moneyFlows(),
              firstAlert(directory, b.key())));
    }
    return new Published(List.copyOf(withAlerts), labels, directory);
  }

  private static String firstAlert(Path directory, BatchKey key) throws IOException {
    Path alerts =
        directory.resolve(key.network()).resolve(key.processingDate()).resolve("alerts.jsonl");
    try (BufferedReader in = Files.newBufferedReader(alerts, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      return line == null ? null : ((Alert) SotJson.decode(RecordKind.ALERT, line)).alertId();
    } catch (RecordValidationException e) {
      throw new IOException("bad generated alert in " + alerts + ": " + e.getMessage(), e);
    }
  }

  /** Every label file of the networks, decoded strictly, into {@code core_address_labels}. */
  static long writeLabels(Path directory, List<String> networks, String clickhouseUrl)
      throws IOException, SQLException {
    List<AddressLabel> labels = new ArrayList<>();
    for (String network : networks) {
      Path root = directory.resolve(network);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> dates = Files.list(root)) {
        for (Path file :
            dates
                .map(d -> d.resolve("address_labels.jsonl"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList()) {
          long number = 0;
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
              continue;
            }
            try {
              labels.add((AddressLabel) SotJson.decode(RecordKind.ADDRESS_LABEL, line));
            } catch (RecordValidationException e) {
              throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
            }
          }
        }
      }
    }
    try (Connection connection =
            new ru.yandex.clickhouse.ClickHouseDriver().connect(clickhouseUrl, new Properties());
        Statement ddl = connection.createStatement()) {
      ddl.execute(Tables.ADDRESS_LABELS.createStatement());
      try (PreparedStatement insert =
          connection.prepareStatement(Tables.ADDRESS_LABELS.insertStatement())) {
        for (AddressLabel label : labels) {
          Tables.ADDRESS_LABELS.bind(insert, label);
          insert.addBatch();
        }
        if (!labels.isEmpty()) {
          insert.executeBatch();
        }
      }
    }
    return labels.size();
  }

  /**
   * Writes the {@code POST /score/alerts} body of one generated batch, {@code {alerts, features,
   * clusters, money_flows}} with the generated lines as they are, beside the batch's files; returns
   * its path.
   */
  public static Path writeScoreRequest(Path directory, BatchKey key) throws IOException {
    Path batch = directory.resolve(key.network()).resolve(key.processingDate());
    Path request =
        directory.resolve("score-request-" + key.network() + "-" + key.processingDate() + ".json");
    try (java.io.Writer out = Files.newBufferedWriter(request, StandardCharsets.UTF_8)) {
      out.write('{');
      String[][] parts = {
        {"alerts", "alerts.jsonl"},
        {"features", "features.jsonl"},
        {"clusters", "clusters.jsonl"},
        {"money_flows", "money_flows.jsonl"}
      };
      for (int p = 0; p < parts.length; p++) {
        out.write((p == 0 ? "" : ",") + "\"" + parts[p][0] + "\":[");
        boolean first = true;
        Path file = batch.resolve(parts[p][1]);
        if (Files.isRegularFile(file)) {
          try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
              if (!line.isBlank()) {
                out.write(first ? "" : ",");
                out.write(line);
                first = false;
              }
            }
          }
        }
        out.write(']');
      }
      out.write("}\n");
    }
    return request;
  }
}
