package io.alertscoring.launcher.validate;

import static io.alertscoring.launcher.validate.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {
  @TempDir static Path dir;

  private static Captured run(String... args) {
    Captured captured = new Captured();
    int status = ValidateCommand.run(args, captured.out, captured.err);
    captured.out.println("exit=" + status);
    return captured;
  }

  private static int status(Captured c) {
    String out = c.out();
    return Integer.parseInt(out.substring(out.lastIndexOf("exit=") + 5).strip());
  }

  static List<Object[]> usageErrors() throws Exception {
    Path scores = scoresFile(dir, "scores.jsonl", TestData::good);
    String s = scores.toString();
    List<Object[]> cases = new ArrayList<>();
    cases.add(
        new Object[] {
          new String[] {"--network", "ethereum", "--date", DATE},
          "give --clickhouse-url (or set CLICKHOUSE_URL) or --scores-file"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file",
            s,
            "--clickhouse-url",
            "jdbc:clickhouse://h:1/d",
            "--network",
            "x",
            "--date",
            DATE
          },
          "either --clickhouse-url or --scores-file"
        });
    cases.add(
        new Object[] {new String[] {"--scores-file", s, "--date", DATE}, "--network is required"});
    cases.add(
        new Object[] {
          new String[] {"--scores-file", s, "--network", "ethereum"}, "--date is required"
        });
    cases.add(
        new Object[] {
          new String[] {"--scores-file", s, "--network", "ethereum", "--date", "2026-13-01"},
          "--date must be a date YYYY-MM-DD"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file", s, "--network", "ethereum", "--date", DATE, "--bogus", "1"
          },
          "unknown option '--bogus'"
        });
    cases.add(
        new Object[] {
          new String[] {"--scores-file", s, "--network", "ethereum", "--date"},
          "--date needs a value"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file", s, "--network", "ethereum", "--date", DATE, "--network", "bitcoin"
          },
          "--network given twice"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--clickhouse-url", "http://localhost:8123", "--network", "x", "--date", DATE
          },
          "must be a JDBC URL like jdbc:clickhouse://"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file", dir.resolve("none.jsonl").toString(), "--network", "x", "--date", DATE
          },
          "no such file"
        });
    cases.add(
        new Object[] {
          new String[] {"--scores-file", s, "--network", "x", "--date", DATE, "--window-days", "0"},
          "--window-days must be in [1, 65535]"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file", s, "--network", "x", "--date", DATE, "--window-days", "seven"
          },
          "must be a whole number"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file",
            s,
            "--network",
            "x",
            "--date",
            DATE,
            "--labels-file",
            s,
            "--labels-url",
            "jdbc:clickhouse://h:1/d"
          },
          "either --labels-file or --labels-url"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file", s, "--network", "x", "--date", DATE, "--other-scores", "nowhere.jsonl"
          },
          "--other-scores must be a jdbc:clickhouse:// URL or an existing scores file"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file", s, "--network", "x", "--date", DATE, "--rerun", "jdbc:postgresql://h/d"
          },
          "only jdbc:clickhouse:// URLs"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file", s, "--network", "x", "--date", DATE, "--traps", "missing.json"
          },
          "--traps: no such file"
        });
    cases.add(
        new Object[] {
          new String[] {
            "--scores-file",
            s,
            "--network",
            "x",
            "--date",
            DATE,
            "--json-out",
            "/no/such/dir/r.json"
          },
          "does not exist"
        });
    cases.add(
        new Object[] {
          new String[] {"--scores-file", s, "--network", "", "--date", DATE},
          "--network must not be empty"
        });
    cases.add(
        new Object[] {new String[] {"stray", "--scores-file", s}, "unexpected argument 'stray'"});
    return cases;
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void usageErrorsPrintOneLineAndExitTwo(String[] args, String message) {
    Captured c = run(args);
    assertThat(status(c)).isEqualTo(2);
    assertThat(c.err()).startsWith("alert-scoring: validate: ").contains(message);
    assertThat(c.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void helpPrintsTheUsage() {
    Captured c = run("--help");
    assertThat(status(c)).isZero();
    assertThat(c.out()).startsWith("Usage: alert-scoring validate");
  }

  @Test
  void aFilesRunPrintsTheTiersAndTheTotalAndWritesJson() throws Exception {
    Path scores = scoresFile(dir, "good.jsonl", TestData::good);
    Path rerun = scoresFile(dir, "good-rerun.jsonl", TestData::good);
    Path json = dir.resolve("report.json");
    Captured c =
        run(
            "--scores-file", scores.toString(),
            "--network", NETWORK,
            "--date", DATE,
            "--labels-file", labelsFile(dir).toString(),
            "--rerun", rerun.toString(),
            "--json-out", json.toString());
    assertThat(status(c)).as(c.err()).isZero();
    assertThat(c.out())
        .contains("integrity     0.000 / 0.2  UNVERIFIED")
        .contains("behaviour     0.300 / 0.3")
        .contains("ground truth  0.500 / 0.5")
        .contains(
            "total         0.800 / 1.0   (1.000 if the not-evaluated integrity checks passed)")
        .contains("JSON report written to");
    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    assertThat(report.get("total").asDouble()).isEqualTo(0.8);
    assertThat(report.get("tiers").get("integrity").get("checks").get(5).get("status").asText())
        .isEqualTo("PASS");
  }

  @Test
  void unreadableEvidenceIsAOneLineFailureWithExitOne() {
    Path scores = scoresFile(dir, "btc.jsonl", TestData::good);
    Captured c = run("--scores-file", scores.toString(), "--network", "bitcoin", "--date", DATE);
    assertThat(status(c)).isEqualTo(1);
    assertThat(c.err())
        .startsWith(
            "alert-scoring: validate failed: no scores or batch metadata for network bitcoin");
    assertThat(c.err().strip().lines().count()).isEqualTo(1);

    Captured down =
        run(
            "--clickhouse-url",
            "jdbc:clickhouse://127.0.0.1:1/default",
            "--network",
            NETWORK,
            "--date",
            DATE);
    assertThat(status(down)).isEqualTo(1);
    assertThat(down.err()).startsWith("alert-scoring: validate failed: ClickHouse query failed");
    assertThat(down.err().strip().lines().count()).isEqualTo(1);
  }
}
