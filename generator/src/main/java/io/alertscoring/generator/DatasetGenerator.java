package io.alertscoring.generator;

import io.alertscoring.generator.derive.BatchDeriver;
import io.alertscoring.generator.derive.DeriveConfig;
import io.alertscoring.generator.derive.TransferBuffer;
import io.alertscoring.generator.economy.Economy;
import io.alertscoring.generator.economy.NetworkProfile;
import io.alertscoring.generator.economy.ShardDay;
import io.alertscoring.generator.output.BatchFiles;
import io.alertscoring.generator.output.JsonText;
import io.alertscoring.generator.output.JsonlSink;
import io.alertscoring.schemas.RecordKind;
import io.alertscoring.schemas.input.BatchControl;
import io.alertscoring.schemas.input.SotRecord;
import io.alertscoring.schemas.json.SotJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates SOT batches for networks x processing dates and writes them as JSON lines.
 *
 * <p>Streaming with bounded memory: a processing date is produced shard by shard; workers derive
 * and encode shards in parallel, the calling thread writes them strictly in shard order, and at
 * most {@code 2 x threads} encoded shards are in flight. Nothing of a date is kept after it is
 * written except the open label files, whose dates are still receiving labels (at most 30).
 *
 * <p>Determinism: every shard-day is a pure function of (seed, network, shard, day); merging in
 * shard order makes the output independent of the thread count and of scheduling. Record lines are
 * exactly {@link SotJson#encode}.
 */
public final class DatasetGenerator {
  /** Version of the economy and derivation; part of the manifest. */
  public static final String VERSION = "alert-scoring-generator/1";

  private final GeneratorConfig config;
  private final GenerationListener listener;

  public DatasetGenerator(GeneratorConfig config, GenerationListener listener) {
    this.config = config;
    this.listener = listener == null ? GenerationListener.NONE : listener;
  }

  public GenerationResult run() throws IOException {
    long t0 = System.nanoTime();
    Path out = config.out();
    if (Files.exists(out)) {
      if (!Files.isDirectory(out)) {
        throw new IOException(out + " exists and is not a directory");
      }
      try (var entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IOException("output directory " + out + " is not empty");
        }
      }
    }
    Files.createDirectories(out);
    Totals totals = new Totals();
    List<JsonlSink.FileEntry> files = new ArrayList<>();
    List<String[]> batchRows = new ArrayList<>();
    List<Long> shardsPerNetwork = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(config.threads(), daemonThreads());
    try {
      for (String network : config.networks()) {
        NetworkProfile profile = NetworkProfile.of(network);
        Economy economy =
            new Economy(
                profile,
                config.seed(),
                config.startDate().toEpochDay(),
                config.days(),
                config.alertsPerDay());
        shardsPerNetwork.add((long) economy.shards());
        generateNetwork(economy, pool, totals, files, batchRows);
      }
    } finally {
      pool.shutdownNow();
    }
    files.sort((a, b) -> a.path().compareTo(b.path()));
    Path manifest = out.resolve(BatchFiles.MANIFEST);
    Files.writeString(manifest, manifest(files, batchRows, shardsPerNetwork, totals));
    long manifestBytes = Files.size(manifest);
    return new GenerationResult(
        manifest,
        totals.alerts,
        totals.features,
        totals.clusters,
        totals.flows,
        totals.labels,
        totals.batches,
        totals.alerts
            + totals.features
            + totals.clusters
            + totals.flows
            + totals.batches
            + totals.labels,
        totals.bytes + manifestBytes,
        totals.transfers,
        System.nanoTime() - t0);
  }

  private void generateNetwork(
      Economy economy,
      ExecutorService pool,
      Totals totals,
      List<JsonlSink.FileEntry> files,
      List<String[]> batchRows) {
    String network = economy.network().name();
    BatchDeriver deriver = new BatchDeriver(DeriveConfig.generated(), economy.network());
    ThreadLocal<TransferBuffer> buffers = ThreadLocal.withInitial(TransferBuffer::new);
    TreeMap<Long, JsonlSink> labelSinks = new TreeMap<>();
    long first = config.startDate().toEpochDay();
    for (long day = first; day < first + config.days(); day++) {
      String date = LocalDate.ofEpochDay(day).toString();
      JsonlSink[] sinks = new JsonlSink[BatchFiles.DATA_KINDS.length];
      for (int k = 0; k < sinks.length; k++) {
        sinks[k] =
            new JsonlSink(
                config.out(),
                BatchFiles.relative(network, date, BatchFiles.DATA_KINDS[k], config.gzip()),
                config.gzip());
      }
      long[] counts = new long[sinks.length];
      long labels = 0;
      long transfers = 0;
      int shards = economy.shards();
      Deque<Future<Encoded>> inFlight = new ArrayDeque<>();
      int next = 0;
      int window = 2 * config.threads();
      final long processingDay = day;
      for (int s = 0; s < shards; s++) {
        while (next < shards && inFlight.size() < window) {
          final int shard = next++;
          inFlight.add(
              pool.submit(
                  () ->
                      encode(
                          config.gzip(),
                          ShardDay.run(
                              economy,
                              economy.population(shard),
                              processingDay,
                              config.windowDays(),
                              deriver,
                              buffers.get(),
                              config.labelNoise(),
                              config.positiveShare()))));
        }
        Encoded encoded = await(inFlight.removeFirst());
        for (int k = 0; k < sinks.length; k++) {
          sinks[k].chunk(encoded.chunks[k], encoded.gzipped[k], encoded.counts[k]);
          counts[k] += encoded.counts[k];
        }
        for (Map.Entry<Long, byte[]> labelChunk : encoded.labels.entrySet()) {
          long arrival = labelChunk.getKey();
          JsonlSink sink =
              labelSinks.computeIfAbsent(
                  arrival,
                  a ->
                      new JsonlSink(
                          config.out(),
                          BatchFiles.relative(
                              network,
                              LocalDate.ofEpochDay(a).toString(),
                              RecordKind.ADDRESS_LABEL,
                              config.gzip()),
                          config.gzip()));
          int lines = encoded.labelCounts.get(arrival);
          sink.chunk(labelChunk.getValue(), encoded.labelsGzipped.get(arrival), lines);
          labels += lines;
        }
        transfers += encoded.result.transfers();
        listener.shardResult(network, date, encoded.result);
        listener.shardWritten(network, date, s + 1, shards);
      }
      BatchControl control =
          new BatchControl(
              network,
              date,
              config.windowDays(),
              counts[0],
              counts[1],
              counts[2],
              counts[3],
              (day + 1) * 86_400_000L); // deterministic: the end of the processing date
      try (JsonlSink controlSink =
          new JsonlSink(
              config.out(),
              BatchFiles.relative(network, date, RecordKind.BATCH_CONTROL, config.gzip()),
              config.gzip())) {
        controlSink.line(SotJson.encode(control).getBytes(StandardCharsets.UTF_8));
        controlSink.close();
        files.add(controlSink.entry());
        totals.bytes += controlSink.entry().bytes();
      }
      for (JsonlSink sink : sinks) {
        sink.close();
        files.add(sink.entry());
        totals.bytes += sink.entry().bytes();
      }
      // labels arriving before day + 7 are complete: later dates only schedule day + 8 onwards
      while (!labelSinks.isEmpty() && labelSinks.firstKey() <= day + 7) {
        JsonlSink sink = labelSinks.pollFirstEntry().getValue();
        sink.close();
        files.add(sink.entry());
        totals.bytes += sink.entry().bytes();
      }
      totals.alerts += counts[0];
      totals.features += counts[1];
      totals.clusters += counts[2];
      totals.flows += counts[3];
      totals.labels += labels;
      totals.batches++;
      totals.transfers += transfers;
      batchRows.add(
          new String[] {
            network,
            date,
            Long.toString(counts[0]),
            Long.toString(counts[1]),
            Long.toString(counts[2]),
            Long.toString(counts[3])
          });
      listener.dateWritten(
          network,
          date,
          new GenerationListener.DateCounts(
              counts[0], counts[1], counts[2], counts[3], labels, transfers));
    }
    for (JsonlSink sink : labelSinks.values()) {
      sink.close();
      files.add(sink.entry());
      totals.bytes += sink.entry().bytes();
    }
  }

  /** One shard's records as ready-to-write bytes, so workers do the JSON encoding. */
  private static final class Encoded {
    final ShardDay.Result result;
    final byte[][] chunks = new byte[BatchFiles.DATA_KINDS.length][];
    final byte[][] gzipped = new byte[BatchFiles.DATA_KINDS.length][];
    final int[] counts = new int[BatchFiles.DATA_KINDS.length];
    final TreeMap<Long, byte[]> labels = new TreeMap<>();
    final TreeMap<Long, byte[]> labelsGzipped = new TreeMap<>();
    final TreeMap<Long, Integer> labelCounts = new TreeMap<>();

    Encoded(ShardDay.Result result) {
      this.result = result;
    }
  }

  private static Encoded encode(boolean gzip, ShardDay.Result r) {
    Encoded e = new Encoded(r);
    List<List<? extends SotRecord>> kinds =
        List.of(
            r.batch().alerts(), r.batch().features(), r.batch().clusters(), r.batch().moneyFlows());
    for (int k = 0; k < kinds.size(); k++) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
      for (SotRecord record : kinds.get(k)) {
        byte[] line = SotJson.encode(record).getBytes(StandardCharsets.UTF_8);
        buffer.write(line, 0, line.length);
        buffer.write('\n');
      }
      e.chunks[k] = buffer.toByteArray();
      e.gzipped[k] = gzip ? JsonlSink.gzipMember(e.chunks[k]) : null;
      e.counts[k] = kinds.get(k).size();
    }
    TreeMap<Long, ByteArrayOutputStream> byArrival = new TreeMap<>();
    for (ShardDay.LabelEvent event : r.labels()) {
      ByteArrayOutputStream buffer =
          byArrival.computeIfAbsent(event.arrivalDay(), a -> new ByteArrayOutputStream());
      byte[] line = SotJson.encode(event.label()).getBytes(StandardCharsets.UTF_8);
      buffer.write(line, 0, line.length);
      buffer.write('\n');
      e.labelCounts.merge(event.arrivalDay(), 1, Integer::sum);
    }
    byArrival.forEach(
        (day, buffer) -> {
          byte[] raw = buffer.toByteArray();
          e.labels.put(day, raw);
          e.labelsGzipped.put(day, gzip ? JsonlSink.gzipMember(raw) : null);
        });
    return e;
  }

  private static Encoded await(Future<Encoded> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "generator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private String manifest(
      List<JsonlSink.FileEntry> files,
      List<String[]> batchRows,
      List<Long> shardsPerNetwork,
      Totals totals) {
    JsonText j = new JsonText();
    j.beginObject();
    j.field("generator", VERSION);
    j.name("parameters").beginObject();
    j.name("networks").beginArray();
    for (String n : config.networks()) {
      j.value(n);
    }
    j.endArray();
    j.field("start_date", config.startDate().toString());
    j.field("days", config.days());
    j.field("alerts_per_day", config.alertsPerDay());
    j.field("seed", config.seed());
    j.field("window_days", config.windowDays());
    j.field("gzip", config.gzip());
    j.field("label_noise", config.labelNoise());
    j.field("positive_share", config.positiveShare());
    j.endObject();
    j.name("economy").beginArray();
    for (int i = 0; i < config.networks().size(); i++) {
      j.beginObject();
      j.field("network", config.networks().get(i));
      j.field("shards", shardsPerNetwork.get(i));
      j.field("alerts_per_shard_max", Economy.ALERTS_PER_SHARD);
      j.field("accounts_per_alert", Economy.ACCOUNTS_PER_ALERT);
      j.field("hubs", Economy.HUBS);
      j.endObject();
    }
    j.endArray();
    j.name("totals").beginObject();
    j.field("batches", totals.batches);
    j.field("alerts", totals.alerts);
    j.field("features", totals.features);
    j.field("clusters", totals.clusters);
    j.field("money_flows", totals.flows);
    j.field("address_labels", totals.labels);
    j.field("transfers_simulated", totals.transfers);
    j.endObject();
    j.name("batches").beginArray();
    for (String[] row : batchRows) {
      j.beginObject();
      j.field("network", row[0]);
      j.field("processing_date", row[1]);
      j.field("window_days", config.windowDays());
      j.field("alerts", Long.parseLong(row[2]));
      j.field("features", Long.parseLong(row[3]));
      j.field("clusters", Long.parseLong(row[4]));
      j.field("money_flows", Long.parseLong(row[5]));
      j.endObject();
    }
    j.endArray();
    j.name("files").beginArray();
    for (JsonlSink.FileEntry f : files) {
      j.beginObject();
      j.field("path", f.path());
      j.field("lines", f.lines());
      j.field("bytes", f.bytes());
      j.field("sha256", f.sha256());
      j.field("content_bytes", f.contentBytes());
      j.field("content_sha256", f.contentSha256());
      j.endObject();
    }
    j.endArray();
    j.endObject();
    return j.toString();
  }

  private static final class Totals {
    long alerts;
    long features;
    long clusters;
    long flows;
    long labels;
    long batches;
    long bytes;
    long transfers;
  }
}
