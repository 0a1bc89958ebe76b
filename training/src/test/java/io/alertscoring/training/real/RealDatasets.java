package io.alertscoring.training.real;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared datasets, read in place ({@code ../../shared/datasets} from the module directory),
 * never copied into the repository. A missing file fails the test: it is never skipped.
 */
final class RealDatasets {
  private RealDatasets() {}

  static Path file(String relative) {
    Path file =
        Path.of("..", "..", "shared", "datasets").resolve(relative).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "shared dataset file missing: "
              + file
              + " (expected ../shared/datasets next to the repository)");
    }
    return file;
  }
}
