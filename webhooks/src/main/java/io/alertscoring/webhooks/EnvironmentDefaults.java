package io.alertscoring.webhooks;

import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the connection options from environment variables: {@code --clickhouse-url} from
 * {@code CLICKHOUSE_URL}, {@code --bootstrap-servers} from {@code KAFKA_BOOTSTRAP_SERVERS}; a value
 * on the command line wins, an unset or blank variable gives no default.
 *
 * <p>The same table as the scoring job's {@code io.alertscoring.job.EnvironmentDefaults}, repeated
 * here because the webhooks must not depend on the job (DependencyRulesTest); when the launcher
 * runs {@code webhooks}, the job's provider, set on the whole command line, is the one used.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  static final String CLICKHOUSE_URL = "CLICKHOUSE_URL";
  static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

  private static final Map<String, String> VARIABLES =
      Map.of("--clickhouse-url", CLICKHOUSE_URL, "--bootstrap-servers", KAFKA_BOOTSTRAP_SERVERS);

  private final Function<String, String> environment;

  EnvironmentDefaults(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    String variable = VARIABLES.get(option.longestName());
    String value = variable == null ? null : environment.apply(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
