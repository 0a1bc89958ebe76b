package io.alertscoring.launcher.data;

import io.alertscoring.generator.DatasetGenerator;
import io.alertscoring.generator.GenerationListener;
import io.alertscoring.generator.GenerationResult;
import io.alertscoring.generator.GeneratorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code alert-scoring generate}: writes deterministic synthetic SOT batches (see {@link
 * DatasetGenerator}) and prints progress and throughput.
 */
public final class GenerateCommand {
  public static final String USAGE =
      "usage: alert-scoring generate --network N[,N...] --start-date YYYY-MM-DD --out DIR"
          + " [--days 1] [--alerts-per-day 1000] [--seed 42] [--window-days 7] [--gzip]"
          + " [--label-noise 0.05] [--positive-share 0.05] [--threads N]";

  private static final Set<String> VALUED =
      Set.of(
          "--network",
          "--start-date",
          "--days",
          "--alerts-per-day",
          "--seed",
          "--out",
          "--window-days",
          "--label-noise",
          "--positive-share",
          "--threads");

  private GenerateCommand() {}

  /** Runs the command; returns the exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    GeneratorConfig config;
    try {
      Args a = Args.parse(args, VALUED, Set.of("--gzip", "--help", "-h"), USAGE);
      if (a.flag("--help") || a.flag("-h")) {
        out.println(USAGE);
        return 0;
      }
      List<String> networks = new ArrayList<>();
      for (String n : a.required("--network").split(",", -1)) {
        networks.add(Args.network(n.strip()));
      }
      LocalDate start = Args.date("--start-date", a.required("--start-date"));
      Path dir = Path.of(a.required("--out"));
      config =
          new GeneratorConfig(
              networks,
              start,
              a.intValue("--days", 1, GeneratorConfig.MAX_DAYS, 1),
              a.longValue("--alerts-per-day", 1, GeneratorConfig.MAX_ALERTS_PER_DAY, 1000),
              a.longValue("--seed", Long.MIN_VALUE, Long.MAX_VALUE, 42),
              a.intValue("--window-days", 1, GeneratorConfig.MAX_WINDOW_DAYS, 7),
              a.flag("--gzip"),
              a.doubleValue("--label-noise", 0, 0.5, 0.05),
              dir,
              a.intValue("--threads", 1, 256, Runtime.getRuntime().availableProcessors()),
              a.doubleValue("--positive-share", 0, 1, GeneratorConfig.DEFAULT_POSITIVE_SHARE));
    } catch (Args.UsageError e) {
      err.println("alert-scoring: generate: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("alert-scoring: generate: " + e.getMessage());
      return 2;
    }
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
