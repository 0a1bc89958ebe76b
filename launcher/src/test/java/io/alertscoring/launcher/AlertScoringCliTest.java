package io.alertscoring.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class AlertScoringCliTest {
  record Run(int status, String out, String err) {}

  static Run run(Function<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        AlertScoringCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run run(String... args) {
    return run(name -> null, args);
  }

  /** Every runnable sub-command, as its words: [local], [bench, api], [runs, prune], ... */
  static Stream<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(new CommandLine(new AlertScoringCli()), List.of(), all);
    return all.stream();
  }

  private static void collect(CommandLine line, List<String> path, List<List<String>> all) {
    for (Map.Entry<String, CommandLine> sub : line.getSubcommands().entrySet()) {
      List<String> words = new ArrayList<>(path);
      words.add(sub.getKey());
      if (sub.getValue().getSubcommands().isEmpty()) {
        all.add(words);
      } else {
        collect(sub.getValue(), words, all);
      }
    }
  }

  private static CommandLine command(List<String> words) {
    CommandLine line = new CommandLine(new AlertScoringCli());
    for (String word : words) {
      line = line.getSubcommands().get(word);
    }
    return line;
  }

  @Test
  void helpListsEverySubCommand() {
    Run r = run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("Usage: alert-scoring")
        .contains(
            "local",
            "cluster",
            "generate",
            "replay",
            "train",
            "evaluate-real",
            "validate",
            "compare",
            "bench",
            "runs",
            "webhooks")
        .contains("$CLICKHOUSE_URL", "$KAFKA_BOOTSTRAP_SERVERS");
    assertThat(commands().map(w -> String.join(" ", w)))
        .contains("bench pipeline", "bench live", "bench api", "bench faults")
        .contains("runs list", "runs prune");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpOfEverySubCommandExitsZeroAndNamesItsOptions(List<String> words) {
    List<String> args = new ArrayList<>(words);
    args.add("--help");
    Run r = run(args.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("Usage: alert-scoring " + String.join(" ", words));
    List<OptionSpec> options = command(words).getCommandSpec().options();
    assertThat(options).hasSizeGreaterThan(2); // more than --help and --version
    for (OptionSpec option : options) {
      String name = option.longestName();
      assertThat(r.out())
          .as(String.join(" ", words))
          .contains(option.negatable() ? "--[no-]" + name.replaceFirst("^--(no-)?", "") : name);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anUnknownOptionIsOneLineAndStatusTwo(List<String> words) {
    List<String> args = new ArrayList<>(words);
    args.add("--zzzz");
    Run r = run(args.toArray(String[]::new));
    String name = String.join(" ", words);
    assertThat(r.status()).as(name).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .isEqualTo(
            "alert-scoring: "
                + name
                + ": unknown option '--zzzz' (try 'alert-scoring "
                + name
                + " --help')");
  }

  @Test
  void aMisspeltOptionIsRejectedWithTheOptionItResembles(@TempDir Path tmp) {
    Run r =
        run(
            "generate",
            "--network",
            "ethereum",
            "--start-date",
            "2026-01-01",
            "--out",
            tmp.toString(),
            "--alerts-per-da",
            "10");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("alert-scoring: generate: unknown option '--alerts-per-da'")
        .contains("did you mean --alerts-per-day?")
        .doesNotContain("\n");
  }

  @Test
  void onlyAnOptionThatResemblesTheTypedOneIsSuggested() {
    assertThat(run("replay", "--bogus").err()).doesNotContain("did you mean");
    assertThat(run("replay", "--netwrk", "ethereum").err()).contains("did you mean --network?");
  }

  @Test
  void noCommandOrAnUnknownOneIsStatusTwo() {
    Run none = run();
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.out()).contains("Usage: alert-scoring", "generate");
    Run walk = run("walk");
    assertThat(walk.status()).isEqualTo(2);
    assertThat(walk.err().strip())
        .startsWith("alert-scoring: unknown command 'walk': expected one of local, cluster")
        .doesNotContain("\n");
    Run bench = run("bench");
    assertThat(bench.status()).isEqualTo(2);
    assertThat(bench.out()).contains("pipeline", "live", "api", "faults");
  }

  @Test
  void versionExitsZero() {
    Run r = run("--version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("alert-scoring ");
    Run sub = run("bench", "api", "--version");
    assertThat(sub.status()).isZero();
    assertThat(sub.out()).isEqualTo(r.out());
  }

  @Test
  void aMissingConnectionOptionNamesItsEnvironmentVariable(@TempDir Path tmp) {
    Run replay =
        run(
            "replay",
            "--network",
            "ethereum",
            "--date",
            "2026-01-01",
            "--from-files",
            tmp.toString());
    assertThat(replay.status()).isEqualTo(2);
    assertThat(replay.err().strip())
        .startsWith(
            "alert-scoring: replay: --bootstrap-servers is required (or set"
                + " KAFKA_BOOTSTRAP_SERVERS)")
        .doesNotContain("\n");
    Run runs = run("runs", "list");
    assertThat(runs.status()).isEqualTo(2);
    assertThat(runs.err()).contains("--clickhouse-url is required (or set CLICKHOUSE_URL)");
  }

  @Test
  void connectionOptionsDefaultToTheEnvironment(@TempDir Path tmp) {
    // the broker address comes from KAFKA_BOOTSTRAP_SERVERS: a malformed one is reported as such
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "no-port",
            "CLICKHOUSE_URL", "http://not-jdbc:8123");
    Run replay =
        run(
            env::get,
            "replay",
            "--network",
            "ethereum",
            "--date",
            "2026-01-01",
            "--from-files",
            tmp.toString());
    assertThat(replay.status()).isEqualTo(2);
    assertThat(replay.err()).contains("bad --bootstrap-servers 'no-port'");
    Run runs = run(env::get, "runs", "list");
    assertThat(runs.status()).isEqualTo(2);
    assertThat(runs.err()).contains("--clickhouse-url must be a JDBC URL", "http://not-jdbc:8123");
    // a value on the command line wins over the environment
    Run given = run(env::get, "runs", "list", "--clickhouse-url", "http://given:1");
    assertThat(given.err()).contains("http://given:1").doesNotContain("not-jdbc");
  }

  @Test
  void validateReadsTheScoresFromClickhouseUrlOfTheEnvironment(@TempDir Path tmp) throws Exception {
    Map<String, String> env = Map.of("CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:1/default");
    Run fromEnv = run(env::get, "validate", "--network", "ethereum", "--date", "2026-01-01");
    // it ran against the URL (nothing listens there): a failure, not a usage error
    assertThat(fromEnv.status()).as(fromEnv.err()).isEqualTo(1);
    assertThat(fromEnv.err()).startsWith("alert-scoring: validate failed: ClickHouse");
    Run none = run("validate", "--network", "ethereum", "--date", "2026-01-01");
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err())
        .contains("give --clickhouse-url (or set CLICKHOUSE_URL) or --scores-file");
    // --scores-file with $CLICKHOUSE_URL set is no conflict; with --clickhouse-url given it is
    Path scores = Files.writeString(tmp.resolve("s.jsonl"), "");
    Run file =
        run(
            env::get,
            "validate",
            "--scores-file",
            scores.toString(),
            "--network",
            "ethereum",
            "--date",
            "2026-01-01");
    assertThat(file.err()).doesNotContain("not both");
    Run both =
        run(
            env::get,
            "validate",
            "--scores-file",
            scores.toString(),
            "--clickhouse-url",
            "jdbc:clickhouse://h:1/d",
            "--network",
            "ethereum",
            "--date",
            "2026-01-01");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("give either --clickhouse-url or --scores-file, not both");
  }

  @Test
  void webhooksTakeTheirConnectionFromTheEnvironment(@TempDir Path tmp) throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("w.json"),
            "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"http://127.0.0.1:9/h\",\"secret\":\"k\"}]}");
    Run none = run("webhooks", "--webhooks", file.toString());
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err())
        .contains("--bootstrap-servers is required (or set KAFKA_BOOTSTRAP_SERVERS)");
    Map<String, String> env =
        Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "CLICKHOUSE_URL", "http://not-jdbc");
    Run bad = run(env::get, "webhooks", "--webhooks", file.toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err().strip())
        .startsWith("alert-scoring: webhooks: --clickhouse-url must be jdbc:clickhouse://")
        .contains("http://not-jdbc")
        .doesNotContain("\n");
  }

  @Test
  void localChecksItsValuesAsUsageErrors() {
    Run r = run("local", "--port", "0");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "alert-scoring: local: --port must be in [1, 65535], got 0"
                + " (try 'alert-scoring local --help')");
    Run c =
        run("cluster", "--models-dir", Path.of("..", "trained_models").toString(), "--slots", "99");
    assertThat(c.status()).isEqualTo(2);
    assertThat(c.err()).startsWith("alert-scoring: cluster: ").contains("--slots");
  }
}
