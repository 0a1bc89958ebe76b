package io.alertscoring.webhooks.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests, and verifies them for receivers.
 *
 * <ul>
 *   <li>{@value #TIMESTAMP_HEADER}: epoch seconds when the attempt was signed.
 *   <li>{@value #SIGNATURE_HEADER}: {@code v1=<lowercase hex HMAC-SHA256(secret, timestamp + "." +
 *       body)>}. The timestamp is inside the MAC so a captured request cannot be replayed later
 *       with a fresh timestamp; receivers reject timestamps outside a tolerance.
 *   <li>{@value #EVENT_ID_HEADER}: hex SHA-256 of {@code endpointId + "|" + dedupKey}: the same for
 *       every attempt, every replay and every re-emission of one notification to one endpoint, so a
 *       receiver can drop the rare redelivery (see the package documentation of {@code
 *       io.alertscoring.webhooks}).
 * </ul>
 *
 * Each attempt is signed afresh (a retry hours later carries a current timestamp); the body is the
 * same bytes on every attempt.
 */
public final class WebhookSigner {
  public static final String TIMESTAMP_HEADER = "X-Alert-Scoring-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Alert-Scoring-Signature";
  public static final String EVENT_ID_HEADER = "X-Alert-Scoring-Event-Id";
  public static final String CONTENT_TYPE = "application/json";

  /** Scheme prefix of the signature; a new scheme would be sent beside it as {@code v2=...}. */
  public static final String SCHEME = "v1=";

  private static final HexFormat HEX = HexFormat.of();

  private WebhookSigner() {}

  /** The stable event id of one notification ({@code dedupKey}) to one endpoint. */
  public static String eventId(String endpointId, String dedupKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(
          sha.digest((endpointId + "|" + dedupKey).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
  public static String signature(String secret, long epochSeconds, String body) {
    return SCHEME + hmacSha256Hex(secret, epochSeconds + "." + body);
  }

  /** The headers of one attempt, in a stable order (Content-Type first). */
  public static Map<String, String> headers(
      String secret, long epochSeconds, String eventId, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put(TIMESTAMP_HEADER, Long.toString(epochSeconds));
    headers.put(SIGNATURE_HEADER, signature(secret, epochSeconds, body));
    headers.put(EVENT_ID_HEADER, eventId);
    return headers;
  }

  /**
   * For receivers: true when {@code signatureHeader} carries a {@code v1=} HMAC of {@code
   * timestampHeader + "." + body} under {@code secret} and the timestamp is within {@code
   * tolerance} of {@code now} (either side: clocks drift both ways). The header may list several
   * comma-separated signatures (a sender rotating secrets); one valid {@code v1} suffices. The
   * comparison is constant-time in the signature bytes. Never throws on malformed input: a missing
   * or garbled header is simply not valid.
   *
   * @param body the raw request body exactly as received (decode it only after verifying)
   */
  public static boolean verify(
      String secret,
      String timestampHeader,
      String signatureHeader,
      String body,
      Instant now,
      Duration tolerance) {
    if (secret == null
        || secret.isEmpty()
        || timestampHeader == null
        || signatureHeader == null
        || body == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    long skew = Math.abs(now.getEpochSecond() - timestamp);
    if (skew > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected =
        hmacSha256Hex(secret, timestamp + "." + body).getBytes(StandardCharsets.US_ASCII);
    boolean valid = false;
    for (String part : signatureHeader.split(",")) {
      String candidate = part.trim();
      if (candidate.startsWith(SCHEME)) {
        byte[] given =
            candidate
                .substring(SCHEME.length())
                .toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        // no early exit: every candidate is compared, each in constant time
        valid |= MessageDigest.isEqual(expected, given);
      }
    }
    return valid;
  }

  /** Lowercase hex HMAC-SHA256 of {@code data} (UTF-8) under {@code key} (UTF-8). */
  static String hmacSha256Hex(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HEX.formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }
}
