package io.alertscoring.job.io;

import io.alertscoring.schemas.output.AlertRanking;
import io.alertscoring.schemas.output.AlertScore;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.ClusterScore;
import io.alertscoring.schemas.output.LiveAlertScore;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * At-least-once JDBC sinks into ClickHouse. Duplicates from a retry or a restart are harmless:
 * every table is a ReplacingMergeTree keyed by the row's identity with a version column, and
 * readers use FINAL. That is why exactly-once (XA, which ClickHouse lacks) is not needed.
 */
public final class ClickHouseSinks {
  /** The legacy driver that works against ClickHouse 18.16; named because its service file lies. */
  public static final String DRIVER = "ru.yandex.clickhouse.ClickHouseDriver";

  static final String INSERT_ALERT_SCORES =
      "INSERT INTO alert_scores (network, processing_date, window_days, alert_id, address,"
          + " typology_type, score, priority, model_version, model_sha256, explanation_json,"
          + " latency_ms, processed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_ALERT_RANKINGS =
      "INSERT INTO alert_rankings (network, processing_date, window_days, rank, alert_id,"
          + " ranker_score, model_version, processed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_CLUSTER_SCORES =
      "INSERT INTO cluster_scores (network, processing_date, window_days, cluster_id, score,"
          + " priority, alert_count, total_volume_usd, model_version, model_sha256, processed_at,"
          + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_BATCH_METADATA =
      "INSERT INTO batch_metadata (network, processing_date, window_days, status,"
          + " alerts_received, features_received, clusters_received, money_flows_received,"
          + " alerts_expected, features_expected, clusters_expected, money_flows_expected,"
          + " alert_scores_written, rankings_written, cluster_scores_written, assembly_ms,"
          + " feature_ms, scoring_ms, ranking_ms, cluster_scoring_ms, total_ms, model_versions,"
          + " error_message, started_at, processed_at, version) VALUES"
          + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final String INSERT_ALERT_LIVE_SCORES =
      "INSERT INTO alert_live_scores (network, processing_date, window_days, alert_id, address,"
          + " typology_type, score, priority, model_version, model_sha256, explanation_json,"
          + " features_missing, received_at, scored_at, latency_ms, version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Live rows are read while they stream in, so they flush more often than batch rows: every 100
   * ms, about ten inserts a second from the one live sink task, which ClickHouse's merges absorb;
   * an insert per row would not be.
   */
  public static final long LIVE_FLUSH_INTERVAL_MS = 100;

  private final JdbcConnectionOptions connection;
  private final JdbcExecutionOptions execution;
  private final JdbcExecutionOptions liveExecution;

  public ClickHouseSinks(String jdbcUrl) {
    this.connection =
        new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
            .withUrl(jdbcUrl)
            .withDriverName(DRIVER)
            .withConnectionCheckTimeoutSeconds(30)
            .build();
    // Batches flush on size or every 200 ms, so a closed batch is visible within a second.
    this.execution =
        JdbcExecutionOptions.builder()
            .withBatchSize(5000)
            .withBatchIntervalMs(200)
            .withMaxRetries(5)
            .build();
    this.liveExecution =
        JdbcExecutionOptions.builder()
            .withBatchSize(5000)
            .withBatchIntervalMs(LIVE_FLUSH_INTERVAL_MS)
            .withMaxRetries(5)
            .build();
  }

  private <T> JdbcSink<T> sink(String sql, JdbcStatementBuilder<T> builder) {
    return sink(sql, builder, execution);
  }

  private <T> JdbcSink<T> sink(
      String sql, JdbcStatementBuilder<T> builder, JdbcExecutionOptions options) {
    return JdbcSink.<T>builder()
        .withQueryStatement(sql, builder)
        .withExecutionOptions(options)
        .buildAtLeastOnce(connection);
  }

