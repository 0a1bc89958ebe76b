package io.alertscoring.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What {@code /health} and {@code /version} say about the process: how long the API has served, the
 * JVM's heap, and the versions of the libraries it runs on (read from their jars, so a changed
 * dependency shows without a code change).
 */
final class RuntimeFacts {

  private final long startedNanos = System.nanoTime();
  private final Instant startedAt = Instant.now();

  /** {@code started_at}, {@code uptime_seconds} and {@code jvm} for {@code /health}. */
  Map<String, Object> health() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("started_at", startedAt.toString());
    facts.put("uptime_seconds", (System.nanoTime() - startedNanos) / 1_000_000 / 1000.0);
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    Map<String, Object> jvm = new LinkedHashMap<>();
    jvm.put("heap_used_bytes", heap.getUsed());
    jvm.put("heap_committed_bytes", heap.getCommitted());
    jvm.put("heap_max_bytes", heap.getMax()); // -1 when the JVM sets no maximum
    jvm.put("available_processors", Runtime.getRuntime().availableProcessors());
    facts.put("jvm", jvm);
    return facts;
  }

  /** The library versions for {@code /version}: Javalin, Jackson, the ClickHouse driver, Java. */
  static Map<String, String> libraries() {
    Map<String, String> libraries = new LinkedHashMap<>();
    libraries.put("javalin", jarVersion(io.javalin.Javalin.class, "io.javalin", "javalin"));
    libraries.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    libraries.put(
        "clickhouse_jdbc",
        jarVersion(
            ru.yandex.clickhouse.ClickHouseDriver.class,
            "ru.yandex.clickhouse",
            "clickhouse-jdbc"));
    libraries.put("java", Runtime.version().toString());
    libraries.put("java_vendor", System.getProperty("java.vendor", "unknown"));
    return libraries;
  }

  /**
   * The version in the artifact's {@code pom.properties} (as Maven wrote it), else its jar
   * manifest's, else "unknown".
   */
  static String jarVersion(Class<?> type, String groupId, String artifactId) {
    String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version;
        }
      }
    } catch (IOException e) {
      // fall back to the manifest
    }
    String fromManifest = type.getPackage().getImplementationVersion();
    return fromManifest == null ? "unknown" : fromManifest;
  }
}
