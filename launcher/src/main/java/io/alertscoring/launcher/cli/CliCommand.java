package io.alertscoring.launcher.cli;

import java.io.PrintStream;

/**
 * A sub-command: a picocli {@code @Command} whose options picocli has filled in before {@link #run}
 * is called. A mistake in the options found while running is a {@link
 * picocli.CommandLine.ParameterException} (exit status 2); any other exception is a failure (1).
 */
public interface CliCommand {
  /**
   * Runs the command.
   *
   * @return the exit status: 0 ok, 1 failure, 2 usage error
   */
  int run(PrintStream out, PrintStream err) throws Exception;
}
