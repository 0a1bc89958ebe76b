package io.alertscoring.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

class LocalRunOptionsTest {
  private static final String MODELS = Path.of("..", "trained_models").toString();

  @Test
  void defaultsAreParallelismTwoRocksDbAndOneGigabyteOfManagedMemory() {
    LocalRun.Options o = LocalRun.Options.parse(new String[] {"--models-dir", MODELS});
    assertThat(o.port()).isEqualTo(8000);
    assertThat(o.embedded().parallelism()).isEqualTo(2);
    assertThat(o.embedded().managedMemory()).isEqualTo(MemorySize.parse("1g"));
    assertThat(o.embedded().checkpoints().stateBackend()).isEqualTo("rocksdb");
    assertThat(o.embedded().checkpoints().checkpointDirectory()).isNull();
  }

  @Test
  void theEmbeddedConfigurationPutsCheckpointsUnderTheWorkDirectory() {
    LocalRun.Options o =
        LocalRun.Options.parse(
            new String[] {
              "--models-dir", MODELS,
              "--parallelism", "3",
              "--managed-memory", "768m",
              "--checkpoint-interval-ms", "2000"
            });
    Path work = Path.of("/tmp/run-x");
    Configuration conf = LocalRun.flinkConfiguration(o.embedded(), work, 18081);
    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .startsWith("file:///tmp/run-x/checkpoints");
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(conf.get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
        .isEqualTo(MemorySize.parse("768m"));
    assertThat(conf.get(RestOptions.PORT)).isEqualTo(18081);
    assertThat(o.embedded().parallelism()).isEqualTo(3);
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--port", "x"}))
        .isInstanceOf(AlertScoringCli.UsageException.class)
        .hasMessageContaining("--port");
    assertThatThrownBy(
            () ->
                LocalRun.Options.parse(new String[] {"--models-dir", MODELS, "--parallelism", "0"}))
        .isInstanceOf(AlertScoringCli.UsageException.class)
        .hasMessageContaining("--parallelism");
    assertThatThrownBy(
            () ->
                LocalRun.Options.parse(
                    new String[] {"--models-dir", MODELS, "--managed-memory", "lots"}))
        .isInstanceOf(AlertScoringCli.UsageException.class)
        .hasMessageContaining("--managed-memory");
    assertThatThrownBy(
            () ->
                LocalRun.Options.parse(
                    new String[] {"--models-dir", MODELS, "--state-backend", "memory"}))
        .isInstanceOf(AlertScoringCli.UsageException.class)
        .hasMessageContaining("rocksdb or hashmap");
    assertThat(AlertScoringCli.run(new String[] {"local", "--nope"})).isEqualTo(2);
  }

  @Test
  void clusterTakesTheOptionsOfLocalPlusTheClusterShape() {
    LocalRun.Options o =
        LocalRun.Options.parseCluster(
            new String[] {
              "--models-dir",
              MODELS,
              "--task-managers",
              "2",
              "--slots",
              "3",
              "--taskmanager-memory",
              "4g",
              "--web-port",
              "18081",
              "--parallelism",
              "4"
            });
    assertThat(o.cluster().taskManagers()).isEqualTo(2);
    assertThat(o.cluster().slotsPerTaskManager()).isEqualTo(3);
    assertThat(o.cluster().taskManagerMemory()).isEqualTo("4g");
    assertThat(o.cluster().restPort()).isEqualTo(18081);
    assertThat(o.embedded().parallelism()).isEqualTo(4);
    assertThat(LocalRun.Options.parse(new String[] {"--models-dir", MODELS}).cluster()).isNull();
  }

  @Test
  void badClusterShapesAreOneLineUsageErrors() {
    assertThatThrownBy(
            () ->
                LocalRun.Options.parseCluster(
                    new String[] {"--models-dir", MODELS, "--task-managers", "0"}))
        .isInstanceOf(AlertScoringCli.UsageException.class)
        .hasMessageContaining("--task-managers");
    assertThatThrownBy(
            () ->
                LocalRun.Options.parseCluster(
                    new String[] {"--models-dir", MODELS, "--taskmanager-memory", "lots"}))
        .isInstanceOf(AlertScoringCli.UsageException.class)
        .hasMessageContaining("--taskmanager-memory");
    assertThatThrownBy(
            () ->
                LocalRun.Options.parseCluster(
                    new String[] {"--models-dir", MODELS, "--web-port", "0"}))
        .isInstanceOf(AlertScoringCli.UsageException.class)
        .hasMessageContaining("--web-port");
    assertThat(
            AlertScoringCli.run(new String[] {"cluster", "--models-dir", MODELS, "--slots", "99"}))
        .isEqualTo(2);
  }
}
