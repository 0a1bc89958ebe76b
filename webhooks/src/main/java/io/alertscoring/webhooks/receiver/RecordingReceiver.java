package io.alertscoring.webhooks.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.webhooks.http.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * An HTTP receiver of webhooks on 127.0.0.1: {@code POST /hook/<endpoint id>}. Every request's
 * signature is checked with {@link WebhookSigner#verify} against the endpoint's secret (a request
 * with a bad or missing signature is answered 401 and recorded as such); valid ones are answered
 * 200 and recorded with their arrival time, so a caller can count deliveries per event id and
 * measure latency from the payload's {@code scored_at}.
 */
public final class RecordingReceiver implements AutoCloseable {
  /** Signatures older or newer than this are refused. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /**
   * One request as received.
   *
   * @param endpointId from the path
   * @param eventId the {@code X-Alert-Scoring-Event-Id} header
   * @param signatureValid whether the signature verified
   * @param receivedAtMs arrival (epoch ms)
   * @param payload the JSON body (null if unparsable)
   */
  public record Received(
      String endpointId,
      String eventId,
      boolean signatureValid,
      long receivedAtMs,
      JsonNode payload) {
    /** The payload's {@code scored_at} (epoch ms), or -1. */
    public long scoredAt() {
      return payload == null ? -1 : payload.path("scored_at").asLong(-1);
    }

    public String source() {
      return payload == null ? "" : payload.path("source").asText("");
    }
  }

  private final HttpServer server;
  private final Map<String, String> secrets;
  private final List<Received> received = new ArrayList<>();

  private RecordingReceiver(HttpServer server, Map<String, String> secrets) {
    this.server = server;
    this.secrets = new ConcurrentHashMap<>(secrets);
  }

  /** Starts on a free port; {@code secrets} maps endpoint ids to their secrets. */
  public static RecordingReceiver start(Map<String, String> secrets) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
      RecordingReceiver receiver = new RecordingReceiver(server, secrets);
      server.createContext("/hook/", receiver::handle);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the webhook receiver", e);
    }
  }

  /** The URL for {@code endpointId}, to put in a subscription. */
  public String url(String endpointId) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + endpointId;
  }

  private void handle(HttpExchange exchange) throws IOException {
    long now = System.currentTimeMillis();
    String endpoint = exchange.getRequestURI().getPath().substring("/hook/".length());
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String secret = secrets.get(endpoint);
    boolean valid =
        secret != null
            && WebhookSigner.verify(
                secret,
                exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER),
                body,
                Instant.ofEpochMilli(now),
                TOLERANCE);
    JsonNode payload;
    try {
      payload = OutputJson.mapper().readTree(body);
    } catch (IOException e) {
      payload = null;
    }
    synchronized (received) {
      received.add(
          new Received(
              endpoint,
              exchange.getRequestHeaders().getFirst(WebhookSigner.EVENT_ID_HEADER),
              valid,
              now,
              payload));
    }
    exchange.sendResponseHeaders(valid ? 200 : 401, -1);
    exchange.close();
  }

  /** Everything received so far, in arrival order. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
