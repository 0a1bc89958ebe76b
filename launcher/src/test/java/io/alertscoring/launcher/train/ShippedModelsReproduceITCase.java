package io.alertscoring.launcher.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertscoring.launcher.data.GenerateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the documented training command ({@code bin/train-shipped-models}: generate, then train) and
 * checks that it reproduces every file of {@code trained_models/} byte for byte.
 */
class ShippedModelsReproduceITCase {
  static final Path SHIPPED = Path.of("..", "trained_models");

  @Test
  void theDocumentedCommandReproducesTheShippedModels(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history");
    Path models = dir.resolve("models");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    String script = Files.readString(Path.of("..", "bin", "train-shipped-models"));
    assertThat(script)
        .contains("generate --network ethereum,bitcoin --start-date 2026-01-01 --days 60")
        .contains("--alerts-per-day 400 --seed 42")
        .contains("train --data \"$DATA/history\" --network ethereum,bitcoin --seed 42");
    assertThat(
            GenerateCommand.run(
                new String[] {
                  "--network",
                  "ethereum,bitcoin",
                  "--start-date",
                  "2026-01-01",
                  "--days",
                  "60",
                  "--alerts-per-day",
                  "400",
                  "--seed",
                  "42",
                  "--out",
                  history.toString()
                },
                quiet,
                System.err))
        .isZero();
    assertThat(
            TrainCommand.run(
                new String[] {
                  "--data",
                  history.toString(),
                  "--network",
                  "ethereum,bitcoin",
                  "--seed",
                  "42",
                  "--out",
                  models.toString()
                },
                quiet,
                System.err))
        .isZero();

    List<Path> shipped = files(SHIPPED);
    assertThat(shipped)
        .contains(
            Path.of("alert-scorer", "model.txt"),
            Path.of("alert-ranker", "manifest.json"),
            Path.of("cluster-scorer", "golden.json"),
            Path.of("alert-live-scorer", "model.txt"),
            Path.of("alert-live-scorer", "manifest.json"),
            Path.of("alert-live-scorer", "golden.json"),
            Path.of("reports", "training-report.md"));
    // Nothing the training writes is missing from the shipped directory either.
    assertThat(files(models)).isEqualTo(shipped);
    for (Path file : shipped) {
      assertThat(Files.mismatch(SHIPPED.resolve(file), models.resolve(file)))
          .as(file + " differs from the retrained one")
          .isEqualTo(-1L);
    }
  }

  /** Every file the training writes (README.md is documentation, not training output). */
  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(root::relativize)
          .filter(p -> !p.toString().equals("README.md"))
          .sorted()
          .toList();
    }
  }
}
