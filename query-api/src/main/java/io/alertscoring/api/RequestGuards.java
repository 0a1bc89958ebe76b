package io.alertscoring.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The {@link AccessPolicy} as one {@code before} handler, run ahead of every route; a refusal is an
 * {@link HttpResponseException}, which {@link QueryApi}'s error handler answers as {@code {error,
 * status}} JSON. In order:
 *
 * <ol>
 *   <li><b>Size.</b> A declared {@code Content-Length} over the limit is a 413 before the body is
 *       read (Javalin checks the same header again when a handler reads the body). A body without a
 *       length (chunked) is a 411: Javalin would read it whole into memory without a check.
 *   <li><b>Rate</b>, per remote address ({@link TokenBuckets}): a 429 with {@code Retry-After} in
 *       whole seconds. {@code X-Forwarded-For} is not trusted (any client can set it), so behind a
 *       proxy the proxy's address is the client: limit there, or give each client its own path.
 *   <li><b>Key</b>: {@code X-Api-Key} compared with the configured key in constant time (SHA-256
 *       digests of both compared by {@link MessageDigest#isEqual}, so neither the key's bytes nor
 *       its length shape the timing); missing or wrong is a 401.
 * </ol>
 *
 * <p>{@code /health} is neither limited nor guarded: container health checks and load balancers
 * probe it without credentials, and it tells no data. The documentation ({@code /openapi.json},
 * {@code /docs} and Swagger UI's static files) needs no key but is rate limited: it describes the
 * routes, which are public in this repository anyway, holds no stored data, and Swagger UI loads
 * the spec with a plain fetch before a user can enter a key in its Authorize dialog. {@code
 * /metrics} needs the key (traffic figures are operational data).
 */
final class RequestGuards {

  static final String HEALTH = "/health";

  private final AccessPolicy policy;
  private final byte[] keyDigest;
  private final TokenBuckets buckets;

  RequestGuards(AccessPolicy policy, LongSupplier nanoClock) {
    this.policy = policy;
    this.keyDigest = policy.key().map(RequestGuards::sha256).orElse(null);
    this.buckets =
        policy.rateLimited()
            ? new TokenBuckets(policy.ratePerSecond(), policy.rateBurst(), nanoClock)
            : null;
  }

  /** Sets Javalin's body limit and adds the check ahead of every route. */
  void register(JavalinConfig config) {
    config.http.maxRequestSize = policy.maxRequestBytes();
    config.router.mount(router -> router.before(this::check));
  }

  private void check(Context ctx) {
    String path = normalized(ctx.path());
    checkSize(ctx);
    if (path.equals(HEALTH)) {
      return;
    }
    if (buckets != null) {
      checkRate(ctx);
    }
    if (keyDigest != null && !ApiDocs.isDocumentation(path)) {
      checkKey(ctx);
    }
  }

  private void checkSize(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length > policy.maxRequestBytes()) {
      throw new HttpResponseException(
          HttpStatus.CONTENT_TOO_LARGE.getCode(),
          "request body of " + length + " bytes is over the limit of " + policy.maxRequestBytes());
    }
    String encoding = ctx.header("Transfer-Encoding");
    if (length < 0 && encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      throw new HttpResponseException(
          HttpStatus.LENGTH_REQUIRED.getCode(), "a request body needs a Content-Length header");
    }
  }

  private void checkRate(Context ctx) {
    long waitNanos = buckets.take(ctx.req().getRemoteAddr());
    if (waitNanos > 0) {
      long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
      ctx.header("Retry-After", Long.toString(seconds));
      throw new HttpResponseException(
          HttpStatus.TOO_MANY_REQUESTS.getCode(),
          "rate limit of "
              + policy.ratePerSecond()
              + " requests/s (burst "
              + policy.rateBurst()
              + ") exceeded; retry after "
              + seconds
              + " s");
    }
  }

  private void checkKey(Context ctx) {
    String given = ctx.header(ApiDocs.API_KEY_HEADER);
    if (given == null || given.isEmpty()) {
      throw new UnauthorizedResponse("missing " + ApiDocs.API_KEY_HEADER + " header");
    }
    if (!MessageDigest.isEqual(keyDigest, sha256(given))) {
      throw new UnauthorizedResponse("wrong API key in " + ApiDocs.API_KEY_HEADER);
    }
  }

  /** The path as routed: the router ignores a trailing slash. */
  private static String normalized(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
