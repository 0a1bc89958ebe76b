package io.alertscoring.generator.source;

import io.alertscoring.generator.output.BatchFiles;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.BatchControl;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads batches in the generator's layout ({@link BatchFiles}): every line is decoded with {@link
 * SotJson#decode}; a line that does not decode is a bad row (file and line number, reason). The
 * batch-control file gives the window and the expected counts (for progress) but is not replayed.
 * Labels in a date directory are the labels that arrived on that date.
 */
public final class GeneratedFilesSource implements SotSource {
  private final Path root;

  public GeneratedFilesSource(Path root) {
    this.root = root;
  }

  @Override
  public String describe() {
    return "generated files in " + root;
  }

  @Override
  public List<BatchKey> batches(String network, LocalDate from, LocalDate to) throws IOException {
    Path networkDir = root.resolve(network);
    List<BatchKey> batches = new ArrayList<>();
    if (!Files.isDirectory(networkDir)) {
      return batches;
    }
    List<Path> dirs;
    try (var stream = Files.list(networkDir)) {
      dirs = stream.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      LocalDate date;
      try {
        date = LocalDate.parse(dir.getFileName().toString());
      } catch (DateTimeParseException e) {
        continue;
      }
      if (date.isBefore(from) || date.isAfter(to) || !hasData(dir)) {
        continue;
      }
      batches.add(new BatchKey(network, date.toString(), window(dir)));
    }
    return batches;
  }

  private static boolean hasData(Path dir) {
    for (RecordKind kind : BatchFiles.DATA_KINDS) {
      if (BatchFiles.find(dir, kind) != null) {
        return true;
      }
    }
    return BatchFiles.find(dir, RecordKind.BATCH_CONTROL) != null;
  }

  /** The window of a date directory: from its control record, else from its first data record. */
  private static int window(Path dir) throws IOException {
    BatchControl control = control(dir);
    if (control != null) {
      return control.windowDays();
    }
    for (RecordKind kind : BatchFiles.DATA_KINDS) {
      Path file = BatchFiles.find(dir, kind);
      if (file == null) {
        continue;
      }
      try (BufferedReader reader = open(file)) {
        String line;
        while ((line = reader.readLine()) != null) {
          try {
            return SotJson.decode(kind, line).batchKey().windowDays();
          } catch (RecordValidationException e) {
            // a bad first line: try the next one; read() will report it
          }
        }
      }
    }
    return 7;
  }

  private static BatchControl control(Path dir) throws IOException {
    Path file = BatchFiles.find(dir, RecordKind.BATCH_CONTROL);
    if (file == null) {
      return null;
    }
    try (BufferedReader reader = open(file)) {
      String line = reader.readLine();
      return line == null ? null : (BatchControl) SotJson.decode(RecordKind.BATCH_CONTROL, line);
    } catch (RecordValidationException e) {
      return null;
    }
  }

  @Override
  public long estimate(BatchKey batch) throws IOException {
    BatchControl control = control(root.resolve(batch.network()).resolve(batch.processingDate()));
    return control == null
        ? -1
        : control.alertCount()
            + control.featureCount()
            + control.clusterCount()
            + control.moneyFlowCount();
  }

  @Override
  public void read(BatchKey batch, RecordVisitor visitor) throws IOException {
    Path dir = root.resolve(batch.network()).resolve(batch.processingDate());
    for (RecordKind kind : BatchFiles.DATA_KINDS) {
      readFile(dir, kind, visitor);
    }
    readFile(dir, RecordKind.ADDRESS_LABEL, visitor);
  }

  private void readFile(Path dir, RecordKind kind, RecordVisitor visitor) throws IOException {
    Path file = BatchFiles.find(dir, kind);
    if (file == null) {
      return;
    }
    String origin = root.relativize(file).toString();
    try (BufferedReader reader = open(file)) {
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        SotRecord record;
        try {
          record = SotJson.decode(kind, line);
        } catch (RecordValidationException e) {
          visitor.bad(origin + ":" + number, e.getMessage());
          continue;
        }
        visitor.record(record);
      }
    }
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
