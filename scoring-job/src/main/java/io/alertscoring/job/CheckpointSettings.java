package io.alertscoring.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import picocli.CommandLine.Option;

/**
 * The state backend, checkpoint and restart settings of the job, in one place: {@code flink run} of
 * {@link ScoringJobMain} and the launcher's embedded {@code local} run build their Flink {@link
 * Configuration} from this record, so both behave the same.
 *
 * @param stateBackend {@code rocksdb} (default; state on local disk, off the heap) or {@code
 *     hashmap}
 * @param checkpointDirectory URI or path of the filesystem checkpoint storage; null leaves the
 *     cluster's {@code execution.checkpointing.dir}
 * @param interval time between the starts of two checkpoints
 * @param minPause least time between the end of one checkpoint and the start of the next
 * @param timeout a checkpoint not complete after this is aborted
 * @param tolerableFailures consecutive failed checkpoints tolerated before the job fails over
 * @param unaligned whether barriers may overtake buffered (back-pressured) records
 * @param alignedTimeout a checkpoint starts aligned and switches to unaligned after this
 * @param incremental RocksDB uploads only the new SST files of each checkpoint
 * @param restartAttempts exponential-delay restart strategy: restarts without a reset of the
 *     backoff before the job fails for good
 * @param restartDelay exponential-delay restart strategy: wait before the first restart; each
 *     further restart waits twice as long, up to {@code restartMaxDelay}
 * @param restartMaxDelay the longest wait between two restarts
 * @param restartResetAfter a job that runs this long without a failure starts again from {@code
 *     restartDelay} and a fresh attempt count
 */
