package io.alertscoring.launcher.cluster;

import io.alertscoring.core.sample.SampleBatch;
import io.alertscoring.infra.SotKafkaPublisher;
import io.alertscoring.schemas.Runs;
import io.alertscoring.schemas.input.SotRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes batches to the SOT topics in the background, each as a new run (data records, then the
 * batch-control record), at a bounded rate so that a replay lasts long enough for faults to land in
 * the middle of it. The Kafka producer is idempotent with {@code acks=all} and a two-minute
 * delivery timeout: a broker restart delays it, loses nothing and duplicates nothing.
 */
public final class PacedPublisher {
  private final String bootstrapServers;
  private final double recordsPerSecond;
  private final AtomicLong published = new AtomicLong();
  private final List<String> runIds = new ArrayList<>();

  public PacedPublisher(String bootstrapServers, double recordsPerSecond) {
    if (recordsPerSecond <= 0) {
      throw new IllegalArgumentException("rate must be > 0");
    }
    this.bootstrapServers = bootstrapServers;
    this.recordsPerSecond = recordsPerSecond;
  }

  /** Publishes every batch as a new run, one after another; completes when all are acknowledged. */
  public CompletableFuture<List<String>> start(List<SampleBatch> batches) {
    return CompletableFuture.supplyAsync(
        () -> {
          publish(batches);
          synchronized (runIds) {
            return List.copyOf(runIds);
          }
        },
        r -> {
          Thread t = new Thread(r, "paced-publisher");
          t.setDaemon(true);
          t.start();
        });
  }

  private void publish(List<SampleBatch> batches) {
    long t0 = System.nanoTime();
    try (SotKafkaPublisher publisher = new SotKafkaPublisher(bootstrapServers)) {
      for (SampleBatch batch : batches) {
        String runId = Runs.newId(System.currentTimeMillis());
        synchronized (runIds) {
          runIds.add(runId);
        }
        publisher.startRun(runId);
        for (SotRecord record : batch.dataRecords()) {
          publisher.publish(record);
          long n = published.incrementAndGet();
          long dueNanos = (long) (n / recordsPerSecond * 1e9);
          long wait = dueNanos - (System.nanoTime() - t0);
          if (wait > 2_000_000) {
            sleep(wait / 1_000_000);
          }
        }
        publisher.flush();
        publisher.publishAndWait(batch.control());
      }
    }
  }

  /** The run ids started so far, in publication order. */
  public List<String> runIds() {
    synchronized (runIds) {
      return List.copyOf(runIds);
    }
  }

  /** Data records handed to the producer so far. */
  public long published() {
    return published.get();
  }

  /** Total data records of {@code batches}. */
  public static long records(List<SampleBatch> batches) {
    return batches.stream().mapToLong(b -> b.dataRecords().size()).sum();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
