package io.alertscoring.launcher.data;

import io.alertscoring.generator.source.AmlSimSource;
import io.alertscoring.generator.source.EthIllicitSource;
import io.alertscoring.generator.source.GeneratedFilesSource;
import io.alertscoring.generator.source.SotSource;
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
public final class ReplayCommand {
  public static final String USAGE =
      "usage: alert-scoring replay --bootstrap-servers HOST:PORT --network N --date YYYY-MM-DD"
          + " [--to-date YYYY-MM-DD] (--from-files DIR | --from-clickhouse JDBC_URL"
          + " | --from-eth-illicit CSV | --from-amlsim ARCHIVE.tgz) [--rate RECORDS_PER_SEC]"
          + " [--window-days W] [--first-step-date YYYY-MM-DD] [--no-labels] [--validate]";

  private static final Set<String> VALUED =
      Set.of(
          "--bootstrap-servers",
          "--network",
          "--date",
          "--to-date",
          "--from-files",
          "--from-clickhouse",
          "--from-eth-illicit",
          "--from-amlsim",
          "--rate",
          "--window-days",
          "--first-step-date");

  private static final List<String> SOURCES =
      List.of("--from-files", "--from-clickhouse", "--from-eth-illicit", "--from-amlsim");

  private static final Pattern SERVERS =
      Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5})*");

  /** AMLSim time step 1 is this date unless --first-step-date says otherwise. */
  static final LocalDate DEFAULT_FIRST_STEP_DATE = LocalDate.parse("2026-01-01");

  private ReplayCommand() {}

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

  static Options parse(String[] args) throws Args.UsageError {
    Args a = Args.parse(args, VALUED, Set.of("--no-labels", "--validate"), USAGE);
    String servers = a.required("--bootstrap-servers");
    if (!SERVERS.matcher(servers).matches()) {
      throw new Args.UsageError(
          "bad --bootstrap-servers '" + servers + "': expected HOST:PORT[,HOST:PORT...]");
    }
    String network = Args.network(a.required("--network"));
    LocalDate from = Args.date("--date", a.required("--date"));
    LocalDate to = a.date("--to-date", from);
    if (to.isBefore(from)) {
      throw new Args.UsageError("--to-date " + to + " is before --date " + from);
    }
    List<String> given = new ArrayList<>();
    for (String s : SOURCES) {
      if (a.has(s)) {
        given.add(s);
      }
    }
    if (given.isEmpty()) {
      throw new Args.UsageError(
          "missing source: give one of --from-files DIR, --from-clickhouse JDBC_URL,"
              + " --from-eth-illicit CSV, --from-amlsim ARCHIVE.tgz");
    }
    if (given.size() > 1) {
      throw new Args.UsageError("give only one source, got " + String.join(" and ", given));
    }
    String source = given.get(0);
    String value = a.optional(source);
    switch (source) {
      case "--from-files" -> value = a.existingDirectory(source).toString();
      case "--from-clickhouse" -> {
        if (!value.startsWith("jdbc:clickhouse://")) {
          throw new Args.UsageError(
              "--from-clickhouse must be a JDBC URL like"
                  + " jdbc:clickhouse://HOST:8123/DATABASE?compress=false, got '"
                  + value
                  + "'");
        }
      }
      case "--from-eth-illicit" -> {
        value = a.existingFile(source).toString();
        if (!to.equals(from)) {
          throw new Args.UsageError(
              "the Ethereum illicit dataset is one processing date: drop --to-date");
        }
      }
      default -> value = a.existingFile(source).toString();
    }
    double rate = a.doubleValue("--rate", 0.001, 1e9, 0);
    Integer window = a.has("--window-days") ? a.intValue("--window-days", 1, 3650, 7) : null;
    return new Options(
        servers,
        network,
        from,
        to,
        source,
        value,
        rate,
        window,
        a.date("--first-step-date", DEFAULT_FIRST_STEP_DATE),
        !a.flag("--no-labels"),
        a.flag("--validate"));
  }

  /** Runs the command; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    Options o;
    try {
      o = parse(args);
    } catch (Args.UsageError e) {
      err.println("alert-scoring: replay: " + e.getMessage());
      return 2;
    }
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
