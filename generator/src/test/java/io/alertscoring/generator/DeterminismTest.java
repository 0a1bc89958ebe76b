package io.alertscoring.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.generator.output.BatchFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed and parameters, different thread counts and runs: byte-identical files (plain and gzip)
 * and manifests. A different seed changes the data.
 */
class DeterminismTest {

  @Test
  void twoRunsGiveIdenticalFiles(@TempDir Path tmp) throws Exception {
    GeneratorConfig base =
        GeneratorConfig.of("ethereum", "2026-01-01", 3, 700, 42, tmp.resolve("a")).withGzip(true);
    new DatasetGenerator(base.withThreads(1), null).run();
    new DatasetGenerator(base.withThreads(3).withOut(tmp.resolve("b")), null).run();
    Map<String, String> a = hashes(tmp.resolve("a"));
    Map<String, String> b = hashes(tmp.resolve("b"));
    assertThat(a).hasSizeGreaterThan(10).isEqualTo(b);
    assertThat(a).containsKey(BatchFiles.MANIFEST);

    new DatasetGenerator(
            GeneratorConfig.of("bitcoin", "2026-01-01", 2, 300, 7, tmp.resolve("c")), null)
        .run();
    new DatasetGenerator(
            GeneratorConfig.of("bitcoin", "2026-01-01", 2, 300, 7, tmp.resolve("d")), null)
        .run();
    assertThat(hashes(tmp.resolve("c"))).isEqualTo(hashes(tmp.resolve("d")));
  }

  @Test
  void anotherSeedGivesOtherData(@TempDir Path tmp) throws Exception {
    new DatasetGenerator(
            GeneratorConfig.of("ethereum", "2026-01-01", 1, 200, 1, tmp.resolve("a")), null)
        .run();
    new DatasetGenerator(
            GeneratorConfig.of("ethereum", "2026-01-01", 1, 200, 2, tmp.resolve("b")), null)
        .run();
    String path = "ethereum/2026-01-01/alerts.jsonl";
    assertThat(Files.readString(tmp.resolve("a").resolve(path)))
        .isNotEqualTo(Files.readString(tmp.resolve("b").resolve(path)));
  }

  static Map<String, String> hashes(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (var files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.put(
            root.relativize(file).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return out;
  }
}
