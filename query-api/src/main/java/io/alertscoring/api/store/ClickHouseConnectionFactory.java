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
  private final String user;
  private final String password;

  /**
   * @param jdbcUrl e.g. {@code jdbc:clickhouse://127.0.0.1:8123/default?compress=false}
   * @throws IllegalArgumentException if the URL is not a ClickHouse JDBC URL
   */
  public ClickHouseConnectionFactory(String jdbcUrl) {
    this(jdbcUrl, null, null);
  }

  /**
   * Connections as {@code user} (null: the URL's {@code user=} parameter, or the server's {@code
   * default} user) with {@code password} (null: none), passed as connection properties, so they
   * stay out of the URL that messages show.
   *
   * @throws IllegalArgumentException if the URL is not a ClickHouse JDBC URL
   */
  public ClickHouseConnectionFactory(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    this.user = user == null || user.isBlank() ? null : user;
    this.password = password;
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

  /** The user connections are opened as, when one was given apart from the URL. */
  public java.util.Optional<String> user() {
    return java.util.Optional.ofNullable(user);
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
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    Connection connection = driver.connect(jdbcUrl, properties);
    if (connection == null) {
      throw new SQLException("the ClickHouse driver did not accept the URL " + withoutQuery());
    }
    return connection;
  }
}
