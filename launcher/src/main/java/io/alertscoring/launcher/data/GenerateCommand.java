package io.alertscoring.launcher.data;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GenerationListener;
import io.alertscoring.generator.GenerationResult;
import io.alertscoring.generator.GeneratorConfig;
import io.alertscoring.generator.economy.NetworkProfile;
import io.alertscoring.launcher.cli.CliCommand;
import io.alertscoring.launcher.cli.CommandRunner;
import io.alertscoring.launcher.cli.OptionValues;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alert-scoring generate}: writes deterministic synthetic SOT batches (see {@link
 * DatasetGenerator}) and prints progress and throughput.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Write deterministic synthetic SOT batches (alerts, features, clusters, money flows,"
            + " labels) of processing dates, with progress and throughput.")
public final class GenerateCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Option(
      names = "--network",
      required = true,
      paramLabel = "N[,N...]",
      description = "networks, e.g. ethereum,bitcoin")
  String networks;

  @Option(names = "--start-date", required = true, paramLabel = "YYYY-MM-DD")
  String startDate;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "an empty directory")
  Path outDir;

  @Option(names = "--days", paramLabel = "N", description = "processing dates (default: 1)")
  String days;

  @Option(names = "--alerts-per-day", paramLabel = "N", description = "(default: 1000)")
  String alertsPerDay;

  @Option(names = "--seed", paramLabel = "N", description = "(default: 42)")
  String seed;

  @Option(names = "--window-days", paramLabel = "W", description = "(default: 7)")
  String windowDays;

  @Option(names = "--gzip", description = "write .jsonl.gz files")
  boolean gzip;

  @Option(
      names = "--label-noise",
      paramLabel = "F",
      description = "share of labels flipped, in [0, 0.5] (default: 0.05)")
  String labelNoise;

  @Option(
      names = "--positive-share",
      paramLabel = "F",
      description =
          "largest share of a day's alerts on laundering accounts, in (0, 1] (default: 0.05; the"
              + " rest are the analyzers' false positives)")
  String positiveShare;

  @Option(names = "--threads", paramLabel = "N", description = "(default: the processors)")
  String threads;

  /** Runs the command; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandRunner.runAlone(new GenerateCommand(), args, out, err);
  }

  /** The generator's settings from the options. */
  GeneratorConfig config() {
    OptionValues v = OptionValues.of(spec);
    List<String> names = new ArrayList<>();
    for (String n : networks.split(",", -1)) {
      names.add(network(v, n.strip()));
    }
    try {
      return new GeneratorConfig(
          names,
          v.date("--start-date", startDate, null),
          v.intValue("--days", days, 1, GeneratorConfig.MAX_DAYS, 1),
          v.wholeNumber(
              "--alerts-per-day", alertsPerDay, 1, GeneratorConfig.MAX_ALERTS_PER_DAY, 1000),
          v.wholeNumber("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE, 42),
          v.intValue("--window-days", windowDays, 1, GeneratorConfig.MAX_WINDOW_DAYS, 7),
          gzip,
          v.number("--label-noise", labelNoise, 0, 0.5, 0.05),
          outDir,
          v.intValue("--threads", threads, 1, 256, Runtime.getRuntime().availableProcessors()),
          v.number(
              "--positive-share",
              positiveShare,
              Double.MIN_VALUE,
              1,
              GeneratorConfig.DEFAULT_POSITIVE_SHARE));
    } catch (IllegalArgumentException e) {
      throw v.error(e.getMessage());
    }
  }

  /** A network name as the generator takes it. */
  static String network(OptionValues v, String value) {
    if (!NetworkProfile.NAME.matcher(value).matches()) {
      throw v.error(
          "bad network '"
              + value
              + "': expected a lower-case name of [a-z0-9_-], 1-32 characters (e.g. ethereum)");
    }
    return value;
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    GeneratorConfig config = config();
    boolean terminal = System.console() != null;
    out.println(
        String.format(
            Locale.ROOT,
            "[generate] %s, %s + %d day(s), %,d alerts/day, seed %d, window %d days%s -> %s",
            String.join(",", config.networks()),
            config.startDate(),
            config.days(),
            config.alertsPerDay(),
            config.seed(),
            config.windowDays(),
            config.gzip() ? ", gzip" : "",
            config.out()));
    Progress[] progress = new Progress[1];
    GenerationListener listener =
        new GenerationListener() {
          long dateStart = System.nanoTime();

          @Override
          public void shardWritten(String network, String date, int done, int shards) {
            if (progress[0] == null) {
              progress[0] =
                  new Progress(
                      out,
                      terminal,
                      "shards",
                      (long) shards * config.days() * config.networks().size());
            }
            progress[0].advance(1);
          }

          @Override
          public void dateWritten(String network, String date, DateCounts c) {
            double seconds = (System.nanoTime() - dateStart) / 1e9;
            dateStart = System.nanoTime();
            String line =
                String.format(
                    Locale.ROOT,
                    "[generate] %s %s: %,d alerts, %,d features, %,d clusters, %,d money flows,"
                        + " %,d labels scheduled (%,d transfers simulated) in %.1f s",
                    network,
                    date,
                    c.alerts(),
                    c.features(),
                    c.clusters(),
                    c.moneyFlows(),
                    c.labels(),
                    c.transfers(),
                    seconds);
            if (progress[0] != null) {
              progress[0].line(line);
            } else {
              out.println(line);
            }
          }
        };
    try {
      GenerationResult r = new DatasetGenerator(config, listener).run();
      if (progress[0] != null) {
        progress[0].finish();
      }
      out.println(
          String.format(
              Locale.ROOT,
              "[generate] wrote %,d records (%,d alerts, %,d features, %,d clusters, %,d money flows,"
                  + " %,d batch controls, %,d labels), %.1f MB, in %.1f s: %,.0f records/s, %,.0f"
                  + " alerts/s",
              r.records(),
              r.alerts(),
              r.features(),
              r.clusters(),
              r.moneyFlows(),
              r.batches(),
              r.labels(),
              r.bytes() / 1e6,
              r.seconds(),
              r.recordsPerSecond(),
              r.alertsPerSecond()));
      out.println(
          "[generate] manifest (parameters, counts, sha256 of every file): " + r.manifest());
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("alert-scoring: generate failed: " + e.getMessage());
      return 1;
    }
  }
}
