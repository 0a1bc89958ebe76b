package io.alertscoring.api.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import ru.yandex.clickhouse.ClickHouseDriver;

/**
 * Opens JDBC connections to ClickHouse with the legacy {@code ru.yandex.clickhouse} driver, which
 * is the one that speaks to ClickHouse 18.16. The driver is instantiated directly: its service file
 * registers a different class, so {@link java.sql.DriverManager} would pick the wrong one. The URL
 * gets {@code compress=false} when it does not say otherwise.
 */
public final class ClickHouseConnectionFactory {

  private static final String PREFIX = "jdbc:clickhouse://";

  private final ClickHouseDriver driver = new ClickHouseDriver();
  private final String jdbcUrl;

  /**
   * @param jdbcUrl e.g. {@code jdbc:clickhouse://127.0.0.1:8123/default?compress=false}
   * @throws IllegalArgumentException if the URL is not a ClickHouse JDBC URL
   */
  public ClickHouseConnectionFactory(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    String url = jdbcUrl.strip();
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "not a ClickHouse JDBC URL (expected " + PREFIX + "host:port/database)");
    }
    this.jdbcUrl = withCompressOff(url);
  }

  static String withCompressOff(String url) {
    if (url.matches(".*[?&]compress=.*")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "compress=false";
  }

  /** The URL connections are opened with. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The URL without its parameters (which may hold a password), for messages. */
  public String withoutQuery() {
    int question = jdbcUrl.indexOf('?');
    return question < 0 ? jdbcUrl : jdbcUrl.substring(0, question);
  }

  /** A new connection; the caller closes it. */
  public Connection open() throws SQLException {
    Connection connection = driver.connect(jdbcUrl, new Properties());
    if (connection == null) {
      throw new SQLException("the ClickHouse driver did not accept the URL " + withoutQuery());
    }
    return connection;
  }
}
