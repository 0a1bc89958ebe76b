package io.alertscoring.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code clickhouse-server} (Debian's 18.16 package) running as a child process on free
 * ports of 127.0.0.1, with a temporary configuration and data directory that is deleted on {@link
 * #close()}.
 *
 * <p>Only the HTTP and native TCP interfaces (plus the interserver port, which cannot be disabled
 * in 18.16) are opened; there is no https or secure TCP port. A JVM shutdown hook stops the process
 * if the owner never calls {@link #close()}.
 */
public final class ClickHouseServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseServer.class);

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final int START_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 30;

  /** The running child process; replaced by {@link #restart()}. */
  private final AtomicReference<Process> process;

  private final List<String> command;
  private final Path stdoutLog;
  private final Path baseDir;
  private final Path errorLog;
  private final int httpPort;
  private final int tcpPort;
  private final int interserverPort;
  private final HttpClient http;
  private final Thread shutdownHook;
  private final String readOnlyPassword;
  private boolean closed;

  private ClickHouseServer(
      AtomicReference<Process> process,
      List<String> command,
      Path stdoutLog,
      Path baseDir,
      Path errorLog,
      int httpPort,
      int tcpPort,
      int interserverPort,
      HttpClient http,
      Thread shutdownHook,
      String readOnlyPassword) {
    this.process = process;
    this.command = List.copyOf(command);
    this.stdoutLog = stdoutLog;
    this.baseDir = baseDir;
    this.errorLog = errorLog;
    this.httpPort = httpPort;
    this.tcpPort = tcpPort;
    this.interserverPort = interserverPort;
    this.http = http;
    this.shutdownHook = shutdownHook;
    this.readOnlyPassword = readOnlyPassword;
  }

  /**
   * Starts {@code clickhouse-server} on free ports and waits (up to 60 s) until {@code GET /ping}
   * answers {@code Ok.}.
   *
   * @throws ClickHouseStartupException if the binary is missing, the process dies or never answers
   */
  public static ClickHouseServer start() {
    Path binary = ClickHouseInstaller.serverBinary();
    if (!Files.isExecutable(binary)) {
      throw new ClickHouseStartupException(
          ClickHouseInstaller.MISSING_MESSAGE
              + " (no executable "
              + binary
              + "; on Debian/Ubuntu: sudo apt-get install -y clickhouse-server clickhouse-client)");
    }
    ClickHouseStartupException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(binary);
      } catch (PortClashException e) {
        // another process grabbed one of the "free" ports between probing and binding: retry
        LOG.warn(
            "clickhouse-server attempt {} lost a port race, retrying: {}", attempt, e.getMessage());
        last = e;
      }
    }
    throw last;
  }

  private static ClickHouseServer startOnce(Path binary) {
    int[] ports = FreePorts.find(3);
    int httpPort = ports[0];
    int tcpPort = ports[1];
    int interserverPort = ports[2];
    Path baseDir;
    try {
      baseDir = Files.createTempDirectory("clickhouse-server-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary ClickHouse directory", e);
    }
    Path dataDir = baseDir.resolve("data");
    Path tmpDir = baseDir.resolve("tmp");
    Path userFilesDir = baseDir.resolve("user_files");
    Path formatSchemaDir = baseDir.resolve("format_schemas");
    Path logDir = baseDir.resolve("log");
    Path serverLog = logDir.resolve("clickhouse-server.log");
    Path errorLog = logDir.resolve("clickhouse-server.err.log");
    Path stdoutLog = logDir.resolve("stdout.log");
    Path configFile = baseDir.resolve("config.xml");
    Path usersFile = baseDir.resolve("users.xml");

    Process process = null;
    Thread hook = null;
    try {
      for (Path dir : List.of(dataDir, tmpDir, userFilesDir, formatSchemaDir, logDir)) {
        Files.createDirectories(dir);
      }
      Files.writeString(
          configFile,
          configXml(
              httpPort,
              tcpPort,
              interserverPort,
              dataDir,
              tmpDir,
              userFilesDir,
              formatSchemaDir,
              serverLog,
              errorLog,
              usersFile));
      String readOnlyPassword = newPassword();
      Files.writeString(usersFile, usersXml(readOnlyPassword));

      // The paths and ports are also in config.xml; passing them as overrides after "--" makes the
      // effective values visible in `ps` and guards against config include/merge surprises.
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.add("--config-file=" + configFile);
      command.add("--");
      command.add("--path=" + dir(dataDir));
      command.add("--tmp_path=" + dir(tmpDir));
      command.add("--user_files_path=" + dir(userFilesDir));
      command.add("--format_schema_path=" + dir(formatSchemaDir));
      command.add("--logger.log=" + serverLog);
      command.add("--logger.errorlog=" + errorLog);
      command.add("--http_port=" + httpPort);
      command.add("--tcp_port=" + tcpPort);
      command.add("--interserver_http_port=" + interserverPort);

      process = launch(command, baseDir, stdoutLog);
      AtomicReference<Process> current = new AtomicReference<>(process);
      hook = shutdownHookFor(current, baseDir);
      Runtime.getRuntime().addShutdownHook(hook);

      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      awaitPing(process, http, httpPort, errorLog, stdoutLog);
      LOG.info(
          "clickhouse-server (pid {}) started: http {}, tcp {}, dir {}",
          process.pid(),
          httpPort,
          tcpPort,
          baseDir);
      return new ClickHouseServer(
          current,
          command,
          stdoutLog,
          baseDir,
          errorLog,
          httpPort,
          tcpPort,
          interserverPort,
          http,
          hook,
          readOnlyPassword);
    } catch (IOException | RuntimeException e) {
      if (process != null) {
        stop(process);
      }
      if (hook != null) {
        removeHook(hook);
      }
      try {
        InfraFiles.deleteRecursively(baseDir);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof ClickHouseStartupException) {
        throw (ClickHouseStartupException) e;
      }
      throw new ClickHouseStartupException("Could not start clickhouse-server: " + e, e);
    }
  }

  private static Process launch(List<String> command, Path baseDir, Path stdoutLog)
      throws IOException {
    return new ProcessBuilder(command)
        .directory(baseDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutLog.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
        .start();
  }

  /**
   * Stops the server process (SIGTERM, then SIGKILL after 20 s) but keeps its ports, configuration
   * and data, so {@link #restart()} brings the same server back: an outage, for fault tests.
   */
  public synchronized void stop() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
    stop(process.get());
    LOG.info("clickhouse-server on http port {} stopped (data kept)", httpPort);
  }

  /**
   * Starts the server again after {@link #stop()} on the same ports and data, and waits until it
   * answers {@code /ping}.
   *
   * @throws IllegalStateException if it is still running or closed
   * @throws ClickHouseStartupException if it does not come back
   */
  public synchronized void restart() {
    if (closed || process.get().isAlive()) {
      throw new IllegalStateException("restart() needs a stopped server: " + this);
    }
    try {
      Process started = launch(command, baseDir, stdoutLog);
      process.set(started);
      awaitPing(started, http, httpPort, errorLog, stdoutLog);
    } catch (IOException e) {
      throw new ClickHouseStartupException("Could not restart clickhouse-server: " + e, e);
    }
    LOG.info("clickhouse-server on http port {} restarted (pid {})", httpPort, process.get().pid());
  }

  private static void awaitPing(
      Process process, HttpClient http, int httpPort, Path errorLog, Path stdoutLog) {
    URI ping = URI.create("http://127.0.0.1:" + httpPort + "/ping");
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    String lastProblem = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String errors = InfraFiles.tail(errorLog, LOG_TAIL_LINES);
        String message =
            "clickhouse-server exited with code "
                + process.exitValue()
                + " during startup. Tail of "
                + errorLog
                + ":\n"
                + errors
                + "\nTail of "
                + stdoutLog
                + ":\n"
                + InfraFiles.tail(stdoutLog, LOG_TAIL_LINES);
        if (errors.contains("Address already in use")) {
          throw new PortClashException(message);
        }
        throw new ClickHouseStartupException(message);
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().strip().equals("Ok.")) {
          return;
        }
        lastProblem = "HTTP " + response.statusCode() + ": " + response.body().strip();
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClickHouseStartupException("Interrupted while waiting for clickhouse-server");
      }
      sleep(100);
    }
    throw new ClickHouseStartupException(
        "clickhouse-server did not answer "
            + ping
            + " with 'Ok.' within "
            + STARTUP_TIMEOUT.toSeconds()
            + "s (last problem: "
            + lastProblem
            + "). Tail of "
            + errorLog
            + ":\n"
            + InfraFiles.tail(errorLog, LOG_TAIL_LINES));
  }

  /** HTTP interface port. */
  public int httpPort() {
    return httpPort;
  }

  /** Native TCP protocol port (for {@code clickhouse-client --port}). */
  public int tcpPort() {
    return tcpPort;
  }

  /** Interserver HTTP port (unused by a single server, but bound). */
  public int interserverPort() {
    return interserverPort;
  }

  /** The temporary directory holding config, data and logs. */
  public Path baseDir() {
    return baseDir;
  }

  /** Legacy-driver JDBC URL for the {@code default} database. */
  public String jdbcUrl() {
    return jdbcUrl("default");
  }

  /**
   * Legacy-driver JDBC URL for {@code database}: {@code
   * jdbc:clickhouse://127.0.0.1:<http>/<db>?compress=false}.
   */
  public String jdbcUrl(String database) {
    Objects.requireNonNull(database, "database");
    return "jdbc:clickhouse://127.0.0.1:" + httpPort + "/" + database + "?compress=false";
  }

  /** The read-only user for readers such as the query API (profile {@value #READ_ONLY_PROFILE}). */
  public String readOnlyUser() {
    return READ_ONLY_USER;
  }

  /** The read-only user's password: random, new for every server started. */
  public String readOnlyPassword() {
    return readOnlyPassword;
  }

  /**
   * {@link #jdbcUrl()} as the read-only user, credentials in the URL's {@code user} and {@code
   * password} parameters (which the legacy driver reads): for callers that take only a URL.
   */
  public String readOnlyJdbcUrl() {
    return jdbcUrl()
        + "&user="
        + URLEncoder.encode(READ_ONLY_USER, StandardCharsets.UTF_8)
        + "&password="
        + URLEncoder.encode(readOnlyPassword, StandardCharsets.UTF_8);
  }

  /** Opens a JDBC connection to the {@code default} database. */
  public Connection connect() throws SQLException {
    return connect("default");
  }

  /**
   * Opens a JDBC connection to {@code database} with the legacy {@code
   * ru.yandex.clickhouse.ClickHouseDriver}, instantiated explicitly: the jar's {@code
   * META-INF/services/java.sql.Driver} registers the new {@code com.clickhouse.jdbc} driver
   * instead.
   */
  public Connection connect(String database) throws SQLException {
    String url = jdbcUrl(database);
    Connection connection =
        new ru.yandex.clickhouse.ClickHouseDriver().connect(url, new Properties());
    if (connection == null) {
      throw new SQLException("ClickHouse legacy driver rejected URL " + url);
    }
    return connection;
  }

  /**
   * Executes one SQL statement over the HTTP interface (ClickHouse 18.16 has no multi-statement
   * requests) and discards the result.
   *
   * @throws IllegalStateException if ClickHouse answers with an error
   */
  public void execute(String sql) {
    query(sql);
  }

  /**
   * Runs one SQL statement over the HTTP interface against the {@code default} database and returns
   * the raw response body (TabSeparated unless the statement says otherwise).
   *
   * @throws IllegalStateException if ClickHouse answers with an error
   */
  public String query(String sql) {
    Objects.requireNonNull(sql, "sql");
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + httpPort
                + "/?database="
                + URLEncoder.encode("default", StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(5))
            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "ClickHouse HTTP "
                + response.statusCode()
                + " for statement ["
                + abbreviate(sql)
                + "]: "
                + response.body().strip());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not send statement to ClickHouse on port " + httpPort + ": " + abbreviate(sql), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while executing ClickHouse statement", e);
    }
  }

  /** True while the child process is running. */
  public boolean isRunning() {
    return process.get().isAlive();
  }

  /**
   * Stops the server (SIGTERM, then SIGKILL after 20 s), waits for it to exit and deletes the
   * temporary directory. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(process.get());
    removeHook(shutdownHook);
    try {
      InfraFiles.deleteRecursively(baseDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete ClickHouse directory " + baseDir, e);
    }
    LOG.info("clickhouse-server on http port {} stopped", httpPort);
  }

  @Override
  public String toString() {
    return "ClickHouseServer[http=" + httpPort + ", tcp=" + tcpPort + ", dir=" + baseDir + "]";
  }

  /** Tail of the server's error log, for diagnostics. */
  public String errorLogTail() {
    return InfraFiles.tail(errorLog, LOG_TAIL_LINES);
  }

  // ---------------------------------------------------------------------------------------------

  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    boolean exited = waitFor(process, GRACEFUL_STOP_TIMEOUT);
    if (!exited) {
      LOG.warn(
          "clickhouse-server (pid {}) did not stop within {}; killing it",
          process.pid(),
          GRACEFUL_STOP_TIMEOUT);
      process.destroyForcibly();
      waitFor(process, Duration.ofSeconds(10));
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static Thread shutdownHookFor(AtomicReference<Process> current, Path baseDir) {
    return new Thread(
        () -> {
          Process process = current.get();
          if (process.isAlive()) {
            process.destroy();
            if (!waitFor(process, Duration.ofSeconds(5))) {
              process.destroyForcibly();
              waitFor(process, Duration.ofSeconds(5));
            }
          }
          try {
            InfraFiles.deleteRecursively(baseDir);
          } catch (IOException | RuntimeException ignored) {
            // JVM is exiting; nothing sensible left to do
          }
        },
        "clickhouse-server-shutdown-" + current.get().pid());
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or will run; fine
    }
  }

  private static String dir(Path path) {
    String s = path.toString();
    return s.endsWith("/") ? s : s + "/";
  }

  private static java.io.File nullFile() {
    return new java.io.File("/dev/null");
  }

  private static String abbreviate(String sql) {
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClickHouseStartupException("Interrupted while waiting for clickhouse-server");
    }
  }

  private static String xml(Object value) {
    return value
        .toString()
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String configXml(
      int httpPort,
      int tcpPort,
      int interserverPort,
      Path dataDir,
      Path tmpDir,
      Path userFilesDir,
      Path formatSchemaDir,
      Path serverLog,
      Path errorLog,
      Path usersFile) {
    return """
           <?xml version="1.0"?>
           <yandex>
               <logger>
                   <level>warning</level>
                   <log>%s</log>
                   <errorlog>%s</errorlog>
                   <size>100M</size>
                   <count>1</count>
                   <console>0</console>
               </logger>
               <http_port>%d</http_port>
               <tcp_port>%d</tcp_port>
               <interserver_http_port>%d</interserver_http_port>
               <interserver_http_host>127.0.0.1</interserver_http_host>
               <listen_host>127.0.0.1</listen_host>
               <path>%s</path>
               <tmp_path>%s</tmp_path>
               <user_files_path>%s</user_files_path>
               <format_schema_path>%s</format_schema_path>
               <users_config>%s</users_config>
               <default_profile>default</default_profile>
               <default_database>default</default_database>
               <timezone>UTC</timezone>
               <umask>022</umask>
               <max_connections>1024</max_connections>
               <keep_alive_timeout>3</keep_alive_timeout>
               <max_concurrent_queries>100</max_concurrent_queries>
               <uncompressed_cache_size>268435456</uncompressed_cache_size>
               <mark_cache_size>268435456</mark_cache_size>
               <mlock_executable>false</mlock_executable>
               <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
               <max_session_timeout>3600</max_session_timeout>
               <default_session_timeout>60</default_session_timeout>
           </yandex>
           """
        .formatted(
            xml(serverLog),
            xml(errorLog),
            httpPort,
            tcpPort,
            interserverPort,
            xml(dir(dataDir)),
            xml(dir(tmpDir)),
            xml(dir(userFilesDir)),
            xml(dir(formatSchemaDir)),
            xml(usersFile));
  }

  /** The user readers connect as; it can read every table of {@code default} and write none. */
  public static final String READ_ONLY_USER = "query_api";

  /** The settings profile of {@link #READ_ONLY_USER}. */
  public static final String READ_ONLY_PROFILE = "readonly";

  /**
   * ClickHouse's {@code readonly} level of {@link #READ_ONLY_PROFILE}: 1 forbids every write and
   * DDL statement and every change of a setting. 1, not 2 (which lets a query change settings),
   * because the legacy {@code ru.yandex} JDBC driver the readers use sends no setting of its own
   * with a query unless told to (its URL parameters {@code compress} and {@code database} are
   * parameters of the HTTP interface, not settings); the readers' queries set none either.
   */
  public static final int READ_ONLY_LEVEL = 1;

  private static String newPassword() {
    byte[] bytes = new byte[18];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The users file: {@code default} (passwordless, every right: the job and the tests' setup) and
   * {@link #READ_ONLY_USER} with {@link #READ_ONLY_PROFILE}, limited to the {@code default}
   * database, its password stored as a SHA-256 digest. ClickHouse 18.16 has no SQL user management:
   * users are this file.
   */
  static String usersXml(String readOnlyPassword) {
    return """
        <?xml version="1.0"?>
        <yandex>
            <profiles>
                <default>
                    <max_memory_usage>4000000000</max_memory_usage>
                    <use_uncompressed_cache>0</use_uncompressed_cache>
                    <load_balancing>random</load_balancing>
                </default>
                <%1$s>
                    <readonly>%2$d</readonly>
                    <max_memory_usage>4000000000</max_memory_usage>
                    <use_uncompressed_cache>0</use_uncompressed_cache>
                    <load_balancing>random</load_balancing>
                </%1$s>
            </profiles>
            <users>
                <default>
                    <password></password>
                    <networks>
                        <ip>::/0</ip>
                    </networks>
                    <profile>default</profile>
                    <quota>default</quota>
                </default>
                <%3$s>
                    <password_sha256_hex>%4$s</password_sha256_hex>
                    <networks>
                        <ip>::/0</ip>
                    </networks>
                    <profile>%1$s</profile>
                    <quota>default</quota>
                    <allow_databases>
                        <database>default</database>
                    </allow_databases>
                </%3$s>
            </users>
            <quotas>
                <default>
                    <interval>
                        <duration>3600</duration>
                        <queries>0</queries>
                        <errors>0</errors>
                        <result_rows>0</result_rows>
                        <read_rows>0</read_rows>
                        <execution_time>0</execution_time>
                    </interval>
                </default>
            </quotas>
        </yandex>
        """
        .formatted(READ_ONLY_PROFILE, READ_ONLY_LEVEL, READ_ONLY_USER, sha256Hex(readOnlyPassword));
  }

  /** Thrown when {@code clickhouse-server} cannot be started. */
  public static class ClickHouseStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClickHouseStartupException(String message) {
      super(message);
    }

    ClickHouseStartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class PortClashException extends ClickHouseStartupException {
    private static final long serialVersionUID = 1L;

    PortClashException(String message) {
      super(message);
    }
  }
}
