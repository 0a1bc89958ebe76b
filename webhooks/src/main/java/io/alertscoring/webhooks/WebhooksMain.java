package io.alertscoring.webhooks;

import io.alertscoring.schemas.RecordKind;
import io.alertscoring.webhooks.config.Subscriptions;
import io.alertscoring.webhooks.metrics.MetricsServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The webhook delivery service. A bad option or subscriptions file prints one line and exits with
 * status 2; a failure while running exits with status 1; SIGTERM closes the dispatcher gracefully
 * (POSTs under way finish and are recorded, settled offsets are committed).
 */
public final class WebhooksMain {
  private WebhooksMain() {}

  /** The command-line options. */
  @Command(
      name = "webhooks",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "Delivers the scoring job's notification events to webhook endpoints: signed,"
              + " deduplicated, rate-limited, retried.")
  public static final class Options {
    @Option(
        names = "--bootstrap-servers",
        required = true,
        paramLabel = "HOST:PORT[,...]",
        description = "Kafka (default: $" + EnvironmentDefaults.KAFKA_BOOTSTRAP_SERVERS + ")")
    String bootstrapServers;

    @Option(
        names = "--clickhouse-url",
        required = true,
        paramLabel = "JDBC_URL",
        description =
            "the delivery ledger, e.g. jdbc:clickhouse://host:8123/default?compress=false"
                + " (default: $"
                + EnvironmentDefaults.CLICKHOUSE_URL
                + ")")
    String clickhouseUrl;

    @Option(
        names = "--webhooks",
        required = true,
        paramLabel = "FILE",
        description = "subscriptions: {\"endpoints\": [{\"id\", \"url\", \"secret\", ...}]}")
    Path webhooks;

    @Option(
        names = "--group-id",
        defaultValue = DispatcherConfig.DEFAULT_GROUP_ID,
        description = "Kafka consumer group (default: ${DEFAULT-VALUE})")
    String groupId;

    @Option(
        names = "--link-base",
        defaultValue = DispatcherConfig.DEFAULT_LINK_BASE,
        paramLabel = "URL",
        description =
            "the query API's public URL, for the payload's link (default: ${DEFAULT-VALUE})")
    String linkBase;

    @Option(
        names = "--topic",
        defaultValue = RecordKind.NOTIFICATION_TOPIC,
        description = "notification topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(
        names = "--dead-letter-topic",
        defaultValue = RecordKind.WEBHOOK_DEAD_LETTER_TOPIC,
        description = "webhook dead-letter topic (default: ${DEFAULT-VALUE})")
    String deadLetterTopic;

    @Option(
        names = "--auto-offset-reset",
        defaultValue = "earliest",
        paramLabel = "earliest|latest",
        description = "where a group without committed offsets starts (default: ${DEFAULT-VALUE})")
    String autoOffsetReset;

    @Option(
        names = "--queue-capacity",
        defaultValue = "1000",
        paramLabel = "N",
        description =
            "deliveries queued per endpoint before reading pauses (default: ${DEFAULT-VALUE})")
    int queueCapacity;

    @Option(
        names = "--metrics-port",
        paramLabel = "PORT",
        description =
            "serve GET /metrics (Prometheus text) and /health on this port (default: off)")
    Integer metricsPort;

    Subscriptions subscriptions;

    /** The dispatcher's settings. */
    public DispatcherConfig config() {
      return DispatcherConfig.defaults(bootstrapServers)
          .withGroupId(groupId)
          .withTopic(topic)
          .withDeadLetterTopic(deadLetterTopic)
          .withAutoOffsetReset(autoOffsetReset)
          .withLinkBase(linkBase)
          .withQueueCapacity(queueCapacity);
    }

    public Subscriptions subscriptions() {
      return subscriptions;
    }

    public String clickhouseUrl() {
      return clickhouseUrl;
    }
  }

  /**
   * Parses and checks the options and loads the subscriptions file; null for {@code --help} or
   * {@code --version}. The connection options default to this process's environment.
   *
   * @throws IllegalArgumentException one line naming the bad option or the file's problem
   */
  public static Options parse(String... args) {
    return parse(System::getenv, args);
  }

