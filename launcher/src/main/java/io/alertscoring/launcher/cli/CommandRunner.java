package io.alertscoring.launcher.cli;

import io.alertscoring.job.EnvironmentDefaults;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Parses a command line and runs the command it names. Exit status 0 when it ran (and for {@code
 * --help} and {@code --version}), 2 for a usage error, 1 for a failure while running; a usage error
 * or a failure is one line on stderr that names the command, e.g. {@code alert-scoring: replay:
 * unknown option '--bogus' (try 'alert-scoring replay --help')}.
 */
public final class CommandRunner {
  /** The program every message names. */
  public static final String PROGRAM = "alert-scoring";

  private CommandRunner() {}

  /** Turns the command picocli parsed (its user object) into what to run; null: not runnable. */
  @FunctionalInterface
  public interface Resolver {
    CliCommand resolve(ParseResult parsed);
  }

  /** The root used to run one sub-command on its own ({@link #runAlone}). */
  @Command(name = PROGRAM, mixinStandardHelpOptions = true, versionProvider = Version.class)
  static final class Alone {}

  /** What {@code --version} prints, for every command: the launcher jar's version, if any. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CommandRunner.class.getPackage().getImplementationVersion();
      return new String[] {PROGRAM + " " + (version == null ? "(development build)" : version)};
    }
  }

  /** Sub-commands without a version of their own print the program's on {@code --version}. */
  private static void shareVersion(CommandLine line) {
    for (CommandLine sub : line.getSubcommands().values()) {
      if (sub.getCommandSpec().version().length == 0
          && sub.getCommandSpec().versionProvider() == null) {
        sub.getCommandSpec().versionProvider(new Version());
      }
      shareVersion(sub);
    }
  }

  /**
   * Runs {@code command} (a {@code @Command} that is a {@link CliCommand}) as {@code alert-scoring
   * NAME ARGS}, with the connection defaults of this process's environment.
   */
  public static int runAlone(Object command, String[] args, PrintStream out, PrintStream err) {
    CommandLine root = new CommandLine(new Alone());
    CommandLine sub = new CommandLine(command);
    root.addSubcommand(sub);
    String[] all = new String[args.length + 1];
    all[0] = sub.getCommandName();
    System.arraycopy(args, 0, all, 1, args.length);
    return run(root, all, out, err, System::getenv, CommandRunner::userObject);
  }

  /** The parsed command itself when it is a {@link CliCommand}. */
  public static CliCommand userObject(ParseResult parsed) {
    return parsed.commandSpec().userObject() instanceof CliCommand c ? c : null;
  }

  /**
   * Parses {@code args} with {@code root} and runs the deepest command they name.
   *
   * @param environment where {@code --clickhouse-url} and {@code --bootstrap-servers} take their
   *     defaults (see {@link EnvironmentDefaults})
   * @param resolver what to run for the parsed command; null means it needs a sub-command
   */
  public static int run(
      CommandLine root,
      String[] args,
      PrintStream out,
      PrintStream err,
      Function<String, String> environment,
      Resolver resolver) {
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    root.setDefaultValueProvider(new EnvironmentDefaults(environment));
    shareVersion(root);
    CommandSpec running = root.getCommandSpec();
    try {
      ParseResult parsed = root.parseArgs(args);
      Integer help = CommandLine.executeHelpRequest(parsed);
      if (help != null) {
        return help;
      }
      ParseResult last = parsed;
      while (last.hasSubcommand()) {
        last = last.subcommand();
      }
      running = last.commandSpec();
      CliCommand command = resolver.resolve(last);
      if (command == null) {
        // a command of sub-commands given none (alert-scoring, bench, runs): what there is
        running.commandLine().usage(out);
        return 2;
      }
      return command.run(out, err);
    } catch (CommandLine.ParameterException e) {
      err.println(usageLine(e));
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(prefix(running) + "interrupted");
      return 1;
    } catch (Exception e) {
      err.println(
          prefix(running).replaceFirst(": $", " failed: ")
              + firstLine(String.valueOf(e.getMessage())));
      if (System.getenv("ALERT_SCORING_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /** {@code alert-scoring: bench api: MESSAGE (try 'alert-scoring bench api --help')}. */
  static String usageLine(CommandLine.ParameterException e) {
    List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
    if (e instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
      // picocli checks required options first; a misspelt option is the mistake to report
      e = new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unmatched);
    }
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    return prefix(spec) + message(e) + " (try '" + spec.qualifiedName(" ") + " --help')";
  }

  /** {@code alert-scoring: } or {@code alert-scoring: bench api: }. */
  static String prefix(CommandSpec spec) {
    String name = spec.qualifiedName(" ");
    int space = name.indexOf(' ');
    return space < 0 ? PROGRAM + ": " : PROGRAM + ": " + name.substring(space + 1) + ": ";
  }

  private static String message(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      boolean hasSubcommands = !e.getCommandLine().getSubcommands().isEmpty();
      String what;
      if (first.startsWith("-")) {
        what = "unknown option '" + first + "'";
      } else if (hasSubcommands) {
        what =
            "unknown command '"
                + first
                + "': expected one of "
                + String.join(", ", e.getCommandLine().getSubcommands().keySet());
      } else {
        what = "unexpected argument '" + first + "'";
      }
      List<String> suggestions =
          u.getSuggestions().stream().filter(option -> resembles(first, option)).toList();
      return suggestions.isEmpty() || hasSubcommands
          ? what
          : what + "; did you mean " + String.join(" or ", suggestions) + "?";
    }
    if (e instanceof CommandLine.MissingParameterException m && m.getMissing() != null) {
      if (String.valueOf(e.getMessage()).startsWith("Missing required option")) {
        return m.getMissing().stream()
            .map(CommandRunner::required)
            .collect(Collectors.joining(", "));
      }
      if (!m.getMissing().isEmpty() && m.getMissing().get(0) instanceof OptionSpec option) {
        return option.longestName() + " needs a value";
      }
    }
    if (e instanceof CommandLine.OverwrittenOptionException o
        && o.getOverwritten() instanceof OptionSpec option) {
      return option.longestName() + " given twice";
    }
    String text = firstLine(String.valueOf(e.getMessage()));
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * Whether {@code option} is likely what {@code typed} meant: one is a prefix of the other, or
   * they are at most two edits apart. picocli's own suggestions are looser ({@code --bogus}: "did
   * you mean --bootstrap-servers?"), which misleads more than it helps.
   */
  static boolean resembles(String typed, String option) {
    String a = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
    if (a.length() > 3 && (option.startsWith(a) || a.startsWith(option))) {
      return true;
    }
    int[] previous = new int[option.length() + 1];
    int[] current = new int[option.length() + 1];
    for (int j = 0; j <= option.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= option.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == option.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[option.length()] <= 2;
  }

  private static String required(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      String variable = EnvironmentDefaults.variableOf(option.longestName());
      return option.longestName()
          + " is required"
          + (variable == null ? "" : " (or set " + variable + ")");
    }
    return arg.paramLabel() + " is required";
  }

  static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
