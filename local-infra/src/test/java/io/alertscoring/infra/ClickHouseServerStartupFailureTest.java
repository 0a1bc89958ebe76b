package io.alertscoring.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Startup failures must be loud and say what is wrong (uses a fake binary, no server needed). */
class ClickHouseServerStartupFailureTest {

  @AfterEach
  void restoreBinary() {
    System.clearProperty(ClickHouseInstaller.BINARY_PROPERTY);
  }

  @Test
  void missingBinaryNamesTheDebianPackage() {
    System.setProperty(ClickHouseInstaller.BINARY_PROPERTY, "/nonexistent/clickhouse-server");

    assertThatThrownBy(ClickHouseServer::start)
        .isInstanceOf(ClickHouseServer.ClickHouseStartupException.class)
        .hasMessageContaining(
            "clickhouse-server not found: install Debian package clickhouse-server")
        .hasMessageContaining("/nonexistent/clickhouse-server");
  }

  @Test
  void processDyingDuringStartupIsReportedWithItsExitCode() {
    System.setProperty(ClickHouseInstaller.BINARY_PROPERTY, "/bin/false");

    assertThatThrownBy(ClickHouseServer::start)
        .isInstanceOf(ClickHouseServer.ClickHouseStartupException.class)
        .hasMessageContaining("exited with code 1 during startup")
        .hasMessageContaining("clickhouse-server.err.log");
  }
}
