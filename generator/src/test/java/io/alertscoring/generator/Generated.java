package io.alertscoring.generator;

import io.alertscoring.generator.economy.Episode;
import io.alertscoring.generator.economy.ShardDay;
import io.alertscoring.generator.output.BatchFiles;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** A generated dataset plus the ground truth the generator reported while writing it. */
final class Generated {
  final GeneratorConfig config;
  final GenerationResult result;
  final Map<String, ShardDay.Truth> alertTruth = new HashMap<>(); // "date|address"
  final List<ShardDay.LabelEvent> labels = new ArrayList<>();
  final List<Episode> episodes = new ArrayList<>();

  Generated(GeneratorConfig config) throws IOException {
    this.config = config;
    this.result =
        new DatasetGenerator(
                config,
                new GenerationListener() {
                  @Override
                  public void shardResult(String network, String date, ShardDay.Result r) {
                    for (ShardDay.Truth t : r.alertTruth()) {
                      alertTruth.put(date + "|" + t.address(), t);
                    }
                    labels.addAll(r.labels());
                    episodes.addAll(r.episodesEndingToday());
                  }
                })
            .run();
  }

  Path out() {
    return config.out();
  }

  /** Every record of a kind in the output, decoded (fails on the first bad line). */
  List<SotRecord> records(RecordKind kind) throws Exception {
    List<SotRecord> records = new ArrayList<>();
    String suffix = BatchFiles.baseName(kind) + ".jsonl" + (config.gzip() ? ".gz" : "");
    try (var files = Files.walk(out())) {
      for (Path file : files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
        for (String line : lines(file)) {
          records.add(SotJson.decode(kind, line));
        }
      }
    }
    return records;
  }

  static List<String> lines(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }
}
