package io.alertscoring.launcher.validate;

import static io.alertscoring.launcher.validate.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir Path dir;

  private static int run(Captured c, String... args) {
    return CompareCommand.run(args, c.out, c.err);
  }

  @Test
  void usageErrors() {
    Path a = scoresFile(dir, "a.jsonl", TestData::good);
    String[][] cases = {
      {"--a", a.toString(), "--network", NETWORK, "--date", DATE},
      {"--a", a.toString(), "--b", a.toString(), "--network", NETWORK, "--date", DATE},
      {"--a", a.toString(), "--b", "jdbc:clickhouse://h:1/d", "--network", NETWORK},
      {
        "--a",
        a.toString(),
        "--b",
        "jdbc:clickhouse://h:1/d",
        "--network",
        NETWORK,
        "--date",
        "2026-01-05,x"
      },
      {
        "--a",
        a.toString(),
        "--b",
        "jdbc:clickhouse://h:1/d",
        "--network",
        NETWORK,
        "--date",
        DATE,
        "--bootstrap",
        "0"
      },
      {
        "--a",
        a.toString(),
        "--b",
        "jdbc:clickhouse://h:1/d",
        "--network",
        NETWORK,
        "--date",
        DATE,
        "--seed",
        "x"
      },
    };
    String[] messages = {
      "--b is required",
      "--a and --b are the same source",
      "--date is required",
      "--date must be a date",
      "--bootstrap must be in [1, 100000]",
      "--seed must be a whole number",
    };
    for (int i = 0; i < cases.length; i++) {
      Captured c = new Captured();
      assertThat(run(c, cases[i])).as(String.join(" ", cases[i])).isEqualTo(2);
      assertThat(c.err()).startsWith("alert-scoring: compare: ").contains(messages[i]);
      assertThat(c.err().strip().lines().count()).isEqualTo(1);
    }
  }

  @Test
  void twoScoreFilesOverTheSameDate() throws Exception {
    Path json = dir.resolve("ab.json");
    Captured c = new Captured();
    int status =
        run(
            c,
            "--a",
            scoresFile(dir, "a.jsonl", TestData::good).toString(),
            "--b",
            scoresFile(dir, "b.jsonl", TestData::weak).toString(),
            "--network",
            NETWORK,
            "--date",
            DATE,
            "--labels-file",
            labelsFile(dir).toString(),
            "--bootstrap",
            "200",
            "--json-out",
            json.toString());
    assertThat(status).as(c.err()).isZero();
    assertThat(c.out())
        .contains("Differences B - A (paired stratified bootstrap, 200 resamples, seed 20260101")
        .contains("auc_roc")
        .contains("brier");
    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    assertThat(report.get("differences").get("auc_roc").get("difference").asDouble()).isNegative();
    assertThat(report.get("batches").get(0).get("a").get("ground_truth").asDouble()).isEqualTo(0.5);
  }
}
