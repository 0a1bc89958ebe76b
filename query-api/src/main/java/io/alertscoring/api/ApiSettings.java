package io.alertscoring.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link QueryApiMain#start(ApiSettings)} needs: where to listen, which ClickHouse to
 * read as whom, the {@link AccessPolicy}, and the models directory.
 *
 * @param port HTTP port (0: any free port)
 * @param clickhouseUrl legacy-driver JDBC URL, e.g. {@code jdbc:clickhouse://host:8123/default}
 * @param clickhouseUser the user to read as (null: the URL's or the server's default); a user with
 *     a read-only profile is enough and is what deployments use
 * @param clickhousePassword that user's password (null: none)
 * @param access API key, body size and rate limits
 * @param modelsDir the trained models' directory, for routes that score on demand (null: none);
 *     carried here so {@code start} can hand it to the route groups that load models
 */
public record ApiSettings(
    int port,
    String clickhouseUrl,
    String clickhouseUser,
    String clickhousePassword,
    AccessPolicy access,
    Path modelsDir) {

  public ApiSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    Objects.requireNonNull(clickhouseUrl, "clickhouseUrl");
    Objects.requireNonNull(access, "access");
  }

  /** Port and URL, the rest default: no credentials, an open policy, no models. */
  public static ApiSettings of(int port, String clickhouseUrl) {
    return new ApiSettings(port, clickhouseUrl, null, null, AccessPolicy.open(), null);
  }

  /** The models directory, when one was given. */
  public Optional<Path> models() {
    return Optional.ofNullable(modelsDir);
  }

  /** The password never appears in logs; the API key neither ({@link AccessPolicy#toString}). */
  @Override
  public String toString() {
    return "ApiSettings[port="
        + port
        + ", clickhouseUrl="
        + withoutQuery(clickhouseUrl)
        + ", clickhouseUser="
        + clickhouseUser
        + ", clickhousePassword="
        + (clickhousePassword == null ? "none" : "***")
        + ", access="
        + access
        + ", modelsDir="
        + modelsDir
        + "]";
  }

  private static String withoutQuery(String url) {
    int question = url.indexOf('?');
    return question < 0 ? url : url.substring(0, question);
  }
}
