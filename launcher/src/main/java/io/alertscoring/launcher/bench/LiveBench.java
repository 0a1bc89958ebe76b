package io.alertscoring.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertscoring.api.QueryApiMain;
import io.alertscoring.api.RunningApi;
import io.alertscoring.infra.FreePorts;
import io.alertscoring.infra.SotKafkaPublisher;
import io.alertscoring.launcher.LocalRun;
import io.alertscoring.launcher.data.GenerateCommand;
import io.alertscoring.schemas.RecordKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench live}: alerts with their features and money flows published at a steady rate to a
 * running system (Kafka, ClickHouse, the job and the API, all started here as {@code local} does);
 * for a sample of alerts, the time from the publication of the alert (its features published just
 * before it) to the API serving a score for it is measured by polling {@code GET
 * /alerts/{id}?network=}. Each generated processing date is closed by its batch-control record
 * after its last alert, so the batch path (close, final scoring, ranking) runs during the
 * measurement as it does in production.
 *
 * <p>What the figure includes: the producer's linger, the broker, the job (decode, join, live
 * scoring and explanation, the live sink's flush interval), ClickHouse's insert, and the API's
 * query; the poll interval adds up to {@link Settings#pollInterval} of its own (a sample older than
 * ten intervals is polled less often: at a tenth of its age, so the figure's resolution is 10%
 * there).
 */
