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

      String killed = cluster.killTaskManager();
      assertThat(killed).isEqualTo("taskmanager-1");
      assertThat(cluster.runningTaskManagers()).isZero();
      cluster.startTaskManager();
      cluster.awaitTaskManagers(1, Duration.ofSeconds(60));
      assertThat(cluster.runningTaskManagers()).isEqualTo(1);

      assertThat(cluster.cli(java.util.List.of("list"))).contains("No running jobs");
    }
  }
}
