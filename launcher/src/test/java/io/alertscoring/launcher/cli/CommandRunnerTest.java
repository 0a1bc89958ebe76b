package io.alertscoring.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

class CommandRunnerTest {
  /** A command that prints its URL, fails on demand, or finds its value out of range. */
  @Command(name = "probe", mixinStandardHelpOptions = true)
  static final class Probe implements CliCommand {
    @Spec CommandSpec spec;

    @Option(names = "--clickhouse-url", required = true)
    String url;

    @Option(names = "--count")
    String count;

    @Option(names = "--fail")
    boolean fail;

    @Override
    public int run(PrintStream out, PrintStream err) {
      OptionValues.of(spec).wholeNumber("--count", count, 1, 10, 1);
      if (fail) {
        throw new IllegalStateException("the server went away\nsecond line");
      }
      out.println(url);
      return 0;
    }
  }

  record Result(int status, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    picocli.CommandLine root = new picocli.CommandLine(new CommandRunner.Alone());
    root.addSubcommand(new picocli.CommandLine(new Probe()));
    int status =
        CommandRunner.run(
            root,
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env::get,
            CommandRunner::userObject);
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void statusesAndOneLineMessages() {
    Result ok = run(Map.of(), "probe", "--clickhouse-url", "jdbc:clickhouse://h:1/d");
    assertThat(ok.status()).isZero();
    assertThat(ok.out().strip()).isEqualTo("jdbc:clickhouse://h:1/d");

    Result range = run(Map.of(), "probe", "--clickhouse-url", "u", "--count", "11");
    assertThat(range.status()).isEqualTo(2);
    assertThat(range.err().strip())
        .isEqualTo(
            "alert-scoring: probe: --count must be in [1, 10], got 11"
                + " (try 'alert-scoring probe --help')");

    Result failed = run(Map.of(), "probe", "--clickhouse-url", "u", "--fail");
    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.err().strip()).isEqualTo("alert-scoring: probe failed: the server went away");

    Result twice = run(Map.of(), "probe", "--clickhouse-url", "u", "--count", "1", "--count", "2");
    assertThat(twice.status()).isEqualTo(2);
    assertThat(twice.err()).contains("--count given twice");

    Result noValue = run(Map.of(), "probe", "--clickhouse-url", "u", "--count");
    assertThat(noValue.status()).isEqualTo(2);
    assertThat(noValue.err()).contains("--count needs a value");
  }

  @Test
  void theEnvironmentGivesTheConnectionDefaultAndTheCommandLineWins() {
    Map<String, String> env = Map.of("CLICKHOUSE_URL", "jdbc:clickhouse://env:8123/default");
    assertThat(run(env, "probe").out().strip()).isEqualTo("jdbc:clickhouse://env:8123/default");
    assertThat(run(env, "probe", "--clickhouse-url", "given").out().strip()).isEqualTo("given");
    assertThat(run(Map.of("CLICKHOUSE_URL", " "), "probe").err())
        .contains("--clickhouse-url is required (or set CLICKHOUSE_URL)");
  }

  @Test
  void aMisspeltOptionBeatsAMissingOneAndOnlyCloseNamesAreSuggested() {
    Result r = run(Map.of(), "probe", "--cont", "3");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("alert-scoring: probe: unknown option '--cont'; did you mean --count?");
    assertThat(CommandRunner.resembles("--batch-timeout", "--batch-timeout-ms")).isTrue();
    assertThat(CommandRunner.resembles("--netwrk", "--network")).isTrue();
    assertThat(CommandRunner.resembles("--bogus", "--bootstrap-servers")).isFalse();
  }
}
