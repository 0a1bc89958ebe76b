package io.alertscoring.webhooks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WebhookTransport} over {@code java.net.http.HttpClient}: one shared client (its connection
 * pool keeps connections to each receiver alive), HTTP/1.1, a per-request timeout. HTTP/1.1 rather
 * than the client's default HTTP/2: over plain http the default sends an {@code Upgrade: h2c} that
 * some receivers mishandle, and one POST at a time per endpoint gains nothing from multiplexing.
 * The response body is discarded: receivers answer with a status, not with content we act on.
 */
public final class HttpClientTransport implements WebhookTransport {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final String USER_AGENT = "alert-scoring-webhooks/1";

  private final HttpClient client;
  private final Duration timeout;

  public HttpClientTransport(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect is a misconfiguration: retry
            .build();
  }

  @Override
  public Response post(URI url, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    HttpResponse<Void> response =
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    return new Response(
        response.statusCode(), retryAfterMs(response.headers().firstValue("Retry-After")));
  }

  /** Retry-After in seconds (the HTTP-date form is ignored: 0). */
  static long retryAfterMs(Optional<String> header) {
    if (header.isEmpty()) {
      return 0;
    }
    try {
      long seconds = Long.parseLong(header.get().trim());
      return seconds > 0 ? Math.multiplyExact(seconds, 1000L) : 0;
    } catch (NumberFormatException | ArithmeticException e) {
      return 0;
    }
  }
}
