package io.alertscoring.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates the {@code clickhouse-server} binary and, for the local launcher, installs the Debian
 * packages {@code clickhouse-server} and {@code clickhouse-client} with apt-get when it is missing.
 */
public final class ClickHouseInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseInstaller.class);

  /** Where Debian's {@code clickhouse-server} package puts the server binary. */
  public static final Path DEFAULT_SERVER_BINARY = Paths.get("/usr/sbin/clickhouse-server");

  /** System property overriding the server binary location. */
  public static final String BINARY_PROPERTY = "clickhouse.server.binary";

  /** Environment variable overriding the server binary location (the system property wins). */
  public static final String BINARY_ENV = "CLICKHOUSE_SERVER_BINARY";

  static final String MISSING_MESSAGE =
      "clickhouse-server not found: install Debian package clickhouse-server";

  private ClickHouseInstaller() {}

  /**
   * The server binary to run: {@code -Dclickhouse.server.binary}, else {@code
   * $CLICKHOUSE_SERVER_BINARY}, else {@code /usr/sbin/clickhouse-server}. It may not exist.
   */
  public static Path serverBinary() {
    String fromProperty = System.getProperty(BINARY_PROPERTY);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return Paths.get(fromProperty.strip());
    }
    String fromEnv = System.getenv(BINARY_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Paths.get(fromEnv.strip());
    }
    return DEFAULT_SERVER_BINARY;
  }

  /** True if the server binary exists and is executable. */
  public static boolean isInstalled() {
    return Files.isExecutable(serverBinary());
  }

  /**
   * Makes sure {@code clickhouse-server} is installed. If it is missing, runs {@code apt-get
   * install -y clickhouse-server clickhouse-client} with {@code DEBIAN_FRONTEND=noninteractive}
   * (via {@code sudo -n} when not running as root), streaming apt's output to this process'
   * stdout/stderr; if that fails, runs {@code apt-get update} and tries once more.
   *
   * @return the server binary
   * @throws IllegalStateException if the binary is still missing afterwards
   */
  public static Path ensureInstalled() {
    Path binary = serverBinary();
    if (Files.isExecutable(binary)) {
      return binary;
    }
    LOG.warn("{} is missing; installing clickhouse-server with apt-get", binary);
    List<String> failures = new ArrayList<>();
    int rc = apt(failures, "install", "-y", "clickhouse-server", "clickhouse-client");
    if (rc != 0 || !Files.isExecutable(binary)) {
      LOG.warn("apt-get install failed (exit {}); running apt-get update and retrying", rc);
      apt(failures, "update");
      apt(failures, "install", "-y", "clickhouse-server", "clickhouse-client");
    }
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          MISSING_MESSAGE
              + " (expected an executable "
              + binary
              + "; automatic installation with apt-get failed"
              + (failures.isEmpty() ? "" : ": " + String.join("; ", failures))
              + "). Install it manually: sudo apt-get install -y clickhouse-server"
              + " clickhouse-client");
    }
    return binary;
  }

  private static int apt(List<String> failures, String... args) {
    List<String> command = new ArrayList<>();
    if (!isRoot()) {
      if (!onPath("sudo")) {
        failures.add("not root and sudo is not available");
        return -1;
      }
      command.add("sudo");
      command.add("-n");
      command.add("env");
      command.add("DEBIAN_FRONTEND=noninteractive");
    }
    command.add("apt-get");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    LOG.info("Running {}", String.join(" ", command));
    try {
      int rc = builder.start().waitFor();
      if (rc != 0) {
        failures.add(String.join(" ", command) + " exited with " + rc);
      }
      return rc;
    } catch (IOException e) {
      failures.add("could not run " + String.join(" ", command) + ": " + e.getMessage());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }

  private static boolean isRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String out = new String(id.getInputStream().readAllBytes()).strip();
      return id.waitFor() == 0 && out.equals("0");
    } catch (IOException e) {
      return "root".equals(System.getProperty("user.name"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean onPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, executable))) {
        return true;
      }
    }
    return false;
  }
}
