package io.alertscoring.benchmarks;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.generator.output.BatchFiles;
import io.alertscoring.schemas.RecordKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Realistic SOT messages for the decoding benchmark: the generator's output for one Ethereum day,
 * the same as {@code alert-scoring generate --network ethereum --start-date 2026-03-01 --days 1
 * --alerts-per-day 2000 --seed 9002} (2,000 alerts, ~1,500 features, ~160 clusters, ~22,000 money
 * flows, ~19 MB; about 3 s to generate). Generated in a temporary directory that is deleted again.
 */
final class SotSamples {
  static final String DATE = "2026-03-01";

  private SotSamples() {}

  /** Up to {@code max} messages of the kind, in file order, as the bytes a Kafka record holds. */
  static byte[][] load(RecordKind kind, int max) throws IOException {
    return loadAll(max).get(kind);
  }

  /** The same for every data kind, from one generation. */
  static Map<RecordKind, byte[][]> loadAll(int max) throws IOException {
    Path out = Files.createTempDirectory("sot-samples");
    try {
      GeneratorConfig config =
          GeneratorConfig.of("ethereum", DATE, 1, 2000, 9002, out.resolve("data"));
      new DatasetGenerator(config, null).run();
      Map<RecordKind, byte[][]> samples = new EnumMap<>(RecordKind.class);
      for (RecordKind kind : BatchFiles.DATA_KINDS) {
        Path file = out.resolve("data").resolve(BatchFiles.relative("ethereum", DATE, kind, false));
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
          List<byte[]> messages =
              lines
                  .filter(line -> !line.isBlank())
                  .limit(max)
                  .map(line -> line.getBytes(StandardCharsets.UTF_8))
                  .toList();
          if (messages.isEmpty()) {
            throw new IOException("no " + kind + " records in " + file);
          }
          samples.put(kind, messages.toArray(new byte[0][]));
        }
      }
      return samples;
    } finally {
      try (Stream<Path> files = Files.walk(out)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
