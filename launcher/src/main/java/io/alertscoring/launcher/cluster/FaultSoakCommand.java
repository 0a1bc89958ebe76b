package io.alertscoring.launcher.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alertscoring.infra.FlinkCluster;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench faults}: the soak for people (not CI). Replays several dates on a real standalone
 * cluster while killing TaskManagers with SIGKILL at random intervals (a new one is started at
 * once, as a supervisor would), then checks what a user would: every run COMPLETED, and the visible
 * rows of each date identical to those of an undisturbed replay of the same dates. A replay starts
 * when the previous one is published, so the load is what the job sustains.
 */
@Command(
    name = "faults",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Replay dates on a real Flink cluster while killing TaskManagers; print kills survived,"
            + " recovery times, records lost and duplicate rows visible.")
public final class FaultSoakCommand implements io.alertscoring.launcher.cli.CliCommand {
  @Option(names = "--kills", defaultValue = "20", description = "TaskManager kills")
  int kills;

  @Option(names = "--networks", defaultValue = "ethereum,bitcoin", split = ",")
  List<String> networks;

  @Option(names = "--dates", defaultValue = "3", description = "processing dates per network")
  int dates;

  @Option(names = "--alerts-per-batch", defaultValue = "3000")
  int alertsPerBatch;

  @Option(
      names = "--rate",
      defaultValue = "3000",
      description = "records per second of each replay (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--min-interval-s", defaultValue = "30", description = "least time between kills")
  int minIntervalSeconds;

  @Option(names = "--max-interval-s", defaultValue = "60", description = "most time between kills")
  int maxIntervalSeconds;

  @Option(names = "--seed", defaultValue = "7", description = "data and kill-time seed")
  long seed;

  @Option(names = "--taskmanager-memory", defaultValue = "2048m")
  String taskManagerMemory;

  @Option(names = "--checkpoint-interval-ms", defaultValue = "10000")
  long checkpointIntervalMs;

  @Option(names = "--models-dir", paramLabel = "DIR")
  Path modelsDir;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
  Path json;

  @Option(names = "--timeout-s", defaultValue = "3600", description = "give up after this long")
  long timeoutSeconds;

