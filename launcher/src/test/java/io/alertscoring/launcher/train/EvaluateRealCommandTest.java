package io.alertscoring.launcher.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateRealCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return EvaluateRealCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Path ethCsv() {
    Path csv =
        Path.of("..", "..", "shared", "datasets", "eth-illicit", "transaction_dataset.csv")
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(csv)) {
      throw new AssertionError("shared dataset file missing: " + csv);
    }
    return csv;
  }

  @Test
  void usageErrorsExitWithTwoAndOneLine() throws Exception {
    assertThat(run("--seed", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--seed must be a whole number");
    assertThat(run("--folds", "1")).isEqualTo(2);
    assertThat(run("--bogus", "1")).isEqualTo(2);
    assertThat(run("--eth-illicit")).isEqualTo(2);
    assertThat(run("--amlsim", "/nonexistent/archive.tgz")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not exist");
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: alert-scoring evaluate-real", "--eth-illicit", "--amlsim", "--folds");
  }

  @Test
  void printsTheTableAndWritesJson(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("real.json");
    assertThat(
            run(
                "--eth-illicit",
                ethCsv().toString(),
                "--folds",
                "2",
                "--seed",
                "7",
                "--json-out",
                json.toString()))
        .isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("mean±std", "reference", "AUC-ROC", "F1@0.5");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("seed").asInt()).isEqualTo(7);
    JsonNode eth = root.get("eth_illicit");
    assertThat(eth.get("per_fold")).hasSize(2);
    assertThat(eth.get("accounts").asInt()).isEqualTo(9_816);
    assertThat(eth.get("mean_std").get("auc_roc").get("mean").asDouble()).isBetween(0.5, 1.0);
    assertThat(eth.get("reference").get("auc_roc").asDouble()).isEqualTo(0.994);
  }
}
