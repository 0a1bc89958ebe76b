package io.alertscoring.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alertscoring.schemas.json.OutputJson;
import io.alertscoring.webhooks.http.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP webhook receiver for the ITCase: {@code POST /hook/<endpoint id>}; verifies every
 * request's signature with {@link WebhookSigner#verify} and answers as the endpoint's behaviour
 * says.
 */
final class Receiver implements AutoCloseable {

  /** How an endpoint answers the n-th (1-based) request carrying one event id. */
  interface Behaviour {
    int status(String eventId, int attempt);
  }

  /** One request as received. */
  record Request(
      String endpointId,
      String eventId,
      int attempt,
      int status,
      boolean signatureValid,
      boolean contentTypeJson,
      long receivedNanos,
      JsonNode body) {
    boolean succeeded() {
      return status >= 200 && status < 300;
    }
  }

  private record Endpoint(String secret, Behaviour behaviour, long delayMs) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/hook/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url(String endpointId) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + endpointId;
  }

  void endpoint(String id, String secret, Behaviour behaviour, long delayMs) {
    endpoints.put(id, new Endpoint(secret, behaviour, delayMs));
  }

  void endpoint(String id, String secret) {
    endpoint(id, secret, (e, n) -> 200, 0);
  }

  synchronized List<Request> requests(String endpointId) {
    return requests.stream().filter(r -> r.endpointId().equals(endpointId)).toList();
  }

  List<Request> delivered(String endpointId) {
    return requests(endpointId).stream().filter(Request::succeeded).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String id = exchange.getRequestURI().getPath().substring("/hook/".length());
      Endpoint endpoint = endpoints.get(id);
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (endpoint == null || !"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String eventId = exchange.getRequestHeaders().getFirst(WebhookSigner.EVENT_ID_HEADER);
      boolean valid =
          WebhookSigner.verify(
              endpoint.secret(),
              exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER),
              exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER),
              body,
              Instant.now(),
              Duration.ofMinutes(5));
      boolean json =
          "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
      int attempt =
          attempts.computeIfAbsent(id + "/" + eventId, k -> new AtomicInteger()).incrementAndGet();
      long receivedAt = System.nanoTime();
      if (endpoint.delayMs() > 0) {
        try {
          Thread.sleep(endpoint.delayMs());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int status = valid ? endpoint.behaviour().status(eventId, attempt) : 401;
      synchronized (this) {
        requests.add(
            new Request(
                id,
                eventId,
                attempt,
                status,
                valid,
                json,
                receivedAt,
                OutputJson.mapper().readTree(body)));
      }
      exchange.sendResponseHeaders(status, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
