package io.alertscoring.api;

import io.javalin.Javalin;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/** A started query API; {@link #close()} stops it and releases what it was started with. */
public final class RunningApi implements AutoCloseable {

  private final Javalin app;
  private final int port;
  private final AutoCloseable owned;

  RunningApi(Javalin app) {
    this(app, () -> {});
  }

  /** {@code owned} (e.g. the repository's connection pool) is closed after the server stops. */
  RunningApi(Javalin app, AutoCloseable owned) {
    this.app = Objects.requireNonNull(app, "app");
    this.port = app.port();
    this.owned = Objects.requireNonNull(owned, "owned");
  }

  /** The port the server listens on (the real one when started on port 0). */
  public int port() {
    return port;
  }

  /** {@code http://localhost:<port>}. */
  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** The running application, for tests and embedding. */
  public Javalin app() {
    return app;
  }

  /** Stops the server, then closes what it owns; safe to call more than once. */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      try {
        owned.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(RunningApi.class).warn("could not release the API's resources", e);
      }
    }
  }
}
