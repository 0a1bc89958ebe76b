package io.alertscoring.api;

import java.util.Optional;

/**
 * Who may call the API and how much: an optional API key, the largest request body, and a rate
 * limit per client address. {@link #open()} is the default: no key, Javalin's 1 MB body limit, no
 * rate limit.
 *
 * @param apiKey the key every guarded route requires in {@code X-Api-Key}; null: none required
 * @param maxRequestBytes the largest request body accepted (413 above it)
 * @param ratePerSecond tokens a client's bucket regains per second; 0 turns the limit off
 * @param rateBurst the bucket's size: requests a client may send at once after being idle
 */
public record AccessPolicy(
    String apiKey, long maxRequestBytes, double ratePerSecond, int rateBurst) {

  /** Javalin's own default body limit. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1_000_000;

  public AccessPolicy {
    if (apiKey != null && apiKey.isBlank()) {
      throw new IllegalArgumentException("the API key must not be blank");
    }
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException(
          "max request bytes must be at least 1: " + maxRequestBytes);
    }
    if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate per second must be >= 0: " + ratePerSecond);
    }
    if (ratePerSecond > 0 && rateBurst < 1) {
      throw new IllegalArgumentException("rate burst must be at least 1: " + rateBurst);
    }
  }

  /** No key, a 1 MB body limit, no rate limit. */
  public static AccessPolicy open() {
    return new AccessPolicy(null, DEFAULT_MAX_REQUEST_BYTES, 0, 0);
  }

  /** The same policy requiring {@code key} (null: none). */
  public AccessPolicy withApiKey(String key) {
    return new AccessPolicy(key, maxRequestBytes, ratePerSecond, rateBurst);
  }

  /** The same policy with this body limit. */
  public AccessPolicy withMaxRequestBytes(long bytes) {
    return new AccessPolicy(apiKey, bytes, ratePerSecond, rateBurst);
  }

  /** The same policy with this rate limit per client ({@code perSecond} 0: none). */
  public AccessPolicy withRateLimit(double perSecond, int burst) {
    return new AccessPolicy(apiKey, maxRequestBytes, perSecond, burst);
  }

  /** The key, when one is required. */
  public Optional<String> key() {
    return Optional.ofNullable(apiKey);
  }

  /** Whether requests are rate limited. */
  public boolean rateLimited() {
    return ratePerSecond > 0;
  }

  /** The key never appears in logs or messages. */
  @Override
  public String toString() {
    return "AccessPolicy[apiKey="
        + (apiKey == null ? "none" : "***")
        + ", maxRequestBytes="
        + maxRequestBytes
        + ", ratePerSecond="
        + ratePerSecond
        + ", rateBurst="
        + rateBurst
        + "]";
  }
}
