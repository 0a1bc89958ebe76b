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
    Path unseen = dir.resolve("unseen");
    Path models = dir.resolve("models");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    String script = Files.readString(Path.of("..", "bin", "train-shipped-models"));
    assertThat(script)
        .contains("generate --network ethereum,bitcoin --start-date 2026-01-01 --days 60")
        .contains("--alerts-per-day 400 --seed 42 --positive-share 0.05")
        .contains("--alerts-per-day 400 --seed 7 --positive-share 0.05 --out \"$DATA/unseen\"")
        .contains(
            "train --data \"$DATA/history\" --unseen-data \"$DATA/unseen\" --network"
                + " ethereum,bitcoin \\\n  --seed 42");
    for (String[] economy : new String[][] {{"42", history.toString()}, {"7", unseen.toString()}}) {
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
                    economy[0],
                    "--positive-share",
                    "0.05",
                    "--out",
                    economy[1]
                  },
                  quiet,
                  System.err))
          .isZero();
    }
    assertThat(
            TrainCommand.run(
                new String[] {
                  "--data",
                  history.toString(),
                  "--unseen-data",
                  unseen.toString(),
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
            Path.of("cluster-scorer", "manifest.json"),
            Path.of("reports", "cluster-scorer-reliability.png"),
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
