package io.alertscoring.launcher.bench;

import io.alertscoring.launcher.LocalRun;
import io.alertscoring.webhooks.DispatcherConfig;
import io.alertscoring.webhooks.WebhookDispatcher;
import io.alertscoring.webhooks.config.Subscription;
import io.alertscoring.webhooks.config.Subscriptions;
import io.alertscoring.webhooks.receiver.RecordingReceiver;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The webhook part of {@code bench live}: the dispatcher with one endpoint, a {@link
 * RecordingReceiver} on this machine, and the latency from an alert's live score ({@code scored_at}
 * in the payload) to the receiver having the request, for the events scored in the measured window.
 */
final class BenchWebhooks implements AutoCloseable {
  static final String ENDPOINT = "bench";
  private static final String SECRET = "bench-secret";

  private final RecordingReceiver receiver;
  private final WebhookDispatcher dispatcher;

  private BenchWebhooks(RecordingReceiver receiver, WebhookDispatcher dispatcher) {
    this.receiver = receiver;
    this.dispatcher = dispatcher;
  }

  static BenchWebhooks start(
      LocalRun.Servers servers, String network, Set<String> priorities, String linkBase)
      throws Exception {
    RecordingReceiver receiver = RecordingReceiver.start(Map.of(ENDPOINT, SECRET));
    try {
      // limits far above the rate: the figure is the path's latency, not a rate limit's
      Subscription endpoint =
          new Subscription(
              ENDPOINT,
              URI.create(receiver.url(ENDPOINT)),
              SECRET,
              Set.of(network),
              priorities,
              Set.of("alert", "cluster"),
              Set.of(),
              10_000,
              10_000,
              6,
              200,
              5_000);
      WebhookDispatcher dispatcher =
          WebhookDispatcher.create(
                  DispatcherConfig.defaults(servers.bootstrapServers()).withLinkBase(linkBase),
                  new Subscriptions(List.of(endpoint)),
                  servers.clickhouseUrl())
              .start();
      return new BenchWebhooks(receiver, dispatcher);
    } catch (Exception | Error e) {
      receiver.close();
      throw e;
    }
  }

  String url() {
    return receiver.url(ENDPOINT);
  }

  /** Adds the webhook figures of events whose live score fell in [fromMs, toMs]. */
  void report(long fromMs, long toMs, PipelineReport report) {
    List<RecordingReceiver.Received> all = receiver.received();
    double[] latencies =
        all.stream()
            .filter(r -> r.source().equals("live"))
            .filter(r -> r.scoredAt() >= fromMs && r.scoredAt() <= toMs)
            .mapToDouble(r -> r.receivedAtMs() - r.scoredAt())
            .sorted()
            .toArray();
    report.put("webhook_live_events_measured", latencies.length);
    report.put("webhook_latency_p50_ms", quantile(latencies, 0.50));
    report.put("webhook_latency_p95_ms", quantile(latencies, 0.95));
    report.put("webhook_latency_p99_ms", quantile(latencies, 0.99));
    report.put(
        "webhook_latency_max_ms", latencies.length == 0 ? 0.0 : latencies[latencies.length - 1]);
    report.put("webhook_requests_total", all.size());
    report.put("webhook_signatures_invalid", all.stream().filter(r -> !r.signatureValid()).count());
    report.put(
        "webhook_event_ids_twice",
        all.stream()
            .collect(
                Collectors.groupingBy(RecordingReceiver.Received::eventId, Collectors.counting()))
            .values()
            .stream()
            .filter(n -> n > 1)
            .count());
  }

  /** {@link LiveBench#percentile}, but 0 rather than NaN when nothing was measured. */
  private static double quantile(double[] sorted, double q) {
    return sorted.length == 0 ? 0 : LiveBench.percentile(sorted, q);
  }

  @Override
  public void close() {
    try {
      dispatcher.close();
    } finally {
      receiver.close();
    }
  }
}