  public JdbcSink<LiveAlertScore> alertLiveScores() {
    return sink(
        INSERT_ALERT_LIVE_SCORES,
        (ps, s) -> {
          ps.setString(1, s.network());
          ps.setString(2, s.processingDate());
          ps.setInt(3, s.windowDays());
          ps.setString(4, s.alertId());
          ps.setString(5, s.address());
          ps.setString(6, s.typologyType());
          ps.setDouble(7, s.score());
          ps.setString(8, s.priority());
          ps.setString(9, s.modelVersion());
          ps.setString(10, s.modelSha256());
          ps.setString(11, s.explanationJson());
          ps.setInt(12, s.featuresMissing() ? 1 : 0);
          ps.setLong(13, s.receivedAt());
          ps.setLong(14, s.scoredAt());
          ps.setDouble(15, s.latencyMs());
          ps.setLong(16, s.version());
        },
        liveExecution);
  }

  public JdbcSink<AlertScore> alertScores() {
    return sink(
        INSERT_ALERT_SCORES,
        (ps, s) -> {
          ps.setString(1, s.network());
          ps.setString(2, s.processingDate());
          ps.setInt(3, s.windowDays());
          ps.setString(4, s.alertId());
          ps.setString(5, s.address());
          ps.setString(6, s.typologyType());
          ps.setDouble(7, s.score());
          ps.setString(8, s.priority());
          ps.setString(9, s.modelVersion());
          ps.setString(10, s.modelSha256());
          ps.setString(11, s.explanationJson());
          ps.setDouble(12, s.latencyMs());
          ps.setLong(13, s.processedAt());
          ps.setLong(14, s.version());
        });
  }

  public JdbcSink<AlertRanking> alertRankings() {
    return sink(
        INSERT_ALERT_RANKINGS,
        (ps, r) -> {
          ps.setString(1, r.network());
          ps.setString(2, r.processingDate());
          ps.setInt(3, r.windowDays());
          ps.setInt(4, r.rank());
          ps.setString(5, r.alertId());
          ps.setDouble(6, r.rankerScore());
          ps.setString(7, r.modelVersion());
          ps.setLong(8, r.processedAt());
          ps.setLong(9, r.version());
        });
  }

  public JdbcSink<ClusterScore> clusterScores() {
    return sink(
        INSERT_CLUSTER_SCORES,
        (ps, c) -> {
          ps.setString(1, c.network());
          ps.setString(2, c.processingDate());
          ps.setInt(3, c.windowDays());
          ps.setString(4, c.clusterId());
          ps.setDouble(5, c.score());
          ps.setString(6, c.priority());
          ps.setInt(7, c.alertCount());
          ps.setDouble(8, c.totalVolumeUsd());
          ps.setString(9, c.modelVersion());
          ps.setString(10, c.modelSha256());
          ps.setLong(11, c.processedAt());
          ps.setLong(12, c.version());
        });
  }

  public JdbcSink<BatchMetadata> batchMetadata() {
    return sink(
        INSERT_BATCH_METADATA,
        (ps, m) -> {
          int i = 1;
          ps.setString(i++, m.network());
          ps.setString(i++, m.processingDate());
          ps.setInt(i++, m.windowDays());
          ps.setString(i++, m.status().name());
          ps.setLong(i++, m.alertsReceived());
          ps.setLong(i++, m.featuresReceived());
          ps.setLong(i++, m.clustersReceived());
          ps.setLong(i++, m.moneyFlowsReceived());
          ps.setLong(i++, m.alertsExpected());
          ps.setLong(i++, m.featuresExpected());
          ps.setLong(i++, m.clustersExpected());
          ps.setLong(i++, m.moneyFlowsExpected());
          ps.setLong(i++, m.alertScoresWritten());
          ps.setLong(i++, m.rankingsWritten());
          ps.setLong(i++, m.clusterScoresWritten());
          ps.setDouble(i++, m.assemblyMs());
          ps.setDouble(i++, m.featureMs());
          ps.setDouble(i++, m.scoringMs());
          ps.setDouble(i++, m.rankingMs());
          ps.setDouble(i++, m.clusterScoringMs());
          ps.setDouble(i++, m.totalMs());
          ps.setString(i++, m.modelVersions());
          ps.setString(i++, m.errorMessage());
          ps.setLong(i++, m.startedAt());
          ps.setLong(i++, m.processedAt());
          ps.setLong(i, m.version());
        });
  }
}
