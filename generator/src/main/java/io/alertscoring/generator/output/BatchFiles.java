package io.alertscoring.generator.output;

import io.alertscoring.schemas.RecordKind;
import java.nio.file.Path;

/**
 * The file layout of generated batches, shared by the generator and the file replay source:
 *
 * <pre>
 * OUT/manifest.json
 * OUT/&lt;network&gt;/&lt;YYYY-MM-DD&gt;/alerts.jsonl[.gz]          processing date's alerts
 * OUT/&lt;network&gt;/&lt;YYYY-MM-DD&gt;/features.jsonl[.gz]
 * OUT/&lt;network&gt;/&lt;YYYY-MM-DD&gt;/clusters.jsonl[.gz]
 * OUT/&lt;network&gt;/&lt;YYYY-MM-DD&gt;/money_flows.jsonl[.gz]
 * OUT/&lt;network&gt;/&lt;YYYY-MM-DD&gt;/batch_control.jsonl[.gz]   one line, closes the batch
 * OUT/&lt;network&gt;/&lt;YYYY-MM-DD&gt;/address_labels.jsonl[.gz]  labels that ARRIVE on that date
 * </pre>
 *
 * Label dates are arrival dates (alert date + 7..30 days), so label-only date directories exist
 * after the last processing date.
 */
public final class BatchFiles {
  private BatchFiles() {}

  public static final String MANIFEST = "manifest.json";

  /** Kinds in the order the generator writes and the replay publishes them. */
  public static final RecordKind[] DATA_KINDS = {
    RecordKind.ALERT, RecordKind.FEATURES, RecordKind.CLUSTER, RecordKind.MONEY_FLOW
  };

  public static String baseName(RecordKind kind) {
    return switch (kind) {
      case ALERT -> "alerts";
      case FEATURES -> "features";
      case CLUSTER -> "clusters";
      case MONEY_FLOW -> "money_flows";
      case BATCH_CONTROL -> "batch_control";
      case ADDRESS_LABEL -> "address_labels";
    };
  }

  public static String relative(String network, String date, RecordKind kind, boolean gzip) {
    return network + "/" + date + "/" + baseName(kind) + ".jsonl" + (gzip ? ".gz" : "");
  }

  /** The file of a kind in a date directory, plain or gzip, or null when neither exists. */
  public static Path find(Path dateDir, RecordKind kind) {
    Path plain = dateDir.resolve(baseName(kind) + ".jsonl");
    if (java.nio.file.Files.isRegularFile(plain)) {
      return plain;
    }
    Path gz = dateDir.resolve(baseName(kind) + ".jsonl.gz");
    return java.nio.file.Files.isRegularFile(gz) ? gz : null;
  }
}