  /** {@link #parse(String...)} with {@code environment} as the environment. */
  public static Options parse(Function<String, String> environment, String... args) {
    Options options = new Options();
    CommandLine line = commandLine(options, environment);
    try {
      line.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
      return null;
    }
    check(options);
    return options;
  }

  private static CommandLine commandLine(Options options, Function<String, String> environment) {
    CommandLine line = new CommandLine(options);
    line.setDefaultValueProvider(new EnvironmentDefaults(environment));
    return line;
  }

  /**
   * Checks options picocli has filled in (values in range, URLs well formed) and loads the
   * subscriptions file.
   *
   * @throws IllegalArgumentException one line naming the bad option or the file's problem
   */
  public static void check(Options options) {
    if (options.bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("--bootstrap-servers must not be empty");
    }
    if (!options.clickhouseUrl.startsWith("jdbc:clickhouse://")) {
      throw new IllegalArgumentException(
          "--clickhouse-url must be jdbc:clickhouse://HOST:PORT/DB?compress=false, got "
              + options.clickhouseUrl);
    }
    if (options.groupId.isBlank()) {
      throw new IllegalArgumentException("--group-id must not be empty");
    }
    URI base;
    try {
      base = URI.create(options.linkBase);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--link-base is not a URL: " + options.linkBase);
    }
    if (base.getScheme() == null
        || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
        || base.getHost() == null) {
      throw new IllegalArgumentException(
          "--link-base must be an absolute http(s) URL, got " + options.linkBase);
    }
    if (options.metricsPort != null && (options.metricsPort < 0 || options.metricsPort > 65535)) {
      throw new IllegalArgumentException("--metrics-port must be in 0..65535");
    }
    if (options.queueCapacity < 1) {
      throw new IllegalArgumentException(
          "--queue-capacity must be >= 1, got " + options.queueCapacity);
    }
    if (!options.autoOffsetReset.equals("earliest") && !options.autoOffsetReset.equals("latest")) {
      throw new IllegalArgumentException(
          "--auto-offset-reset must be earliest or latest, got " + options.autoOffsetReset);
    }
    try {
      options.subscriptions = Subscriptions.load(options.webhooks);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Runs the command line; returns the exit status (0, 1 for a failure, 2 for a bad option). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("webhooks: " + firstLine(e.getMessage()) + " (--help lists the options)");
      err.flush();
      return 2;
    }
    if (options == null) {
      commandLine(new Options(), System::getenv).usage(out);
      out.flush();
      return 0;
    }
    return run(options, out, err);
  }

  /**
   * Runs the dispatcher of options {@link #check checked} until SIGTERM or a fatal error; returns
   * the exit status (0, or 1 for a failure).
   */
  public static int run(Options options, PrintWriter out, PrintWriter err) {
    WebhookDispatcher dispatcher;
    try {
      dispatcher =
          WebhookDispatcher.create(
              options.config(), options.subscriptions(), options.clickhouseUrl);
      dispatcher.start();
    } catch (Exception e) {
      err.println("webhooks: could not start: " + firstLine(String.valueOf(e.getMessage())));
      err.flush();
      return 1;
    }
    MetricsServer metrics = null;
    try {
      if (options.metricsPort != null) {
        metrics =
            new MetricsServer(
                options.metricsPort,
                () -> dispatcher.stats().toPrometheusText(),
                dispatcher::isRunning);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(dispatcher::close, "webhooks-shutdown"));
      out.println(
          "webhooks: delivering "
              + options.topic
              + " to "
              + options.subscriptions().endpoints().size()
              + " endpoints (group "
              + options.groupId
              + (metrics == null ? "" : ", metrics on port " + metrics.port())
              + ")");
      out.flush();
      while (!dispatcher.awaitTermination(Duration.ofSeconds(60))) {
        // runs until SIGTERM or a fatal consumer error
      }
      Throwable failure = dispatcher.failure();
      if (failure != null) {
        err.println("webhooks: stopped: " + firstLine(String.valueOf(failure.getMessage())));
        err.flush();
        return 1;
      }
      return 0;
    } catch (Exception e) {
      err.println("webhooks: failed: " + firstLine(String.valueOf(e.getMessage())));
      err.flush();
      dispatcher.close();
      return 1;
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  public static void main(String[] args) {
    int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    if (status != 0) {
      System.exit(status);
    }
  }
}