public final class LiveBench {
  /** What to run. */
  public record Settings(
      double rate,
      Duration duration,
      Duration warmup,
      long alertsPerDate,
      long seed,
      Path data,
      String network,
      LocalDate startDate,
      Path modelsDir,
      String clickhouseUrl,
      LocalRun.Embedded embedded,
      int sampleEvery,
      Duration pollInterval,
      Duration sampleTimeout,
      Path json,
      boolean webhooks,
      java.util.Set<String> notifyPriorities) {

    /** Dates needed to publish for warm-up plus duration at the rate. */
    int datesNeeded() {
      double alerts = rate * (duration.toMillis() + warmup.toMillis()) / 1000.0;
      return (int) Math.ceil(alerts / alertsPerDate) + 1;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings s;
  private final PrintStream out;
  private final PrintStream err;

  public LiveBench(Settings settings, PrintStream out, PrintStream err) {
    this.s = settings;
    this.out = out;
    this.err = err;
  }

  private void say(String line) {
    out.println("[bench live] " + line);
  }

  /** One sampled alert: published at {@code publishedNanos}, scored when the API first shows it. */
  private record Sample(String alertId, String date, long publishedNanos, long offsetMs) {}

  /** One measured latency. */
  private record Measured(long offsetMs, double latencyMs, String stage) {}

  public PipelineReport run() throws Exception {
    prepareData();
    PipelineReport report = new PipelineReport();
    report.put("rate_alerts_per_s", s.rate());
    report.put("duration_s", s.duration().toSeconds());
    report.put("warmup_s", s.warmup().toSeconds());
    report.put("alerts_per_date", s.alertsPerDate());
    report.put("sample_every", s.sampleEvery());
    report.put("poll_interval_ms", s.pollInterval().toMillis());
    report.put("parallelism", s.embedded().parallelism());
    report.put("cpus", Runtime.getRuntime().availableProcessors());

    try (ResourceSampler resources = new ResourceSampler();
        LocalRun.Servers servers = LocalRun.Servers.start(s.clickhouseUrl(), this::say)) {
      LocalRun.RunningJob job =
          LocalRun.startJob(
              servers,
              s.modelsDir(),
              s.embedded(),
              "alert-scoring-live-bench",
              "live",
              s.notifyPriorities());
      say("job " + job.client().getJobID() + " on " + job.embedded().describe());
      say("Flink REST " + job.restUrl());
      int port = FreePorts.findOne();
      try (RunningApi api = QueryApiMain.start(port, servers.clickhouseUrl());
          BenchWebhooks webhooks =
              s.webhooks()
                  ? BenchWebhooks.start(servers, s.network(), s.notifyPriorities(), api.baseUrl())
                  : null) {
        say("query API on " + api.baseUrl());
        if (webhooks != null) {
          say("webhook dispatcher with one endpoint on this machine: " + webhooks.url());
        }
        long measuredFromMs = System.currentTimeMillis() + s.warmup().toMillis();
        measure(servers, api.baseUrl(), report);
        if (webhooks != null) {
          webhooks.report(measuredFromMs, System.currentTimeMillis(), report);
        }
        // Flink's REST endpoint is read only now: polling it during the run costs CPU the
        // measured path would miss (its checkpoint history holds the whole run).
        try (JobMonitor monitor =
            new JobMonitor(job.restUrl(), job.client().getJobID().toString())) {
          monitor.pollCheckpoints();
          List<Long> durations = new ArrayList<>();
          for (JobMonitor.Checkpoint c : monitor.checkpoints()) {
            if (c.status().equals("COMPLETED")) {
              durations.add(c.endToEndMs());
            }
          }
          report.putCheckpointStats("checkpoints", durations);
        }
      } finally {
        try {
          job.client().cancel().get();
        } catch (Exception e) {
          say("could not cancel the job cleanly: " + e.getMessage());
        }
      }
      resources.sample();
      report.put("peak_heap_bytes", resources.peakHeapBytes());
      report.put("peak_rss_vmhwm_bytes", ResourceSampler.peakRssBytes());
    }
    print(report);
    if (s.json() != null) {
      report.write(s.json());
      say("figures written to " + s.json());
    }
    return report;
  }

  // ---------------------------------------------------------------------------------------------
  // data

  private void prepareData() throws Exception {
    int dates = s.datesNeeded();
    Path manifest = s.data().resolve("manifest.json");
    if (Files.exists(manifest)) {
      JsonNode p = JSON.readTree(manifest.toFile()).path("parameters");
      if (p.path("days").asInt() < dates
          || p.path("alerts_per_day").asLong() != s.alertsPerDate()
          || p.path("seed").asLong() != s.seed()
          || !p.path("start_date").asText().equals(s.startDate().toString())) {
        throw new IllegalArgumentException(
            s.data()
                + " holds other generated data ("
                + p
                + "): need "
                + dates
                + " days of "
                + s.alertsPerDate()
                + " alerts from "
                + s.startDate()
                + " with seed "
                + s.seed()
                + "; remove it or pass another --data");
      }
      say("reusing generated data in " + s.data());
      return;
    }
    say("generating " + dates + " dates x " + s.alertsPerDate() + " alerts into " + s.data());
    int status =
        GenerateCommand.run(
            new String[] {
              "--network", s.network(),
              "--start-date", s.startDate().toString(),
              "--days", String.valueOf(dates),
              "--alerts-per-day", String.valueOf(s.alertsPerDate()),
              "--seed", String.valueOf(s.seed()),
              "--out", s.data().toString()
            },
            out,
            err);
    if (status != 0) {
      throw new IllegalStateException("generate exited with status " + status);
    }
  }

  /** The lines of one generated date, with the alert ids and addresses the publisher needs. */
  private static final class DateFiles {
    final String date;
    final List<byte[]> alerts = new ArrayList<>();
    final List<String> alertIds = new ArrayList<>();
    final List<String> alertAddresses = new ArrayList<>();
    final Map<String, byte[]> features = new LinkedHashMap<>();
    final List<byte[]> clusters = new ArrayList<>();
    final Path flows;
    final long flowCount;
    final byte[] control;

    DateFiles(Path dir, String date) throws IOException {
      this.date = date;
      for (String line : Files.readAllLines(dir.resolve("alerts.jsonl"))) {
        if (!line.isBlank()) {
          alerts.add(line.getBytes(StandardCharsets.UTF_8));
          alertIds.add(field(line, "alert_id"));
          alertAddresses.add(field(line, "address"));
        }
      }
      for (String line : Files.readAllLines(dir.resolve("features.jsonl"))) {
        if (!line.isBlank()) {
          features.put(field(line, "address"), line.getBytes(StandardCharsets.UTF_8));
        }
      }
      for (String line : Files.readAllLines(dir.resolve("clusters.jsonl"))) {
        if (!line.isBlank()) {
          clusters.add(line.getBytes(StandardCharsets.UTF_8));
        }
      }
      flows = dir.resolve("money_flows.jsonl");
      String controlLine = Files.readAllLines(dir.resolve("batch_control.jsonl")).get(0);
      control = controlLine.getBytes(StandardCharsets.UTF_8);
      flowCount = JSON.readTree(controlLine).path("money_flow_count").asLong();
    }

    /** A string field of a canonical line (generated lines put every field once, unescaped). */
    static String field(String line, String name) {
      String marker = "\"" + name + "\":\"";
      int start = line.indexOf(marker);
      if (start < 0) {
        throw new IllegalArgumentException("no " + name + " in " + line);
      }
      start += marker.length();
      return line.substring(start, line.indexOf('"', start));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // measurement

  private void measure(LocalRun.Servers servers, String apiUrl, PipelineReport report)
      throws Exception {
    Poller poller = new Poller(apiUrl);

    long alertsPublished = 0;
    long recordsPublished = 0;
    long measuredAlerts = 0;
    int closedDates = 0;
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long measureFrom = start + s.warmup().toNanos();
    long end = measureFrom + s.duration().toNanos();
    long behindMaxMs = 0;
    try (SotKafkaPublisher publisher = new SotKafkaPublisher(servers.bootstrapServers())) {
      outer:
      for (int d = 0; ; d++) {
        String date = s.startDate().plusDays(d).toString();
        Path dir = s.data().resolve(s.network()).resolve(date);
        if (!Files.isDirectory(dir)) {
          throw new IllegalStateException("generated data has no date " + date + " in " + s.data());
        }
        DateFiles files = new DateFiles(dir, date);
        byte[] key = (s.network() + "/" + date + "/7").getBytes(StandardCharsets.UTF_8);
        say(
            String.format(
                Locale.ROOT,
                "publishing %s: %,d alerts, %,d features, %,d flows, %,d clusters",
                date,
                files.alerts.size(),
                files.features.size(),
                files.flowCount,
                files.clusters.size()));
        long flowsSent = 0;
        try (BufferedReader flows = Files.newBufferedReader(files.flows)) {
          for (int i = 0; i < files.alerts.size(); i++) {
            long slot = start + (long) (alertsPublished * 1e9 / s.rate());
            long ahead = slot - System.nanoTime();
            if (ahead > 1_000_000L) {
              Thread.sleep(ahead / 1_000_000L, (int) (ahead % 1_000_000L));
            } else {
              behindMaxMs = Math.max(behindMaxMs, -ahead / 1_000_000L);
            }
            long now = System.nanoTime();
            if (now >= end) {
              break outer;
            }
            byte[] features = files.features.remove(files.alertAddresses.get(i));
            if (features != null) {
              publisher.publishBytes(RecordKind.FEATURES, key, features, this::refused);
              recordsPublished++;
            }
            publisher.publishBytes(RecordKind.ALERT, key, files.alerts.get(i), this::refused);
            long publishedAt = System.nanoTime();
            alertsPublished++;
            recordsPublished++;
            if (publishedAt >= measureFrom) {
              measuredAlerts++;
              if (measuredAlerts % s.sampleEvery() == 0) {
                Sample sample =
                    new Sample(
                        files.alertIds.get(i),
                        date,
                        publishedAt,
                        (publishedAt - measureFrom) / 1_000_000L);
                poller.submit(sample);
              }
            }
            // the date's money flows, spread evenly over its alerts
            long flowsDue = (long) ((double) (i + 1) * files.flowCount / files.alerts.size());
            for (; flowsSent < flowsDue; flowsSent++) {
              String line = flows.readLine();
              if (line == null) {
                break;
              }
              publisher.publishBytes(
                  RecordKind.MONEY_FLOW, key, line.getBytes(StandardCharsets.UTF_8), this::refused);
              recordsPublished++;
            }
          }
          String line;
          while ((line = flows.readLine()) != null) {
            publisher.publishBytes(
                RecordKind.MONEY_FLOW, key, line.getBytes(StandardCharsets.UTF_8), this::refused);
            recordsPublished++;
          }
        }
        for (byte[] features : files.features.values()) {
          publisher.publishBytes(RecordKind.FEATURES, key, features, this::refused);
          recordsPublished++;
        }
        for (byte[] cluster : files.clusters) {
          publisher.publishBytes(RecordKind.CLUSTER, key, cluster, this::refused);
          recordsPublished++;
        }
        publisher.flush();
        publisher.publishBytes(RecordKind.BATCH_CONTROL, key, files.control, this::refused);
        publisher.flush();
        recordsPublished++;
        closedDates++;
        say("closed " + date + " with its batch-control record");
      }
      publisher.flush();
    }
    long publishEnd = System.nanoTime();
    double publishSeconds = (publishEnd - start) / 1e9;
    say("publishing stopped; waiting for the sampled alerts still polled...");
    poller.finish();
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;

    List<Measured> all = new ArrayList<>(poller.measured);
    double[] latencies = all.stream().mapToDouble(Measured::latencyMs).sorted().toArray();
    report.put("alerts_published", alertsPublished);
    report.put("records_published", recordsPublished);
    report.put("publish_seconds", publishSeconds);
    report.put("sustained_alerts_per_s", alertsPublished / publishSeconds);
    report.put("sustained_records_per_s", recordsPublished / publishSeconds);
    report.put("publisher_max_behind_ms", behindMaxMs);
    report.put("dates_closed_during_run", closedDates);
    report.put("samples_measured", latencies.length);
    report.put("samples_missed", poller.missed.get());
    report.put("polls", poller.polls.get());
    report.put("poll_errors", poller.errors.get());
    report.put("last_poll_error", poller.lastError.get());
    report.put("latency_p50_ms", percentile(latencies, 0.50));
    report.put("latency_p95_ms", percentile(latencies, 0.95));
    report.put("latency_p99_ms", percentile(latencies, 0.99));
    report.put("latency_max_ms", latencies.length == 0 ? null : latencies[latencies.length - 1]);
    report.put(
        "samples_first_seen_final", all.stream().filter(m -> "final".equals(m.stage())).count());
    report.put("process_cpu_seconds", cpuSeconds);
    report.put("process_cpu_cores_used", cpuSeconds / publishSeconds);
    // p99 per minute of the measurement, to show whether batch closes move the tail
    Map<Long, List<Double>> perMinute = new java.util.TreeMap<>();
    for (Measured m : all) {
      perMinute.computeIfAbsent(m.offsetMs() / 60_000, k -> new ArrayList<>()).add(m.latencyMs());
    }
    List<String> minutes = new ArrayList<>();
    perMinute.forEach(
        (minute, values) -> {
          double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          minutes.add(
              String.format(
                  Locale.ROOT,
                  "%d:p50=%.0f,p99=%.0f,max=%.0f",
                  minute,
                  percentile(v, 0.5),
                  percentile(v, 0.99),
                  v[v.length - 1]));
        });
    report.put("per_minute_ms", String.join(" ", minutes));
    storedFigures(servers.clickhouseUrl(), alertsPublished, report);
  }

  private void refused(Exception e) {
    err.println("[bench live] a record was refused by the broker: " + e);
  }

  /**
   * Polls {@code GET /alerts/{id}} for each submitted sample until the API serves a score of the
   * sample's date, on a few threads: young samples every poll interval, older ones at a tenth of
   * their age (at most a second), so a backlog cannot turn the poller into the main load on
   * ClickHouse.
   */
  private final class Poller {
    final ConcurrentLinkedQueue<Measured> measured = new ConcurrentLinkedQueue<>();
    final AtomicLong missed = new AtomicLong();
    final AtomicLong polls = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicReference<String> lastError = new AtomicReference<>();
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(4);
    private final String apiUrl;
    private final String network;

    Poller(String apiUrl) {
      this.apiUrl = apiUrl;
      this.network = URLEncoder.encode(s.network(), StandardCharsets.UTF_8);
    }

    void submit(Sample sample) {
      threads.schedule(() -> poll(sample), s.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops taking samples and waits for the ones still polled (each ends within its timeout). */
    void finish() throws InterruptedException {
      threads.shutdown();
      threads.awaitTermination(s.sampleTimeout().toSeconds() + 10, TimeUnit.SECONDS);
    }

    private void poll(Sample sample) {
      while (true) {
        polls.incrementAndGet();
        if (served(sample)) {
          return;
        }
        long ageMs = (System.nanoTime() - sample.publishedNanos()) / 1_000_000L;
        if (ageMs > s.sampleTimeout().toMillis()) {
          missed.incrementAndGet();
          return;
        }
        long delayMs = Math.min(1000, Math.max(s.pollInterval().toMillis(), ageMs / 10));
        if (!threads.isShutdown()) {
          threads.schedule(() -> poll(sample), delayMs, TimeUnit.MILLISECONDS);
          return;
        }
        // shutting down: keep polling in this thread until it is served or times out
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    /** True (and measured) when the API serves a score of the sample's date. */
    private boolean served(Sample sample) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            apiUrl
                                + "/alerts/"
                                + URLEncoder.encode(sample.alertId(), StandardCharsets.UTF_8)
                                + "?network="
                                + network))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        if (response.statusCode() == 200) {
          JsonNode body = JSON.readTree(response.body());
          if (sample.date().equals(body.path("processing_date").asText())) {
            measured.add(
                new Measured(
                    sample.offsetMs(),
                    (now - sample.publishedNanos()) / 1e6,
                    body.path("stage").asText("final")));
            return true;
          }
        } else if (response.statusCode() != 404) {
          errors.incrementAndGet();
          lastError.set(response.statusCode() + " " + response.body());
        }
      } catch (Exception e) {
        errors.incrementAndGet();
        lastError.set(e.toString());
      }
      return false;
    }
  }

  /**
   * Live rows and completed batches as stored at the end of the run, once every published alert has
   * its live row (the last ones are still in flight when publishing stops) or 30 s have passed.
   */
  private void storedFigures(String clickhouseUrl, long alertsPublished, PipelineReport report)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection c = DriverManager.getConnection(clickhouseUrl);
        Statement st = c.createStatement()) {
      while (true) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(), uniqExact(alert_id), sum(features_missing)"
                    + " FROM alert_live_scores")) {
          rs.next();
          report.put("live_rows_stored", rs.getLong(1));
          report.put("live_alerts_stored", rs.getLong(2));
          report.put("live_scored_without_features", rs.getLong(3));
          if (rs.getLong(2) >= alertsPublished || System.nanoTime() > deadline) {
            break;
          }
        }
        Thread.sleep(200);
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT countIf(status = 'COMPLETED'), countIf(status = 'FAILED'),"
                  + " max(if(status = 'COMPLETED', total_ms, 0))"
                  + " FROM batch_metadata FINAL")) {
        rs.next();
        report.put("batches_completed", rs.getLong(1));
        report.put("batches_failed", rs.getLong(2));
        report.put("batch_total_ms_max", rs.getDouble(3));
      }
    } catch (java.sql.SQLException e) {
      say("could not read the stored figures: " + e.getMessage());
    }
  }

  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  private void print(PipelineReport report) {
    Map<String, Object> f = report.figures();
    out.println();
    out.println("bench live: publication -> score served by GET /alerts/{id}");
    for (String name :
        List.of(
            "rate_alerts_per_s",
            "sustained_alerts_per_s",
            "sustained_records_per_s",
            "publisher_max_behind_ms",
            "duration_s",
            "warmup_s",
            "alerts_published",
            "dates_closed_during_run",
            "batches_completed",
            "batches_failed",
            "batch_total_ms_max",
            "samples_measured",
            "samples_missed",
            "samples_first_seen_final",
            "webhook_live_events_measured",
            "webhook_latency_p50_ms",
            "webhook_latency_p95_ms",
            "webhook_latency_p99_ms",
            "webhook_latency_max_ms",
            "webhook_requests_total",
            "webhook_signatures_invalid",
            "webhook_event_ids_twice",
            "latency_p50_ms",
            "latency_p95_ms",
            "latency_p99_ms",
            "latency_max_ms",
            "per_minute_ms",
            "polls",
            "poll_errors",
            "last_poll_error",
            "live_alerts_stored",
            "live_scored_without_features",
            "process_cpu_cores_used",
            "checkpoints_completed",
            "checkpoints_median_ms",
            "checkpoints_max_ms",
            "peak_heap_bytes",
            "peak_rss_vmhwm_bytes")) {
      Object v = f.get(name);
      out.printf(
          Locale.ROOT,
          "  %-32s %s%n",
          name,
          v instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(v));
    }
  }
}
