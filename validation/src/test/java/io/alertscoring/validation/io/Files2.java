package io.alertscoring.validation.io;

import io.alertscoring.schemas.AddressType;
import io.alertscoring.schemas.BatchKey;
import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.Alert;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Writers of the JSONL inputs the tests feed the runner. */
final class Files2 {
  private Files2() {}

  static Alert alert(BatchKey batch, String id, String address) {
    return new Alert(
        batch.network(),
        batch.processingDate(),
        batch.windowDays(),
        id,
        address,
        "layering",
        "p1",
        "chain",
        Severity.HIGH,
        AddressType.EOA,
        "",
        0.8,
        "",
        new BigDecimal("1000.5"),
        "{}",
        List.of("r1"));
  }

  static Path jsonl(Path file, List<? extends SotRecord> records) throws IOException {
    Files.writeString(
        file, records.stream().map(SotJson::encode).collect(Collectors.joining("\n")) + "\n");
    return file;
  }
}
