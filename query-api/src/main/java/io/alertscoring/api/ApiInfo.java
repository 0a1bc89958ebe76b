package io.alertscoring.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What {@code /version} and {@code /health} say about the running service.
 *
 * @param service the service's name
 * @param version the service's version
 * @param details further facts worth showing, e.g. the model versions the launcher loaded
 */
public record ApiInfo(String service, String version, Map<String, String> details) {

  /** The name the service reports. */
  public static final String SERVICE = "alert-scoring-query-api";

  public ApiInfo {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(version, "version");
    details = Map.copyOf(details);
  }

  /** This service at the given version, without details. */
  public static ApiInfo of(String version) {
    return new ApiInfo(SERVICE, version, Map.of());
  }

  /** This service at the version Maven packaged it with ("dev" when run from classes). */
  public static ApiInfo fromBuild() {
    return of(buildVersion());
  }

  /** The same info with one more detail. */
  public ApiInfo withDetail(String key, String value) {
    java.util.LinkedHashMap<String, String> more = new java.util.LinkedHashMap<>(details);
    more.put(key, value);
    return new ApiInfo(service, version, more);
  }

  static String buildVersion() {
    String fromManifest = ApiInfo.class.getPackage().getImplementationVersion();
    if (fromManifest != null) {
      return fromManifest;
    }
    try (InputStream in =
        ApiInfo.class.getResourceAsStream(
            "/META-INF/maven/io.alertscoring/query-api/pom.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "dev");
      }
    } catch (IOException e) {
      // fall through: an unreadable resource only costs the version string
    }
    return "dev";
  }
}
