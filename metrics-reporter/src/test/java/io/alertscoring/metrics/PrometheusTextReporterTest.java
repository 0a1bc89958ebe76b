package io.alertscoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class PrometheusTextReporterTest {

  /** A metric group as Flink hands one to a reporter: a logical scope and scope variables. */
  static final class Group extends UnregisteredMetricsGroup implements LogicalScopeProvider {
    private final String scope;
    private final Map<String, String> variables;

    Group(String scope, Map<String, String> variables) {
      this.scope = scope;
      this.variables = variables;
    }

    @Override
    public Map<String, String> getAllVariables() {
      return variables;
    }

    @Override
    public String getLogicalScope(CharacterFilter filter) {
      return getLogicalScope(filter, '.');
    }

    @Override
    public String getLogicalScope(CharacterFilter filter, char delimiter) {
      return filter.filterCharacters(scope.replace('.', delimiter));
    }

    @Override
    public MetricGroup getWrappedMetricGroup() {
      return this;
    }
  }

  /** A histogram over fixed values 1..100. */
  static final class Fixed implements Histogram {
    @Override
    public void update(long value) {}

    @Override
    public long getCount() {
      return 100;
    }

    @Override
    public HistogramStatistics getStatistics() {
      return new HistogramStatistics() {
        @Override
        public double getQuantile(double q) {
          return Math.ceil(q * 100);
        }

        @Override
        public long[] getValues() {
          return new long[0];
        }

        @Override
        public int size() {
          return 100;
        }

        @Override
        public double getMean() {
          return 50.5;
        }

        @Override
        public double getStdDev() {
          return 0;
        }

        @Override
        public long getMax() {
          return 100;
        }

        @Override
        public long getMin() {
          return 1;
        }
      };
    }
  }

  private static Map<String, String> vars(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void servesCountersGaugesAndHistogramsWithTheirScopeVariablesAsLabels() throws Exception {
    PrometheusTextReporter reporter = new PrometheusTextReporter();
    MetricConfig config = new MetricConfig();
    int port = freePort();
    config.setProperty("port", port + "-" + (port + 5));
    reporter.open(config);
    try {
      Group decode =
          new Group(
              "taskmanager.job.task.operator.reason",
              vars(
                  "<job_name>",
                  "alert-scoring",
                  "<subtask_index>",
                  "1",
                  "<reason>",
                  "invalid:x\"y"));
      SimpleCounter invalid = new SimpleCounter();
      invalid.inc(3);
      reporter.notifyOfAddedMetric(invalid, "deadLetters", decode);
      Group operator =
          new Group("taskmanager.job.task.operator", vars("<job_name>", "alert-scoring"));
      Gauge<Long> lag = () -> 42L;
      Gauge<String> text = () -> "not a number";
      reporter.notifyOfAddedMetric(lag, "lag", operator);
      reporter.notifyOfAddedMetric(text, "description", operator);
      reporter.notifyOfAddedMetric(new Fixed(), "liveScoreLatencyMs", operator);

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + reporter.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue(PrometheusText.CONTENT_TYPE);
      String body = response.body();
      assertThat(body)
          .contains("# TYPE flink_taskmanager_job_task_operator_reason_deadLetters counter\n")
          .contains(
              "flink_taskmanager_job_task_operator_reason_deadLetters{job_name=\"alert-scoring\","
                  + "reason=\"invalid:x\\\"y\",subtask_index=\"1\"} 3\n")
          .contains("flink_taskmanager_job_task_operator_lag{job_name=\"alert-scoring\"} 42\n")
          .contains("# TYPE flink_taskmanager_job_task_operator_liveScoreLatencyMs summary\n")
          .contains(
              "flink_taskmanager_job_task_operator_liveScoreLatencyMs{job_name=\"alert-scoring\","
                  + "quantile=\"0.99\"} 99\n")
          .contains(
              "flink_taskmanager_job_task_operator_liveScoreLatencyMs_count{job_name=\"alert-scoring\"}"
                  + " 100\n")
          .doesNotContain("description");

      invalid.inc();
      reporter.notifyOfRemovedMetric(lag, "lag", operator);
      String again = PrometheusText.render(reporter.families());
      assertThat(again).contains("} 4\n").doesNotContain("_lag");
    } finally {
      reporter.close();
    }
  }

  @Test
  void takesTheNextFreePortOfItsRangeAndRefusesABadRange() throws Exception {
    int port = freePort();
    try (ServerSocket taken = new ServerSocket(port)) {
      PrometheusTextReporter reporter = new PrometheusTextReporter();
      MetricConfig config = new MetricConfig();
      config.setProperty("port", port + "-" + (port + 10));
      reporter.open(config);
      try {
        assertThat(reporter.port()).isGreaterThan(port).isLessThanOrEqualTo(port + 10);
      } finally {
        reporter.close();
      }
    }
    assertThatThrownBy(() -> PrometheusTextReporter.range("9300-9200"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9300-9200");
    assertThat(PrometheusTextReporter.range("9249")).containsExactly(9249, 9249);
  }

  @Test
  void sanitizesNamesAndRendersSpecialValues() {
    assertThat(PrometheusText.sanitize("flink_task.op-name 1")).isEqualTo("flink_task_op_name_1");
    assertThat(PrometheusText.sanitize("1abc")).isEqualTo("_abc");
    String text =
        PrometheusText.render(
            java.util.List.of(
                new PrometheusText.Family(
                    "m",
                    PrometheusText.Type.GAUGE,
                    java.util.List.of(
                        new PrometheusText.Sample("", Map.of("a", "x"), Double.NaN),
                        new PrometheusText.Sample("", Map.of("a", "y"), 0.25)))));
    assertThat(text).isEqualTo("# TYPE m gauge\nm{a=\"x\"} NaN\nm{a=\"y\"} 0.25\n");
  }
}
