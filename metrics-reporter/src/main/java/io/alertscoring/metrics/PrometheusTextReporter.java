package io.alertscoring.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

/**
 * Serves the metrics Flink registers with it at {@code GET /metrics} in the Prometheus text format.
 * Rendering happens per scrape, from the live metric objects, so a scrape costs one pass over the
 * process's metrics and nothing between scrapes (Flink's pull-reporter model).
 *
 * <p>Option {@code port}: a port or a range {@code from-to} (default {@value #DEFAULT_PORTS}); the
 * first free one is taken, so a JobManager and several TaskManagers on one host each get one. The
 * chosen port is logged to stderr and kept in {@link #port()}.
 *
 * <p>Mapping: a counter is a Prometheus counter; a numeric or boolean gauge is a gauge (others,
 * e.g. string gauges, are left out); a meter is a gauge of its rate per second; a histogram is a
 * summary with quantiles 0.5, 0.95, 0.99 and {@code _count}.
 */
public final class PrometheusTextReporter implements MetricReporter {
  public static final String DEFAULT_PORTS = "9249-9260";
  private static final double[] QUANTILES = {0.5, 0.95, 0.99};
  private static final CharacterFilter FILTER = PrometheusText::sanitize;

  private record Registered(String name, Map<String, String> labels) {}

  private final Map<Metric, Registered> metrics = new ConcurrentHashMap<>();
  private HttpServer server;
  private int port = -1;

  @Override
  public void open(MetricConfig config) {
    String ports = config.getString("port", DEFAULT_PORTS);
    int[] range = range(ports);
    IOException last = null;
    for (int p = range[0]; p <= range[1]; p++) {
      try {
        server = HttpServer.create(new InetSocketAddress(p), 0);
        port = p;
        break;
      } catch (BindException e) {
        last = e;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the Prometheus endpoint: " + e, e);
      }
    }
    if (server == null) {
      throw new IllegalStateException(
          "no free port for the Prometheus endpoint in " + ports + ": " + last);
    }
    server.createContext("/metrics", this::scrape);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "prometheus-text-reporter");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    System.err.println("Prometheus text reporter: http://localhost:" + port + "/metrics");
  }

  /** The port the endpoint listens on (-1 before {@link #open}). */
  public int port() {
    return port;
  }

  static int[] range(String ports) {
    String[] parts = ports.strip().split("-", 2);
    try {
      int from = Integer.parseInt(parts[0].strip());
      int to = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : from;
      if (from < 0 || to > 65_535 || to < from) {
        throw new NumberFormatException();
      }
      return new int[] {from, to};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "port must be a port or a range from-to within 0..65535: " + ports, e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    String scope = LogicalScopeProvider.castFrom(group).getLogicalScope(FILTER, '_');
    String name = PrometheusText.sanitize("flink_" + scope + "_" + metricName);
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, String> v : group.getAllVariables().entrySet()) {
      String key = v.getKey();
      if (key.startsWith("<") && key.endsWith(">")) {
        key = key.substring(1, key.length() - 1);
      }
      labels.put(PrometheusText.sanitize(key), v.getValue());
    }
    metrics.put(metric, new Registered(name, Map.copyOf(labels)));
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    metrics.remove(metric);
  }

  /** Every registered metric as Prometheus families (one per metric; render merges by name). */
  List<PrometheusText.Family> families() {
    List<PrometheusText.Family> out = new ArrayList<>();
    for (Map.Entry<Metric, Registered> e : metrics.entrySet()) {
      Metric metric = e.getKey();
      Registered r = e.getValue();
      Map<String, String> labels = new java.util.TreeMap<>(r.labels());
      if (metric instanceof Counter c) {
        out.add(family(r.name(), PrometheusText.Type.COUNTER, labels, c.getCount()));
      } else if (metric instanceof Gauge<?> g) {
        Object value;
        try {
          value = g.getValue();
        } catch (RuntimeException ex) {
          continue; // a gauge that fails on this scrape is left out of it
        }
        if (value instanceof Number n) {
          out.add(family(r.name(), PrometheusText.Type.GAUGE, labels, n.doubleValue()));
        } else if (value instanceof Boolean b) {
          out.add(family(r.name(), PrometheusText.Type.GAUGE, labels, b ? 1 : 0));
        }
      } else if (metric instanceof Meter m) {
        out.add(family(r.name(), PrometheusText.Type.GAUGE, labels, m.getRate()));
      } else if (metric instanceof Histogram h) {
        HistogramStatistics stats = h.getStatistics();
        List<PrometheusText.Sample> samples = new ArrayList<>();
        for (double q : QUANTILES) {
          samples.add(
              new PrometheusText.Sample(
                  "",
                  PrometheusText.with(labels, "quantile", Double.toString(q)),
                  stats.getQuantile(q)));
        }
        samples.add(new PrometheusText.Sample("_count", labels, h.getCount()));
        out.add(new PrometheusText.Family(r.name(), PrometheusText.Type.SUMMARY, samples));
      }
    }
    return out;
  }

  private static PrometheusText.Family family(
      String name, PrometheusText.Type type, Map<String, String> labels, double value) {
    return new PrometheusText.Family(
        name, type, List.of(new PrometheusText.Sample("", labels, value)));
  }

  private void scrape(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = PrometheusText.render(families()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