  /** Runs the soak; 0 when every check holds, 1 otherwise, 2 for a bad option. */
  @Override
  public int run(PrintStream out, PrintStream err) {
    if (kills < 0
        || dates < 1
        || alertsPerBatch < 10
        || rate <= 0
        || minIntervalSeconds < 1
        || maxIntervalSeconds < minIntervalSeconds) {
      err.println(
          "alert-scoring: bench faults: --kills >= 0, --dates >= 1, --alerts-per-batch >= 10,"
              + " --rate > 0 and 1 <= --min-interval-s <= --max-interval-s required");
      return 2;
    }
    Path models =
        modelsDir != null
            ? modelsDir
            : Path.of(System.getProperty("alert.scoring.home", "."), "trained_models");
    if (!Files.isDirectory(models)) {
      err.println("alert-scoring: bench faults: models directory " + models + " does not exist");
      return 2;
    }
    long t0 = System.nanoTime();
    FaultBed.Shape shape =
        new FaultBed.Shape(
            networks,
            dates,
            alertsPerBatch,
            seed,
            FlinkCluster.Settings.defaults().withTaskManagerMemory(taskManagerMemory),
            Duration.ofMillis(checkpointIntervalMs),
            models.toAbsolutePath().normalize());
    try (FaultBed bed = FaultBed.start(shape, line -> out.println("[faults] " + line))) {
      Duration timeout = Duration.ofSeconds(timeoutSeconds);
      out.printf(
          Locale.ROOT,
          "[faults] %d batches (%d networks x %d dates x %d alerts), %d records per replay%n",
          bed.batches().size(),
          networks.size(),
          dates,
          alertsPerBatch,
          PacedPublisher.records(bed.batches()));
      List<String> first =
          new PacedPublisher(bed.servers().bootstrapServers(), 1e9)
              .start(bed.batches())
              .get(timeout.toSeconds(), TimeUnit.SECONDS);
      bed.awaitPublished(first, timeout);
      VisibleRows.Snapshot undisturbed = bed.visibleRows();
      out.println("[faults] undisturbed replay published: " + first);

      String jobId = bed.deployment().jobId();
      long restartsBefore = bed.cluster().restarts(jobId);
      Random random = new Random(seed);
      List<Long> recoveryMs = new ArrayList<>();
      List<List<String>> replays = new ArrayList<>();
      PacedPublisher publisher = new PacedPublisher(bed.servers().bootstrapServers(), rate);
      CompletableFuture<List<String>> replay = publisher.start(bed.batches());
      while (recoveryMs.size() < kills) {
        long waitMs =
            1000L
                * (minIntervalSeconds
                    + random.nextInt(maxIntervalSeconds - minIntervalSeconds + 1));
        long until = System.nanoTime() + waitMs * 1_000_000;
        while (System.nanoTime() < until) {
          // the next replay starts once this one is published: the job is never fed faster
          // than it scores, so the kills land on a steady load and the soak ends in bounded time
          if (replay.isDone() && bed.arePublished(replay.get())) {
            replays.add(replay.get());
            publisher = new PacedPublisher(bed.servers().bootstrapServers(), rate);
            replay = publisher.start(bed.batches());
          }
          Thread.sleep(100);
        }
        Duration recovery = bed.killTaskManagerAndRecover(Duration.ofMinutes(5));
        recoveryMs.add(recovery.toMillis());
        out.printf(
            Locale.ROOT,
            "[faults] kill %d/%d: job running again after %.1f s (replay %d, %d records"
                + " published in it)%n",
            recoveryMs.size(),
            kills,
            recovery.toMillis() / 1000.0,
            replays.size() + 1,
            publisher.published());
      }
      replays.add(replay.get(timeout.toSeconds(), TimeUnit.SECONDS));
      List<String> last = replays.get(replays.size() - 1);
      bed.awaitPublished(last, timeout);
      VisibleRows.Snapshot after = bed.visibleRows();
      VisibleRows.Diff diff = after.diff(undisturbed);
      List<String> allRuns = replays.stream().flatMap(List::stream).toList();
      Map<String, String> statuses = statuses(bed.clickhouseUrl(), allRuns);
      long completed = statuses.values().stream().filter("COMPLETED"::equals).count();
      long restarts = bed.cluster().restarts(jobId) - restartsBefore;

      long[] sorted = recoveryMs.stream().mapToLong(Long::longValue).sorted().toArray();
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("kills", kills);
      report.put("kills_survived", recoveryMs.size());
      report.put("job_restarts", restarts);
      report.put("recovery_p50_ms", percentile(sorted, 0.5));
      report.put("recovery_max_ms", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
      report.put("recovery_ms", recoveryMs);
      report.put("replays", replays.size());
      report.put("runs", allRuns.size());
      report.put("runs_completed", completed);
      report.put("records_lost", diff.missing());
      report.put("rows_not_in_undisturbed_run", diff.extra());
      report.put("duplicate_rows_visible", diff.visibleTwice() + diff.extra());
      report.put("physical_duplicates_folded", after.foldedDuplicates());
      report.put("identical_to_undisturbed", diff.identical());
      report.put("wall_s", Math.round((System.nanoTime() - t0) / 1e9));
      report.put("differences", diff.lines());
      out.println();
      out.printf(Locale.ROOT, "kills survived          %d/%d%n", recoveryMs.size(), kills);
      out.printf(Locale.ROOT, "job restarts            %d%n", restarts);
      out.printf(
          Locale.ROOT,
          "recovery (kill to every task RUNNING)  p50 %.1f s, max %.1f s%n",
          percentile(sorted, 0.5) / 1000.0,
          (sorted.length == 0 ? 0 : sorted[sorted.length - 1]) / 1000.0);
      out.printf(
          Locale.ROOT,
          "runs COMPLETED          %d/%d (%d replays of %d batches)%n",
          completed,
          allRuns.size(),
          replays.size(),
          bed.batches().size());
      out.printf(Locale.ROOT, "records lost            %d (must be 0)%n", diff.missing());
      out.printf(
          Locale.ROOT,
          "duplicate rows visible  %d (must be 0)%n",
          diff.visibleTwice() + diff.extra());
      out.printf(
          Locale.ROOT,
          "physical duplicates folded by FINAL  %d (rows written again after a restore)%n",
          after.foldedDuplicates());
      out.printf(
          Locale.ROOT,
          "visible rows vs undisturbed replay   %s%n",
          diff.identical() ? "identical" : diff.toString());
      if (json != null) {
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(json.toFile(), report);
      }
      boolean ok = diff.identical() && completed == allRuns.size();
      if (!ok) {
        err.println(
            "alert-scoring: bench faults: "
                + (diff.identical() ? "" : "visible rows differ: " + diff + "; ")
                + (completed == allRuns.size() ? "" : "runs not COMPLETED: " + statuses));
      }
      return ok ? 0 : 1;
    } catch (Exception e) {
      err.println("alert-scoring: bench faults failed: " + e.getMessage());
      if (System.getenv("ALERT_SCORING_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static Map<String, String> statuses(String url, List<String> runIds) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : runIds) {
      out.put(id, "MISSING");
    }
    try (Connection c = new ru.yandex.clickhouse.ClickHouseDriver().connect(url, new Properties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id, status FROM batch_metadata FINAL")) {
      while (rs.next()) {
        if (out.containsKey(rs.getString(1))) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }
}
