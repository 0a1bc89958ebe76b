package io.alertscoring.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one pipeline benchmark, in the order measured; printed as a table, or JSON. */
public final class PipelineReport {
  private final Map<String, Object> figures = new LinkedHashMap<>();

  void put(String name, Object value) {
    figures.put(name, value);
  }

  public Map<String, Object> figures() {
    return java.util.Collections.unmodifiableMap(figures);
  }

  long getLong(String name) {
    return ((Number) figures.get(name)).longValue();
  }

  double getDouble(String name) {
    return ((Number) figures.get(name)).doubleValue();
  }

  void putCheckpointStats(String prefix, List<Long> durationsMs) {
    List<Long> sorted = new ArrayList<>(durationsMs);
    sorted.sort(null);
    put(prefix + "_completed", sorted.size());
    put(prefix + "_min_ms", sorted.isEmpty() ? null : sorted.get(0));
    put(prefix + "_median_ms", sorted.isEmpty() ? null : sorted.get(sorted.size() / 2));
    put(prefix + "_max_ms", sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
  }

  void write(Path file) throws IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), figures);
  }

  void print(PrintStream out) {
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "Pipeline benchmark: %s %s, %,d alerts/day (seed %s), parallelism %s, %s state,"
                + " %d CPUs",
            figures.get("network"),
            figures.get("date"),
            getLong("alerts_per_day"),
            figures.get("seed"),
            figures.get("parallelism"),
            figures.get("state_backend"),
            getLong("cpus")));
    row(out, "records published (job input topics)", count("records_published"), "");
    row(out, "alerts published", count("alerts_published"), "");
    row(
        out,
        "publish rate",
        rate("publish_records_per_s") + " rec/s",
        rate("publish_alerts_per_s") + " alerts/s");
    row(
        out,
        "consume rate (job sources, to last record)",
        rate("consume_records_per_s") + " rec/s",
        rate("consume_alerts_per_s") + " alerts/s");
    row(
        out,
        "first record published -> COMPLETED",
        seconds("seconds_first_record_to_completed"),
        "");
    row(
        out,
        "job end-to-end rate",
        rate("job_records_per_s") + " rec/s",
        rate("job_alerts_per_s") + " alerts/s");
    row(
        out,
        "first record published -> all rows queryable",
        seconds("seconds_first_record_to_queryable"),
        String.format(
            Locale.ROOT,
            "%s scores, %s rankings, %s clusters",
            count("alert_scores_rows"),
            count("alert_rankings_rows"),
            count("cluster_scores_rows")));
    for (String stage :
        List.of(
            "assembly_ms",
            "feature_ms",
            "scoring_ms",
            "ranking_ms",
            "cluster_scoring_ms",
            "total_ms")) {
      row(out, "  batch_metadata " + stage, millis(stage), "");
    }
    row(
        out,
        "checkpoints completed (all / during the batch)",
        figures.get("checkpoints_completed")
            + " / "
            + figures.get("checkpoints_during_batch_completed"),
        "failed " + figures.get("checkpoints_failed"));
    row(
        out,
        "checkpoint duration min / median / max",
        millis("checkpoints_min_ms")
            + " / "
            + millis("checkpoints_median_ms")
            + " / "
            + millis("checkpoints_max_ms"),
        "");
    row(
        out,
        "  during the batch: min / median / max",
        millis("checkpoints_during_batch_min_ms")
            + " / "
            + millis("checkpoints_during_batch_median_ms")
            + " / "
            + millis("checkpoints_during_batch_max_ms"),
        "longest end-to-end " + millis("checkpoints_max_ms"));
    row(
        out,
        "  in progress when measured (longest age)",
        figures.get("checkpoints_in_progress_at_end") + "",
        figures.get("checkpoint_longest_in_progress_ms") == null
            ? ""
            : millis("checkpoint_longest_in_progress_ms"));
    row(
        out,
        "  longest stretch of the batch without a trigger",
        millis("checkpoint_max_trigger_gap_ms"),
        "");
    row(
        out,
        "largest checkpoint (checkpointed size)",
        bytes("checkpoint_max_checkpointed_bytes"),
        "");
    row(
        out,
        "peak used heap (200 ms samples)",
        bytes("peak_heap_bytes"),
        "of max " + bytes("heap_max_bytes"));
    row(
        out,
        "peak RSS (VmHWM / sampled VmRSS)",
        bytes("peak_rss_vmhwm_bytes") + " / " + bytes("peak_rss_sampled_bytes"),
        "whole JVM: job, broker, API");
    row(
        out,
        "RocksDB native memory (block cache incl. write buffers)",
        bytes("peak_rocksdb_block_cache_bytes"),
        "bound: managed memory " + bytes("managed_memory_bytes"));
    row(
        out,
        "consume + decode only",
        rate("decode_only_records_per_s") + " rec/s",
        count("decode_only_records") + " records in " + seconds("decode_only_seconds"));
    row(
        out,
        "ratio job rate / decode-only rate",
        figures.get("job_to_decode_only_ratio") == null
            ? "n/a"
            : String.format(Locale.ROOT, "%.3f", getDouble("job_to_decode_only_ratio")),
        "");
    out.println();
  }

  private static void row(PrintStream out, String name, String value, String note) {
    out.println(String.format(Locale.ROOT, "  %-52s %22s  %s", name, value, note).stripTrailing());
  }

  private String count(String name) {
    Object v = figures.get(name);
    return v == null ? "n/a" : String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
  }

  private String rate(String name) {
    Object v = figures.get(name);
    return v == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", ((Number) v).doubleValue());
  }

  private String seconds(String name) {
    Object v = figures.get(name);
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f s", ((Number) v).doubleValue());
  }

  private String millis(String name) {
    Object v = figures.get(name);
    return v == null ? "n/a" : String.format(Locale.ROOT, "%,.0f ms", ((Number) v).doubleValue());
  }

  private String bytes(String name) {
    Object v = figures.get(name);
    if (v == null || ((Number) v).longValue() < 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,.0f MB", ((Number) v).longValue() / 1e6);
  }
}
