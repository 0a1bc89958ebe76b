package io.alertscoring.job;

import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the connection options from environment variables: {@code --clickhouse-url} from
 * {@code CLICKHOUSE_URL}, {@code --bootstrap-servers} from {@code KAFKA_BOOTSTRAP_SERVERS}. A value
 * on the command line wins; an unset or blank variable means no default. The lookup is a function
 * (not {@link System#getenv} itself) so tests can give an environment.
 *
 * <p>A default provider rather than {@code defaultValue = "${env:...}"} on each option: one table
 * for every command, and a lookup a test can replace (picocli's {@code ${env:}} always reads the
 * process environment).
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  /** Option name to the environment variable that gives its default. */
  public static final Map<String, String> VARIABLES =
      Map.of(
          "--clickhouse-url", "CLICKHOUSE_URL",
          "--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS");

  private final Function<String, String> environment;

  public EnvironmentDefaults(Function<String, String> environment) {
    this.environment = environment;
  }

  /** Defaults from this process's environment. */
  public static EnvironmentDefaults system() {
    return new EnvironmentDefaults(System::getenv);
  }

  /** The environment variable of {@code option}, or null when it has none. */
  public static String variableOf(String option) {
    return VARIABLES.get(option);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    String variable = VARIABLES.get(option.longestName());
    if (variable == null) {
      return null;
    }
    String value = environment.apply(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
