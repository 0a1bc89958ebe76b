package io.alertscoring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class ScoringJobMainOptionsTest {
  private static final String[] REQUIRED = {
    "--bootstrap-servers", "kafka:9092",
    "--clickhouse-url", "jdbc:clickhouse://ch:8123/default",
    "--models-dir", "/models"
  };

  private static String[] with(String... more) {
    String[] all = new String[REQUIRED.length + more.length];
    System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
    System.arraycopy(more, 0, all, REQUIRED.length, more.length);
    return all;
  }

  @Test
  void defaultsAreRocksDbIncrementalUnalignedFixedDelay() {
    ScoringJobMain.JobOptions o = ScoringJobMain.parse(REQUIRED);
    Configuration conf = o.checkpointSettings().toConfiguration();
    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(conf.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(conf.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(3);
    assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED)).isTrue();
    assertThat(conf.get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
        .isEqualTo(100);
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(
            conf.get(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
        .isEqualTo(Duration.ofSeconds(30));
    // no directory given: the cluster's storage settings are left alone
    assertThat(conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isFalse();
    assertThat(o.jobConfig()).isEqualTo(JobConfig.defaults("/models"));
    assertThat(o.wiring().groupId()).isEqualTo("alert-scoring");
    assertThat(o.parallelism()).isNull();
  }

  @Test
  void liveScoringIsOnByDefaultAndConfigurable() {
    JobConfig defaults = ScoringJobMain.parse(REQUIRED).jobConfig();
    assertThat(defaults.liveScoring()).isTrue();
    assertThat(defaults.liveFeatureWait()).isEqualTo(JobConfig.DEFAULT_LIVE_FEATURE_WAIT);

    JobConfig off =
        ScoringJobMain.parse(with("--no-live-scoring", "--live-feature-wait-ms", "250"))
            .jobConfig();
    assertThat(off.liveScoring()).isFalse();
    assertThat(off.liveFeatureWait()).isEqualTo(Duration.ofMillis(250));

    assertThatThrownBy(() -> ScoringJobMain.parse(with("--live-feature-wait-ms", "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--live-feature-wait-ms");

    assertThat(ScoringJobMain.parse(with("--final-scoring-share", "1")).jobConfig())
        .extracting(JobConfig::finalScoringShare)
        .isEqualTo(1.0);
    assertThatThrownBy(() -> ScoringJobMain.parse(with("--final-scoring-share", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("final scoring share");
  }

  @Test
  void everyCheckpointFlagReachesTheConfiguration() {
    ScoringJobMain.JobOptions o =
        ScoringJobMain.parse(
            with(
                "--state-backend",
                "HashMap",
                "--checkpoint-dir",
                "/data/cp",
                "--checkpoint-interval-ms",
                "2500",
                "--checkpoint-min-pause-ms",
                "100",
                "--checkpoint-timeout-ms",
                "60000",
                "--tolerable-checkpoint-failures",
                "7",
                "--no-unaligned-checkpoints",
                "--aligned-checkpoint-timeout-ms",
                "0",
                "--no-incremental-checkpoints",
                "--restart-attempts",
                "4",
                "--restart-delay-ms",
                "1500",
                "--restart-max-delay-ms",
                "9000",
                "--restart-reset-after-ms",
                "120000",
                "--parallelism",
                "6",
                "--networks",
                "ethereum, bitcoin",
                "--group-id",
                "g2",
                "--batch-timeout-ms",
                "1000"));
    Configuration conf = o.checkpointSettings().toConfiguration();
    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///data/cp");
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
        .isEqualTo(Duration.ofMillis(2500));
    assertThat(conf.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS))
        .isEqualTo(Duration.ofMillis(100));
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(conf.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(7);
    assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED)).isFalse();
    assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
        .isEqualTo(4);
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofMillis(9000));
    assertThat(
            conf.get(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(o.parallelism()).isEqualTo(6);
    assertThat(o.jobConfig().allowedNetworks()).containsExactlyInAnyOrder("ethereum", "bitcoin");
    assertThat(o.jobConfig().batchTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.wiring().groupId()).isEqualTo("g2");
    assertThat(o.wiring().checkpointIntervalMs()).isEqualTo(2500);
  }

  @Test
  void aUriCheckpointDirectoryIsKept() {
    ScoringJobMain.JobOptions o =
        ScoringJobMain.parse(with("--checkpoint-dir", "s3://bucket/alert-scoring/cp"));
    assertThat(o.checkpointSettings().checkpointDirectory())
        .isEqualTo("s3://bucket/alert-scoring/cp");
  }

  @Test
  void theEnvironmentTakesTheSettings() {
    CheckpointSettings settings = CheckpointSettings.defaults("file:///tmp/cp");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(settings.toConfiguration());
    assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
    assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(10_000);
    assertThat(env.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isTrue();
    assertThat(env.getCheckpointConfig().getMinPauseBetweenCheckpoints()).isEqualTo(5_000);
  }

  @Test
  void badOptionsAreOneLineAndStatusTwo() throws Exception {
    for (String[] bad :
        new String[][] {
          {"--bootstrap-servers", "k:9092"},
          with("--checkpoint-interval-ms", "soon"),
          with("--state-backend", "memory"),
          with("--checkpoint-interval-ms", "0"),
          with("--parallelism", "0"),
          with("--no-such-option"),
          with("--batch-timeout", "60000"),
          with("stray-argument"),
        }) {
      StringWriter err = new StringWriter();
      int status =
          ScoringJobMain.run(bad, new PrintWriter(new StringWriter()), new PrintWriter(err));
      assertThat(status).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(err.toString().strip()).startsWith("scoring-job: ").doesNotContain("\n");
    }
    assertThatThrownBy(() -> ScoringJobMain.parse(with("--state-backend", "memory")))
        .hasMessageContaining("rocksdb or hashmap");
  }

  @Test
  void helpPrintsEveryOption() throws Exception {
    StringWriter out = new StringWriter();
    int status =
        ScoringJobMain.run(
            new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("--checkpoint-dir", "--state-backend", "--parallelism", "--restart-attempts")
        .contains("$KAFKA_BOOTSTRAP_SERVERS", "$CLICKHOUSE_URL");
  }

  @Test
  void aMisspeltOptionFailsInsteadOfKeepingItsDefault() throws Exception {
    StringWriter err = new StringWriter();
    int status =
        ScoringJobMain.run(
            with("--batch-timeout", "60000"),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("scoring-job: ")
        .contains("'--batch-timeout'", "did you mean --batch-timeout-ms")
        .doesNotContain("\n");
    assertThatThrownBy(() -> ScoringJobMain.parse(with("60000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'60000'");
  }

  @Test
  void connectionSettingsDefaultToTheEnvironment() {
    java.util.Map<String, String> env =
        java.util.Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka-env:9092",
            "CLICKHOUSE_URL", "jdbc:clickhouse://ch-env:8123/default");
    ScoringJobMain.JobOptions fromEnv = ScoringJobMain.parse(env::get, "--models-dir", "/models");
    assertThat(fromEnv.wiring().bootstrapServers()).isEqualTo("kafka-env:9092");
    assertThat(fromEnv.wiring().clickhouseUrl()).isEqualTo("jdbc:clickhouse://ch-env:8123/default");
    ScoringJobMain.JobOptions given = ScoringJobMain.parse(env::get, REQUIRED);
    assertThat(given.wiring().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(given.wiring().clickhouseUrl()).isEqualTo("jdbc:clickhouse://ch:8123/default");
    assertThatThrownBy(() -> ScoringJobMain.parse(k -> null, "--models-dir", "/models"))
        .hasMessageContaining("--bootstrap-servers")
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(
            () ->
                ScoringJobMain.parse(
                    java.util.Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")::get,
                    "--models-dir",
                    "/models"))
        .hasMessageContaining("--clickhouse-url")
        .hasMessageContaining("CLICKHOUSE_URL");
  }
}
