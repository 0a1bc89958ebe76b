package io.alertscoring.launcher.data;

import io.alertscoring.generator.source.AmlSimSource;
import io.alertscoring.generator.source.EthIllicitSource;
import io.alertscoring.generator.source.GeneratedFilesSource;
import io.alertscoring.generator.source.SotSource;
import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.cli.OptionValues;
import io.alertscoring.schemas.RecordKind;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alert-scoring replay}: publishes one processing date (or a range) of one network to the
 * SOT Kafka topics from generated files, a SOT ClickHouse database, the Ethereum illicit accounts
 * CSV or an IBM AMLSim archive (see {@link Replayer}).
 *
 * <p>Generated files are published line by line as they are (the fast path, see {@link
 * CanonicalLines}); {@code --validate} decodes every line strictly first, as before, at a fraction
 * of the speed. The other sources always decode. Code that wants to replay files without the
 * command line calls {@link FileReplay#replay}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Publish one processing date (or a range) of one network to the SOT Kafka topics from"
            + " generated files, a SOT ClickHouse database, the Ethereum illicit accounts CSV or an"
            + " IBM AMLSim archive.")
public final class ReplayCommand implements CliCommand {
  private static final List<String> SOURCES =
      List.of("--from-files", "--from-clickhouse", "--from-eth-illicit", "--from-amlsim");