public record CheckpointSettings(
    String stateBackend,
    String checkpointDirectory,
    Duration interval,
    Duration minPause,
    Duration timeout,
    int tolerableFailures,
    boolean unaligned,
    Duration alignedTimeout,
    boolean incremental,
    int restartAttempts,
    Duration restartDelay,
    Duration restartMaxDelay,
    Duration restartResetAfter) {

  public static final String ROCKSDB = "rocksdb";
  public static final String HASHMAP = "hashmap";

  public CheckpointSettings {
    stateBackend = stateBackend == null ? ROCKSDB : stateBackend.toLowerCase(Locale.ROOT);
    if (!stateBackend.equals(ROCKSDB) && !stateBackend.equals(HASHMAP)) {
      throw new IllegalArgumentException(
          "state backend must be rocksdb or hashmap, got '" + stateBackend + "'");
    }
    requirePositive("checkpoint interval", interval);
    requireNonNegative("checkpoint min pause", minPause);
    requirePositive("checkpoint timeout", timeout);
    requireNonNegative("aligned checkpoint timeout", alignedTimeout);
    requireNonNegative("restart delay", restartDelay);
    requirePositive("restart max delay", restartMaxDelay);
    requirePositive("restart backoff reset", restartResetAfter);
    if (restartMaxDelay.compareTo(restartDelay) < 0) {
      throw new IllegalArgumentException("restart max delay must be >= the restart delay");
    }
    if (tolerableFailures < 0) {
      throw new IllegalArgumentException("tolerable checkpoint failures must be >= 0");
    }
    if (restartAttempts < 0) {
      throw new IllegalArgumentException("restart attempts must be >= 0");
    }
  }

  /**
   * RocksDB, incremental, unaligned after 5 s, every 10 s; restarts 1 s, 2 s, 4 s ... up to 60 s
   * apart, reset after 30 s without a failure, at most 100 restarts in a row without a reset.
   */
  public static CheckpointSettings defaults(String checkpointDirectory) {
    return new CheckpointSettings(
        ROCKSDB,
        checkpointDirectory,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofMinutes(10),
        3,
        true,
        Duration.ofSeconds(5),
        true,
        100,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30));
  }

  public CheckpointSettings withCheckpointDirectory(String directory) {
    return new CheckpointSettings(
        stateBackend,
        directory,
        interval,
        minPause,
        timeout,
        tolerableFailures,
        unaligned,
        alignedTimeout,
        incremental,
        restartAttempts,
        restartDelay,
        restartMaxDelay,
        restartResetAfter);
  }

  public CheckpointSettings withInterval(Duration newInterval) {
    return new CheckpointSettings(
        stateBackend,
        checkpointDirectory,
        newInterval,
        minPause,
        timeout,
        tolerableFailures,
        unaligned,
        alignedTimeout,
        incremental,
        restartAttempts,
        restartDelay,
        restartMaxDelay,
        restartResetAfter);
  }

  public CheckpointSettings withMinPause(Duration newMinPause) {
    return new CheckpointSettings(
        stateBackend,
        checkpointDirectory,
        interval,
        newMinPause,
        timeout,
        tolerableFailures,
        unaligned,
        alignedTimeout,
        incremental,
        restartAttempts,
        restartDelay,
        restartMaxDelay,
        restartResetAfter);
  }

  /** The Flink options these settings stand for (see the README's cluster section). */
  public Configuration toConfiguration() {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incremental);
    if (checkpointDirectory != null) {
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirectory);
    }
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
    conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, minPause);
    conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, timeout);
    conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, tolerableFailures);
    conf.set(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS, 1);
    conf.set(CheckpointingOptions.ENABLE_UNALIGNED, unaligned);
    conf.set(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT, alignedTimeout);
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    // exponential-delay, not fixed-delay: a fixed budget of attempts counts over the job's whole
    // life (20 TaskManager losses in a month would fail a job with 10 attempts), and a fixed delay
    // either hammers a ClickHouse that is down or slows every recovery from a lost TaskManager.
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, restartDelay);
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, restartMaxDelay);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
        restartResetAfter);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, restartAttempts);
    return conf;
  }

  /** A one-line summary for start-up logs. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s state%s, checkpoints every %d ms to %s (min pause %d ms, timeout %d s, %s,"
            + " %d tolerable failures, retained on cancel), restarts exponential %d..%d ms"
            + " (reset after %d ms, %d attempts)",
        stateBackend,
        stateBackend.equals(ROCKSDB) && incremental ? " (incremental)" : "",
        interval.toMillis(),
        checkpointDirectory == null
            ? "the cluster's execution.checkpointing.dir"
            : checkpointDirectory,
        minPause.toMillis(),
        timeout.toSeconds(),
        unaligned ? "unaligned after " + alignedTimeout.toMillis() + " ms aligned" : "aligned",
        tolerableFailures,
        restartDelay.toMillis(),
        restartMaxDelay.toMillis(),
        restartResetAfter.toMillis(),
        restartAttempts);
  }

  private static void requirePositive(String what, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be > 0");
    }
  }

  private static void requireNonNegative(String what, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be >= 0");
    }
  }

  /**
   * The command-line options of these settings, a picocli mixin shared by the job's {@code flink
   * run} options and the launcher's {@code local} and {@code bench} commands.
   */
  public static final class Options {
    @Option(
        names = "--state-backend",
        paramLabel = "rocksdb|hashmap",
        description = "state backend (default: ${DEFAULT-VALUE})",
        defaultValue = ROCKSDB)
    String stateBackend;

    @Option(
        names = "--checkpoint-dir",
        paramLabel = "URI",
        description =
            "filesystem checkpoint storage, e.g. file:///data/checkpoints or s3://bucket/path"
                + " (default: the cluster's execution.checkpointing.dir)")
    String checkpointDir;

    @Option(
        names = "--checkpoint-interval-ms",
        paramLabel = "MS",
        defaultValue = "10000",
        description = "checkpoint interval (default: ${DEFAULT-VALUE})")
    long intervalMs;

    @Option(
        names = "--checkpoint-min-pause-ms",
        paramLabel = "MS",
        defaultValue = "5000",
        description = "least pause between two checkpoints (default: ${DEFAULT-VALUE})")
    long minPauseMs;

    @Option(
        names = "--checkpoint-timeout-ms",
        paramLabel = "MS",
        defaultValue = "600000",
        description = "checkpoint timeout (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(
        names = "--tolerable-checkpoint-failures",
        paramLabel = "N",
        defaultValue = "3",
        description = "consecutive checkpoint failures tolerated (default: ${DEFAULT-VALUE})")
    int tolerableFailures;

    @Option(
        names = "--unaligned-checkpoints",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description = "barriers overtake back-pressured records (default: ${DEFAULT-VALUE})")
    boolean unaligned;

    @Option(
        names = "--aligned-checkpoint-timeout-ms",
        paramLabel = "MS",
        defaultValue = "5000",
        description = "aligned this long, then unaligned (default: ${DEFAULT-VALUE})")
    long alignedTimeoutMs;

    @Option(
        names = "--incremental-checkpoints",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description = "RocksDB incremental checkpoints (default: ${DEFAULT-VALUE})")
    boolean incremental;

    @Option(
        names = "--restart-attempts",
        paramLabel = "N",
        defaultValue = "100",
        description =
            "restarts in a row (no reset of the backoff between them) before the job fails"
                + " (default: ${DEFAULT-VALUE})")
    int restartAttempts;

    @Option(
        names = "--restart-delay-ms",
        paramLabel = "MS",
        defaultValue = "1000",
        description =
            "wait before the first restart; doubled for each further one (default:"
                + " ${DEFAULT-VALUE})")
    long restartDelayMs;

    @Option(
        names = "--restart-max-delay-ms",
        paramLabel = "MS",
        defaultValue = "60000",
        description = "longest wait between restarts (default: ${DEFAULT-VALUE})")
    long restartMaxDelayMs;

    @Option(
        names = "--restart-reset-after-ms",
        paramLabel = "MS",
        defaultValue = "30000",
        description =
            "this long without a failure resets the restart delay and attempts (default:"
                + " ${DEFAULT-VALUE})")
    long restartResetAfterMs;

    /** Whether {@code --checkpoint-dir} was given. */
    public boolean hasCheckpointDirectory() {
      return checkpointDir != null && !checkpointDir.isBlank();
    }

    /**
     * The settings; {@code defaultDirectory} is used when {@code --checkpoint-dir} is absent.
     *
     * @throws IllegalArgumentException for a value out of range (one line, naming it)
     */
    public CheckpointSettings toSettings(String defaultDirectory) {
      return new CheckpointSettings(
          stateBackend,
          hasCheckpointDirectory() ? normalize(checkpointDir) : defaultDirectory,
          Duration.ofMillis(intervalMs),
          Duration.ofMillis(minPauseMs),
          Duration.ofMillis(timeoutMs),
          tolerableFailures,
          unaligned,
          Duration.ofMillis(alignedTimeoutMs),
          incremental,
          restartAttempts,
          Duration.ofMillis(restartDelayMs),
          Duration.ofMillis(restartMaxDelayMs),
          Duration.ofMillis(restartResetAfterMs));
    }

    /** A plain path becomes a {@code file://} URI; a URI is kept. */
    static String normalize(String directory) {
      if (directory.contains("://")) {
        return directory;
      }
      return Path.of(directory).toAbsolutePath().normalize().toUri().toString();
    }
  }
}
