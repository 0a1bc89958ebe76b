package io.alertscoring.webhooks.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Per-endpoint delivery counters and latency, plus the dispatcher-wide counts. Thread-safe; the
 * workers, the poll thread and the ledger's flusher write, anyone reads a {@link #snapshot()}.
 */
public final class DeliveryStats {

  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<String, IntSupplier> queueDepths = new ConcurrentHashMap<>();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder backPressurePauses = new LongAdder();
  private final LongAdder ledgerInsertFailures = new LongAdder();

  private static final class Endpoint {
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder rateLimitedWaits = new LongAdder();
    final LongAdder deduplicated = new LongAdder();
    final LatencyHistogram latency = new LatencyHistogram();
  }

  private Endpoint endpoint(String id) {
    return endpoints.computeIfAbsent(id, k -> new Endpoint());
  }

  /** Makes {@code id} appear in snapshots with zero counts, and its queue depth a gauge. */
  public void register(String id, IntSupplier queueDepth) {
    endpoint(id);
    queueDepths.put(id, queueDepth);
  }

  /** A 2xx, {@code latencyMs} after the event was scored. */
  public void delivered(String id, double latencyMs) {
    Endpoint e = endpoint(id);
    e.delivered.increment();
    e.latency.record(latencyMs);
  }

  public void failed(String id) {
    endpoint(id).failed.increment();
  }

  /** A failed attempt that will be retried. */
  public void retry(String id) {
    endpoint(id).retries.increment();
  }

  /** An attempt that had to wait for the endpoint's token bucket. */
  public void rateLimitedWait(String id) {
    endpoint(id).rateLimitedWaits.increment();
  }

  /** An event not sent because its key was settled or in flight for the endpoint. */
  public void deduplicated(String id) {
    endpoint(id).deduplicated.increment();
  }

  /** A Kafka message that could not be decoded (dead-lettered). */
  public void malformed() {
    malformed.increment();
  }

  /** A partition paused because an endpoint queue was full. */
  public void backPressurePause() {
    backPressurePauses.increment();
  }

  public void ledgerInsertFailure() {
    ledgerInsertFailures.increment();
  }

  public Snapshot snapshot() {
    Map<String, EndpointSnapshot> out = new TreeMap<>();
    endpoints.forEach(
        (id, e) -> {
          IntSupplier depth = queueDepths.get(id);
          out.put(
              id,
              new EndpointSnapshot(
                  e.delivered.sum(),
                  e.failed.sum(),
                  e.retries.sum(),
                  e.rateLimitedWaits.sum(),
                  e.deduplicated.sum(),
                  depth == null ? 0 : depth.getAsInt(),
                  e.latency.snapshot()));
        });
    return new Snapshot(
        Map.copyOf(out), malformed.sum(), backPressurePauses.sum(), ledgerInsertFailures.sum());
  }

  /** The counters of one endpoint at one moment. */
  public record EndpointSnapshot(
      long delivered,
      long failed,
      long retries,
      long rateLimitedWaits,
      long deduplicated,
      int queued,
      LatencyHistogram.Snapshot latency) {}

  /** Every counter at one moment. */
  public record Snapshot(
      Map<String, EndpointSnapshot> endpoints,
      long malformedMessages,
      long backPressurePauses,
      long ledgerInsertFailures) {

    public EndpointSnapshot endpoint(String id) {
      EndpointSnapshot e = endpoints.get(id);
      if (e == null) {
        throw new IllegalArgumentException("no endpoint " + id + " in " + endpoints.keySet());
      }
      return e;
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String toPrometheusText() {
      StringBuilder b = new StringBuilder();
      Map<String, EndpointSnapshot> sorted = new TreeMap<>(endpoints);
      counter(b, "delivered", "events delivered (2xx)", sorted, EndpointSnapshot::delivered);
      counter(
          b, "failed", "events that exhausted their attempts", sorted, EndpointSnapshot::failed);
      counter(b, "retries", "failed attempts that were retried", sorted, EndpointSnapshot::retries);
      counter(
          b,
          "rate_limited_waits",
          "attempts that waited for the endpoint's rate limit",
          sorted,
          EndpointSnapshot::rateLimitedWaits);
      counter(
          b,
          "deduplicated",
          "events not sent: already settled or in flight for the endpoint",
          sorted,
          EndpointSnapshot::deduplicated);
      b.append("# HELP webhook_queue_depth deliveries waiting in the endpoint queue\n")
          .append("# TYPE webhook_queue_depth gauge\n");
      sorted.forEach(
          (id, e) ->
              b.append("webhook_queue_depth{endpoint=\"")
                  .append(id)
                  .append("\"} ")
                  .append(e.queued())
                  .append('\n'));
      b.append("# HELP webhook_latency_ms time from the event's score to the 2xx\n")
          .append("# TYPE webhook_latency_ms histogram\n");
      sorted.forEach(
          (id, e) -> {
            LatencyHistogram.Snapshot h = e.latency();
            long cumulative = 0;
            for (int i = 0; i < h.bucketCounts().length; i++) {
              cumulative += h.bucketCounts()[i];
              String le =
                  i < LatencyHistogram.BOUNDS_MS.size()
                      ? Long.toString(LatencyHistogram.BOUNDS_MS.get(i))
                      : "+Inf";
              b.append("webhook_latency_ms_bucket{endpoint=\"")
                  .append(id)
                  .append("\",le=\"")
                  .append(le)
                  .append("\"} ")
                  .append(cumulative)
                  .append('\n');
            }
            b.append("webhook_latency_ms_sum{endpoint=\"")
                .append(id)
                .append("\"} ")
                .append(String.format(Locale.ROOT, "%.3f", h.sumMs()))
                .append('\n');
            b.append("webhook_latency_ms_count{endpoint=\"")
                .append(id)
                .append("\"} ")
                .append(h.count())
                .append('\n');
          });
      plain(
          b,
          "webhook_malformed_messages_total",
          "notification messages dead-lettered as undecodable",
          malformedMessages);
      plain(
          b,
          "webhook_back_pressure_pauses_total",
          "partitions paused on a full endpoint queue",
          backPressurePauses);
      plain(
          b,
          "webhook_ledger_insert_failures_total",
          "failed ledger inserts (retried)",
          ledgerInsertFailures);
      return b.toString();
    }

    private static void counter(
        StringBuilder b,
        String name,
        String help,
        Map<String, EndpointSnapshot> endpoints,
        java.util.function.ToLongFunction<EndpointSnapshot> value) {
      String metric = "webhook_" + name + "_total";
      b.append("# HELP ").append(metric).append(' ').append(help).append('\n');
      b.append("# TYPE ").append(metric).append(" counter\n");
      endpoints.forEach(
          (id, e) ->
              b.append(metric)
                  .append("{endpoint=\"")
                  .append(id)
                  .append("\"} ")
                  .append(value.applyAsLong(e))
                  .append('\n'));
    }

    private static void plain(StringBuilder b, String metric, String help, long value) {
      b.append("# HELP ").append(metric).append(' ').append(help).append('\n');
      b.append("# TYPE ").append(metric).append(" counter\n");
      b.append(metric).append(' ').append(value).append('\n');
    }
  }
}