  private static final Pattern SERVERS =
      Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5})*");

  /** AMLSim time step 1 is this date unless --first-step-date says otherwise. */
  static final LocalDate DEFAULT_FIRST_STEP_DATE = LocalDate.parse("2026-01-01");

  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT[,...]",
      description = "Kafka (default: $KAFKA_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  @Option(names = "--network", required = true, paramLabel = "N")
  String network;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD")
  String date;

  @Option(
      names = "--to-date",
      paramLabel = "YYYY-MM-DD",
      description = "last date of a range (default: --date)")
  String toDate;

  @Option(names = "--from-files", paramLabel = "DIR", description = "generated files")
  String fromFiles;

  @Option(names = "--from-clickhouse", paramLabel = "JDBC_URL", description = "a SOT database")
  String fromClickhouse;

  @Option(
      names = "--from-eth-illicit",
      paramLabel = "CSV",
      description = "the Ethereum illicit accounts CSV (one date)")
  String fromEthIllicit;

  @Option(
      names = "--from-amlsim",
      paramLabel = "ARCHIVE.tgz",
      description = "an IBM AMLSim archive")
  String fromAmlsim;

  @Option(
      names = "--rate",
      paramLabel = "RECORDS_PER_SEC",
      description = "pace the publication (default: as fast as the broker takes)")
  String rate;

  @Option(names = "--window-days", paramLabel = "W")
  String windowDays;

  @Option(
      names = "--first-step-date",
      paramLabel = "YYYY-MM-DD",
      description = "the date of AMLSim time step 1 (default: 2026-01-01)")
  String firstStepDate;

  @Option(names = "--no-labels", description = "publish no address labels")
  boolean noLabels;

  @Option(names = "--validate", description = "decode every line of generated files strictly")
  boolean validate;

  /** Parsed options, validated (paths exist, dates parse, one source). */
  record Options(
      String bootstrapServers,
      String network,
      LocalDate from,
      LocalDate to,
      String sourceOption,
      String sourceValue,
      double rate,
      Integer windowDays,
      LocalDate firstStepDate,
      boolean labels,
      boolean validate) {}

  /** Runs the command; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandRunner.runAlone(new ReplayCommand(), args, out, err);
  }

  Options options() {
    OptionValues v = OptionValues.of(spec);
    if (!SERVERS.matcher(bootstrapServers).matches()) {
      throw v.error(
          "bad --bootstrap-servers '" + bootstrapServers + "': expected HOST:PORT[,HOST:PORT...]");
    }
    String checkedNetwork = GenerateCommand.network(v, network);
    LocalDate from = v.date("--date", date, null);
    LocalDate to = v.date("--to-date", toDate, from);
    if (to.isBefore(from)) {
      throw v.error("--to-date " + to + " is before --date " + from);
    }
    String[] values = {fromFiles, fromClickhouse, fromEthIllicit, fromAmlsim};
    List<String> given = new ArrayList<>();
    for (int i = 0; i < SOURCES.size(); i++) {
      if (values[i] != null) {
        given.add(SOURCES.get(i));
      }
    }
    if (given.isEmpty()) {
      throw v.error(
          "missing source: give one of --from-files DIR, --from-clickhouse JDBC_URL,"
              + " --from-eth-illicit CSV, --from-amlsim ARCHIVE.tgz");
    }
    if (given.size() > 1) {
      throw v.error("give only one source, got " + String.join(" and ", given));
    }
    String source = given.get(0);
    String value = values[SOURCES.indexOf(source)];
    switch (source) {
      case "--from-files" -> value = v.existingDirectory(source, value).toString();
      case "--from-clickhouse" -> v.clickhouseUrl(source, value);
      case "--from-eth-illicit" -> {
        value = v.existingFile(source, value).toString();
        if (!to.equals(from)) {
          throw v.error("the Ethereum illicit dataset is one processing date: drop --to-date");
        }
      }
      default -> value = v.existingFile(source, value).toString();
    }
    return new Options(
        bootstrapServers,
        checkedNetwork,
        from,
        to,
        source,
        value,
        v.number("--rate", rate, 0.001, 1e9, 0),
        v.optionalInt("--window-days", windowDays, 1, 3650),
        v.date("--first-step-date", firstStepDate, DEFAULT_FIRST_STEP_DATE),
        !noLabels,
        validate);
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    Options o = options();
    try (SotSource source = open(o);
        RecordPublisher publisher = connect(o.bootstrapServers())) {
      Replayer.Report report =
          new Replayer(
                  source,
                  publisher,
                  new Replayer.Options(
                      o.network(), o.from(), o.to(), o.windowDays(), o.rate(), o.labels()),
                  out,
                  err,
                  System.console() != null)
              .run();
      if (report.batches() == 0) {
        err.println(
            "alert-scoring: replay: no batch of "
                + o.network()
                + " between "
                + o.from()
                + " and "
                + o.to()
                + " in "
                + source.describe());
        return 1;
      }
      return report.refused() > 0 ? 1 : 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("alert-scoring: replay interrupted");
      return 1;
    } catch (Exception e) {
      err.println("alert-scoring: replay failed: " + e.getMessage());
      if (System.getenv("ALERT_SCORING_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  private static SotSource open(Options o) throws Exception {
    int window = o.windowDays() == null ? 7 : o.windowDays();
    return switch (o.sourceOption()) {
      case "--from-files" ->
          o.validate()
              ? new GeneratedFilesSource(java.nio.file.Path.of(o.sourceValue()))
              : new GeneratedLinesSource(java.nio.file.Path.of(o.sourceValue()));
      case "--from-clickhouse" -> new ClickHouseSource(o.sourceValue());
      case "--from-eth-illicit" ->
          new EthIllicitSource(java.nio.file.Path.of(o.sourceValue()), o.from(), window);
      default ->
          new AmlSimSource(java.nio.file.Path.of(o.sourceValue()), o.firstStepDate(), window);
    };
  }

  /**
   * Connects and checks that the SOT topics exist (a producer would otherwise block for a minute
   * per missing topic, or create it with broker defaults).
   */
  static RecordPublisher connect(String servers) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    try (Admin admin = Admin.create(props)) {
      Set<String> topics;
      try {
        topics = admin.listTopics().names().get(25, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(
            "cannot reach Kafka at "
                + servers
                + " within "
                + Duration.ofSeconds(25).toSeconds()
                + " s");
      }
      List<String> missing = new ArrayList<>();
      for (RecordKind kind : RecordKind.values()) {
        if (!topics.contains(kind.defaultTopic())) {
          missing.add(kind.defaultTopic());
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "topics missing on "
                + servers
                + ": "
                + String.join(", ", missing)
                + " (create them first)");
      }
    }
    return RecordPublisher.kafka(servers);
  }
}
