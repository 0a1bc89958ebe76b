package io.alertscoring.webhooks.http;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** One POST of a webhook body. The delivery policy (rate, retry, ledger) lives elsewhere. */
public interface WebhookTransport {

  /** The answer to a POST: the status and, for 429/503, the Retry-After delay if one was given. */
  record Response(int status, long retryAfterMs) {
    public boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * POSTs {@code body} with {@code headers}.
   *
   * @throws IOException no HTTP answer (connection refused, reset, timeout)
   */
  Response post(URI url, Map<String, String> headers, String body)
      throws IOException, InterruptedException;
}
