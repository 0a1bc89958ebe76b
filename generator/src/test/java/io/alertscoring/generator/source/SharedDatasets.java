package io.alertscoring.generator.source;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared datasets, read in place (never copied into the repository): {@code ../shared/datasets}
 * from the repository root, i.e. {@code ../../shared/datasets} from a module. A missing dataset
 * fails the test loudly instead of skipping it.
 */
public final class SharedDatasets {
  private SharedDatasets() {}

  public static Path root() {
    Path root = Path.of("..", "..", "shared", "datasets").toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new AssertionError(
          "shared datasets not found at "
              + root
              + " (expected ../shared/datasets next to the repository)");
    }
    return root;
  }

  public static Path file(String relative) {
    Path file = root().resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("shared dataset file missing: " + file);
    }
    return file;
  }

  public static Path ethIllicit() {
    return file("eth-illicit/transaction_dataset.csv");
  }

  public static Path amlsim(String name) {
    return file("amlsim-ibm-20k/" + name);
  }
}
