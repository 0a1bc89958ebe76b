package io.alertscoring.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A real standalone cluster from the Maven artifacts: up, a TaskManager killed and replaced. */
class FlinkClusterITCase {

  @Test
  void startsKillsAndReplacesTaskManagersAndAnswersTheCli() throws Exception {
    try (FlinkCluster cluster = FlinkCluster.start(FlinkCluster.Settings.defaults())) {
      JsonNode overview = cluster.get("/overview");
      assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
      assertThat(overview.path("slots-total").asInt()).isEqualTo(2);
      assertThat(overview.path("flink-version").asText()).isEqualTo("2.0.2");
      String config = Files.readString(cluster.confDir().resolve("config.yaml"));
      assertThat(config).contains("state.backend.type: rocksdb");

      // the TaskManager got the memory flags Flink's scripts compute (BashJavaUtils)
      JsonNode tms = cluster.get("/taskmanagers");
      JsonNode tm = tms.path("taskmanagers").get(0);
      assertThat(tm.path("slotsNumber").asInt()).isEqualTo(2);
      assertThat(tm.path("memoryConfiguration").path("managedMemory").asLong())
          .isGreaterThan(500L << 20);

      // every process serves its metrics in the Prometheus text format on a port of the range
      String scraped = scrapePrometheusRange();
      assertThat(scraped)
          .contains("# TYPE flink_jobmanager_numRegisteredTaskManagers gauge")
          .contains("flink_taskmanager_Status_JVM_Memory_Heap_Used{");

      String killed = cluster.killTaskManager();
      assertThat(killed).isEqualTo("taskmanager-1");
      assertThat(cluster.runningTaskManagers()).isZero();
      cluster.startTaskManager();
      cluster.awaitTaskManagers(1, Duration.ofSeconds(60));
      assertThat(cluster.runningTaskManagers()).isEqualTo(1);

      assertThat(cluster.cli(java.util.List.of("list"))).contains("No running jobs");
    }
  }

  /** Every answer of GET /metrics on the reporter's port range of this machine, concatenated. */
  private static String scrapePrometheusRange() throws Exception {
    String[] range = FlinkClusterConfig.PROMETHEUS_PORTS.split("-");
    StringBuilder all = new StringBuilder();
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      all.setLength(0);
      for (int port = Integer.parseInt(range[0]); port <= Integer.parseInt(range[1]); port++) {
        try {
          all.append(
              http.send(
                      java.net.http.HttpRequest.newBuilder(
                              java.net.URI.create("http://localhost:" + port + "/metrics"))
                          .timeout(Duration.ofSeconds(5))
                          .build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .body());
        } catch (java.io.IOException e) {
          // nothing on this port
        }
      }
      if (all.indexOf("flink_taskmanager_Status_JVM_Memory_Heap_Used{") >= 0
          && all.indexOf("flink_jobmanager_numRegisteredTaskManagers") >= 0) {
        break;
      }
      Thread.sleep(500);
    }
    return all.toString();
  }
}
