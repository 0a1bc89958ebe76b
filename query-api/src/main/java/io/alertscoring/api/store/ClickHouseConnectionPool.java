package io.alertscoring.api.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A HikariCP pool of {@link ClickHouseConnectionFactory} connections. A connection of the legacy
 * driver is an HTTP client of its own, and opening one costs a query ({@code SELECT timezone(),
 * version()}) plus a new TCP connection; a pooled one keeps both, so a lookup is one HTTP request
 * on a kept-alive socket.
 *
 * <ul>
 *   <li>The pool starts empty and fills lazily: creating it never fails when the server is down.
 *   <li>A caller waits at most {@link #BORROW_TIMEOUT_MS} for a connection, so a dead server is
 *       reported within seconds rather than after Hikari's default 30 s.
 *   <li>Connections idle for a while are checked with {@code SELECT 1} (not the driver's {@code
 *       isValid}, which builds a new HTTP client per call).
 * </ul>
 */
public final class ClickHouseConnectionPool implements AutoCloseable {

  /** Connections kept: more than the 2..8 cores such a server has is only queueing there. */
  public static final int DEFAULT_SIZE = 8;

  /** How long a caller waits for a free connection (or for the server to accept one). */
  static final long BORROW_TIMEOUT_MS = 2_000;

  private final ClickHouseConnectionFactory factory;
  private final HikariDataSource pool;

  /** A pool of at most {@code size} connections opened by {@code factory}. */
  public ClickHouseConnectionPool(ClickHouseConnectionFactory factory, int size) {
    this.factory = Objects.requireNonNull(factory, "factory");
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be at least 1: " + size);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("clickhouse-query-api");
    config.setDataSource(new FactoryDataSource(factory));
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(BORROW_TIMEOUT_MS);
    config.setValidationTimeout(BORROW_TIMEOUT_MS - 500);
    config.setConnectionTestQuery("SELECT 1");
    config.setInitializationFailTimeout(-1);
    this.pool = new HikariDataSource(config);
  }

  /** A pool of {@link #DEFAULT_SIZE} connections to {@code jdbcUrl}. */
  public static ClickHouseConnectionPool forUrl(String jdbcUrl) {
    return new ClickHouseConnectionPool(new ClickHouseConnectionFactory(jdbcUrl), DEFAULT_SIZE);
  }

  /** A pool of {@link #DEFAULT_SIZE} connections to {@code jdbcUrl} as {@code user}. */
  public static ClickHouseConnectionPool forUrl(String jdbcUrl, String user, String password) {
    return new ClickHouseConnectionPool(
        new ClickHouseConnectionFactory(jdbcUrl, user, password), DEFAULT_SIZE);
  }

  /** A pooled connection; closing it returns it to the pool. */
  public Connection open() throws SQLException {
    return pool.getConnection();
  }

  /** The server's URL without its parameters, for messages. */
  public String withoutQuery() {
    return factory.withoutQuery();
  }

  /** Closes every connection; later calls of {@link #open()} fail. */
  @Override
  public void close() {
    pool.close();
  }

  /** The factory seen as the {@link DataSource} Hikari pools. */
  private static final class FactoryDataSource implements DataSource {
    private final ClickHouseConnectionFactory factory;
    private PrintWriter logWriter;
    private int loginTimeout;

    FactoryDataSource(ClickHouseConnectionFactory factory) {
      this.factory = factory;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return factory.open();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException(
          "credentials belong to the ClickHouseConnectionFactory");
    }

    @Override
    public PrintWriter getLogWriter() {
      return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
      this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
      return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      if (type.isInstance(this)) {
        return type.cast(this);
      }
      throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return type.isInstance(this);
    }
  }
}
