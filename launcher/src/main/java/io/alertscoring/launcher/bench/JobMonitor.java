package io.alertscoring.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Polls a running job's Flink REST endpoint: records emitted by its sources (every 250 ms), its
 * checkpoint history (every second) and RocksDB's block-cache usage (every 2 s; with managed memory
 * the cache holds the write buffers too, and all RocksDB instances of a slot share it).
 */
final class JobMonitor implements AutoCloseable {
  /** One checkpoint as the REST endpoint reports it. */
  record Checkpoint(
      long id,
      String status,
      long triggerTimestamp,
      long endToEndMs,
      long stateSize,
      long checkpointedSize,
      boolean unaligned) {}

  /** Source records emitted by the job, at a point in time (System.nanoTime). */
  record SourceSample(long nanos, long records) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  private final String jobId;
  private final Map<Long, Checkpoint> checkpoints = new TreeMap<>();
  private final List<SourceSample> sources = new ArrayList<>();
  private final Map<String, List<String>> rocksDbMetricIds = new HashMap<>();
  private long peakRocksDbBytes = -1;
  private String lastError;
  private final Thread thread;
  private volatile boolean running = true;

  JobMonitor(String restUrl, String jobId) {
    this.base = restUrl;
    this.jobId = jobId;
    thread = new Thread(this::loop, "bench-job-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    long tick = 0;
    while (running) {
      try {
        pollSources();
        if (tick % 4 == 0) {
          pollCheckpoints();
        }
        if (tick % 8 == 0) {
          pollRocksDb();
        }
      } catch (Exception e) {
        synchronized (this) {
          lastError = e.toString();
        }
      }
      tick++;
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " -> " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  private void pollSources() throws Exception {
    JsonNode job = get("/jobs/" + jobId);
    long total = 0;
    for (JsonNode v : job.path("vertices")) {
      if (v.path("name").asText().startsWith("Source")) {
        total += v.path("metrics").path("write-records").asLong();
      }
    }
    long now = System.nanoTime();
    synchronized (this) {
      sources.add(new SourceSample(now, total));
    }
  }

  /** The job's checkpoint configuration as Flink reports it (state backend, storage, ...). */
  JsonNode checkpointConfig() throws Exception {
    Exception last = null;
    for (int i = 0; i < 50; i++) {
      try {
        return get("/jobs/" + jobId + "/checkpoints/config");
      } catch (Exception e) {
        last = e; // the job may not be registered yet
        Thread.sleep(200);
      }
    }
    throw last;
  }

  void pollCheckpoints() throws Exception {
    JsonNode cps = get("/jobs/" + jobId + "/checkpoints");
    synchronized (this) {
      for (JsonNode c : cps.path("history")) {
        Checkpoint cp =
            new Checkpoint(
                c.path("id").asLong(),
                c.path("status").asText(),
                c.path("trigger_timestamp").asLong(),
                c.path("end_to_end_duration").asLong(),
                c.path("state_size").asLong(),
                c.path("checkpointed_size").asLong(),
                c.path("is_unaligned").asBoolean());
        checkpoints.put(cp.id(), cp);
      }
    }
  }

  private void pollRocksDb() throws Exception {
    JsonNode job = get("/jobs/" + jobId);
    long best = -1;
    for (JsonNode v : job.path("vertices")) {
      String vid = v.path("id").asText();
      List<String> ids = rocksDbMetricIds.get(vid);
      if (ids == null || ids.isEmpty()) {
        ids = new ArrayList<>();
        for (JsonNode m : get("/jobs/" + jobId + "/vertices/" + vid + "/subtasks/metrics")) {
          String id = m.path("id").asText();
          if (id.endsWith("block-cache-usage")) {
            ids.add(id);
          }
        }
        rocksDbMetricIds.put(vid, ids);
      }
      if (ids.isEmpty()) {
        continue;
      }
      String query = URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8);
      for (JsonNode m :
          get("/jobs/" + jobId + "/vertices/" + vid + "/subtasks/metrics?agg=sum&get=" + query)) {
        best = Math.max(best, (long) m.path("sum").asDouble(-1));
      }
    }
    synchronized (this) {
      peakRocksDbBytes = Math.max(peakRocksDbBytes, best);
    }
  }

  /** The first time the job's sources had emitted at least {@code records}, or -1. */
  synchronized long sourcesReachedNanos(long records) {
    for (SourceSample s : sources) {
      if (s.records() >= records) {
        return s.nanos();
      }
    }
    return -1;
  }

  synchronized long sourceRecords() {
    return sources.isEmpty() ? 0 : sources.get(sources.size() - 1).records();
  }

  synchronized List<Checkpoint> checkpoints() {
    return List.copyOf(checkpoints.values());
  }

  synchronized long peakRocksDbBytes() {
    return peakRocksDbBytes;
  }

  synchronized String lastError() {
    return lastError;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
