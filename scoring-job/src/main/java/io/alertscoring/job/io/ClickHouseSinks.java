package io.alertscoring.job.io;

import io.alertscoring.schemas.ddl.Table;
import io.alertscoring.schemas.ddl.Tables;
import io.alertscoring.schemas.output.BatchMetadata;
import io.alertscoring.schemas.output.LiveAlertScore;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * At-least-once JDBC sinks into ClickHouse for the rows that change no run's visibility (live
 * scores, PROCESSING and FAILED metadata). Duplicates from a retry or a restart are harmless: every
 * table is a ReplacingMergeTree keyed by the row's identity with a version column. A run's own rows
 * go through {@link ClickHouseRowStore} and its publication (ADR 0006).
 */
public final class ClickHouseSinks {
  /** The legacy driver that works against ClickHouse 18.16; named because its service file lies. */
  public static final String DRIVER = "ru.yandex.clickhouse.ClickHouseDriver";

  /**
   * Live rows are read while they stream in, so they flush more often than batch rows: every 100
   * ms, about ten inserts a second from the one live sink task, which ClickHouse's merges absorb;
   * an insert per row would not be.
   */
  public static final long LIVE_FLUSH_INTERVAL_MS = 100;

  /** A connection with the named driver (no DriverManager lookup: the service file lies). */
  public static java.sql.Connection connect(String jdbcUrl) throws java.sql.SQLException {
    java.sql.Connection c =
        new ru.yandex.clickhouse.ClickHouseDriver().connect(jdbcUrl, new java.util.Properties());
    if (c == null) {
      throw new java.sql.SQLException("not a ClickHouse JDBC URL: " + jdbcUrl);
    }
    return c;
  }

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

  private <T> JdbcSink<T> sink(Table<T> table, JdbcExecutionOptions options) {
    String name = table.name();
    JdbcStatementBuilder<T> binder = (ps, row) -> Tables.<T>byName(name).bind(ps, row);
    return JdbcSink.<T>builder()
        .withQueryStatement(table.insertStatement(), binder)
        .withExecutionOptions(options)
        .buildAtLeastOnce(connection);
  }

  public JdbcSink<LiveAlertScore> alertLiveScores() {
    return sink(Tables.ALERT_LIVE_SCORES, liveExecution);
  }

  /** PROCESSING and FAILED rows; COMPLETED rows are written by the run's publication. */
  public JdbcSink<BatchMetadata> batchMetadata() {
    return sink(Tables.BATCH_METADATA, execution);
  }
}
