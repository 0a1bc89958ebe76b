package io.alertscoring.webhooks.delivery;

/** Where dead letters go (the webhook dead-letter topic). */
public interface DeadLetterSink {

  /**
   * Publishes {@code json} under {@code key} and returns once the broker acknowledged it.
   *
   * @throws Exception when it was not acknowledged (the caller retries)
   */
  void publish(String key, String json) throws Exception;
}
