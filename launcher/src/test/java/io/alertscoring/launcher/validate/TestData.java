package io.alertscoring.launcher.validate;

import io.alertscoring.schemas.Severity;
import io.alertscoring.schemas.input.AddressLabel;
import io.alertscoring.schemas.json.SotJson;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.validation.io.JsonlScoreSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/** Score and label files for the command tests, and captured output. */
final class TestData {
  static final String NETWORK = "ethereum";
  static final String DATE = "2026-01-05";
  static final int N = 40;

  private TestData() {}

  static String id(int i) {
    return String.format(Locale.ROOT, "a-%03d", i);
  }

  static String address(int i) {
    return String.format(Locale.ROOT, "0xaddr%03d", i);
  }

  /** Even alerts are positives; this model separates them perfectly. */
  static double good(int i) {
    return i % 2 == 0 ? 0.55 + 0.4 * i / N : 0.05 + 0.4 * i / N;
  }

  static double weak(int i) {
    return i % 4 == 0 ? 0.1 + 0.001 * i : good(i);
  }

  static List<AlertScore> scores(IntToDoubleFunction f) {
    List<AlertScore> scores = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      double s = f.applyAsDouble(i);
      scores.add(
          new AlertScore(
              NETWORK,
              DATE,
              7,
              "r1",
              id(i),
              address(i),
              "layering",
              1_000.0,
              s,
              s >= 0.7 ? "high" : s >= 0.4 ? "medium" : "low",
              "v1",
              "ab".repeat(32),
              "[]",
              10.0,
              1000L,
              1L));
    }
    return scores;
  }

  static Path scoresFile(Path dir, String name, IntToDoubleFunction f) {
    Path file = dir.resolve(name);
    JsonlScoreSource.write(file, scores(f));
    return file;
  }

  static Path labelsFile(Path dir) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < N; i++) {
      lines
          .append(
              SotJson.encode(
                  new AddressLabel(
                      NETWORK,
                      "2026-01-25",
                      7,
                      address(i),
                      i % 2 == 0 ? "scam" : "benign",
                      "eoa",
                      i % 2 == 0 ? Severity.HIGH : Severity.LOW,
                      0.9,
                      "test")))
          .append('\n');
    }
    Path file = dir.resolve("labels.jsonl");
    Files.writeString(file, lines);
    return file;
  }

  /** Captures what a command prints. */
  static final class Captured {
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String out() {
      return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return errBytes.toString(StandardCharsets.UTF_8);
    }
  }
}
