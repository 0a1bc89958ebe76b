package io.alertscoring.api;

import io.javalin.Javalin;
import java.util.Objects;

/** A started query API; {@link #close()} stops it. */
public final class RunningApi implements AutoCloseable {

  private final Javalin app;
  private final int port;

  RunningApi(Javalin app) {
    this.app = Objects.requireNonNull(app, "app");
    this.port = app.port();
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

  /** Stops the server; safe to call more than once. */
  @Override
  public void close() {
    app.stop();
  }
}
