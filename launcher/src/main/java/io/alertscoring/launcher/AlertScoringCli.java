package io.alertscoring.launcher;

import io.alertscoring.launcher.bench.BenchCommand;
import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.data.GenerateCommand;
import io.alertscoring.launcher.data.ReplayCommand;
import io.alertscoring.launcher.runs.RunsCommand;
import io.alertscoring.launcher.train.EvaluateRealCommand;
import io.alertscoring.launcher.train.TrainCommand;
import io.alertscoring.launcher.validate.CompareCommand;
import io.alertscoring.launcher.validate.ValidateCommand;
import io.alertscoring.webhooks.WebhooksMain;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * {@code bin/alert-scoring}: every sub-command on picocli. {@code alert-scoring --help} lists them,
 * {@code alert-scoring X --help} shows the options of X. A usage error prints one clear line and
 * exits with status 2; a failure while running exits with status 1 (see {@link CommandRunner}).
 */
@Command(
    name = CommandRunner.PROGRAM,
    mixinStandardHelpOptions = true,
    versionProvider = CommandRunner.Version.class,
    description = "The AML alert scoring system's command line.",
    footer = {
      "",
      "--clickhouse-url defaults to $CLICKHOUSE_URL and --bootstrap-servers to"
          + " $KAFKA_BOOTSTRAP_SERVERS wherever a command has them."
    },
    subcommands = {
      LocalRun.LocalCommand.class,
      LocalRun.ClusterCommand.class,
      GenerateCommand.class,
      ReplayCommand.class,
      TrainCommand.class,
      EvaluateRealCommand.class,
      ValidateCommand.class,
      CompareCommand.class,
      BenchCommand.class,
      RunsCommand.class,
      WebhooksMain.Options.class
    })
public final class AlertScoringCli {
  AlertScoringCli() {}

  /**
   * Kept for {@link LocalRun}, whose option checks throw {@link UsageException} with it: what to
   * read instead of a usage line (the options are in {@code --help}).
   */
  static final String USAGE = "try 'alert-scoring local --help' or 'alert-scoring --help'";

  public static void main(String[] args) {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args) {
    return run(args, System.out, System.err, System::getenv);
  }

  /** Runs {@code args}; {@code environment} gives the connection options' defaults. */
  static int run(
      String[] args, PrintStream out, PrintStream err, Function<String, String> environment) {
    return CommandRunner.run(
        new CommandLine(new AlertScoringCli()),
        args,
        out,
        err,
        environment,
        AlertScoringCli::resolve);
  }

  /** What to run for the parsed sub-command; null for a command that needs a sub-command. */
  static CliCommand resolve(ParseResult parsed) {
    Object command = parsed.commandSpec().userObject();
    if (command instanceof LocalRun.LocalCommand) { // local, and cluster (a LocalCommand too)
      return (out, err) -> runLocal(parsed);
    }
    if (command instanceof WebhooksMain.Options options) {
      return (out, err) -> {
        try {
          WebhooksMain.check(options);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(
              parsed.commandSpec().commandLine(), e.getMessage(), e);
        }
        return WebhooksMain.run(options, new PrintWriter(out, true), new PrintWriter(err, true));
      };
    }
    return CommandRunner.userObject(parsed);
  }

  /**
   * {@code local} and {@code cluster}: LocalRun's own parse turns the options into its settings and
   * checks them (the arguments parsed again there, with the same class, so they parse alike).
   */
  private static int runLocal(ParseResult parsed) throws Exception {
    List<String> all = parsed.originalArgs();
    String[] rest = all.subList(1, all.size()).toArray(String[]::new);
    boolean cluster = parsed.commandSpec().userObject() instanceof LocalRun.ClusterCommand;
    LocalRun.Options options;
    try {
      options = cluster ? LocalRun.Options.parseCluster(rest) : LocalRun.Options.parse(rest);
    } catch (UsageException e) {
      throw new CommandLine.ParameterException(
          parsed.commandSpec().commandLine(), e.getMessage(), e);
    }
    new LocalRun(options).runUntilStopped();
    return 0;
  }

  /**
   * A mistake in the options of {@code local}, {@code cluster} or the embedded-run options of
   * {@code bench}, found by {@link LocalRun}'s checks: one line, exit status 2.
   */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
