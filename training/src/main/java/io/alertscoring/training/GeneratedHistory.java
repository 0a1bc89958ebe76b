package io.alertscoring.training;

import io.alertscoring.core.features.AssembledBatch;
import io.alertscoring.generator.output.BatchFiles;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.AddressFeatures;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.AlertCluster;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.MoneyFlow;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.RecordValidationException;
import io.alertscoring.schemas.json.SotJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the generator's output directory ({@code OUT/<network>/<date>/<kind>.jsonl[.gz]}) into
 * labelled batches. Labels live under the date they arrive, so each label's arrival date is its
 * directory's date; an address labelled twice keeps its first label.
 */
public final class GeneratedHistory {
  private GeneratedHistory() {}

  public static List<LabelledBatch> read(Path root, String network) throws IOException {
    Path networkDir = root.resolve(network);
    if (!Files.isDirectory(networkDir)) {
      throw new IOException("no generated data for network '" + network + "' under " + root);
    }
    List<Path> dateDirs;
    try (Stream<Path> dirs = Files.list(networkDir)) {
      dateDirs = dirs.filter(Files::isDirectory).sorted().toList();
    }
    Map<String, AddressLabel> labels = new HashMap<>();
    Map<String, LocalDate> arrival = new HashMap<>();
    for (Path dir : dateDirs) {
      LocalDate date = LocalDate.parse(dir.getFileName().toString());
      for (AddressLabel label : records(dir, RecordKind.ADDRESS_LABEL, AddressLabel.class)) {
        if (!labels.containsKey(label.address())) {
          labels.put(label.address(), label);
          arrival.put(label.address(), date);
        }
      }
    }
    List<LabelledBatch> batches = new ArrayList<>();
    for (Path dir : dateDirs) {
      List<BatchControl> control = records(dir, RecordKind.BATCH_CONTROL, BatchControl.class);
      if (control.isEmpty()) {
        continue; // a label-only date
      }
      BatchKey key = control.get(0).batchKey();
      AssembledBatch batch =
          new AssembledBatch(
              key,
              records(dir, RecordKind.ALERT, Alert.class),
              records(dir, RecordKind.FEATURES, AddressFeatures.class),
              records(dir, RecordKind.CLUSTER, AlertCluster.class),
              records(dir, RecordKind.MONEY_FLOW, MoneyFlow.class));
      batches.add(new LabelledBatch(batch, labels, arrival));
    }
    return batches;
  }

  private static <T extends SotRecord> List<T> records(Path dir, RecordKind kind, Class<T> type)
      throws IOException {
    Path file = BatchFiles.find(dir, kind);
    if (file == null) {
      return List.of();
    }
    List<T> result = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          result.add(type.cast(SotJson.decode(kind, line)));
        } catch (RecordValidationException e) {
          throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
        }
      }
    }
    return result;
  }
}
