package io.alertscoring.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  private static final String SECRET = "whsec-test-0123456789";
  private static final String BODY = "{\"entity_id\":\"a1\",\"score\":0.97}";
  private static final long TS = 1_772_000_000L;
  private static final Instant NOW = Instant.ofEpochSecond(TS + 30);
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void hmacMatchesRfc4231TestCase2() {
    assertThat(WebhookSigner.hmacSha256Hex("Jefe", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void signatureIsV1HexHmacOfTimestampDotBody() {
    assertThat(WebhookSigner.signature(SECRET, TS, BODY))
        .isEqualTo("v1=" + WebhookSigner.hmacSha256Hex(SECRET, TS + "." + BODY))
        .matches("v1=[0-9a-f]{64}");
  }

  @Test
  void eventIdIsTheSha256OfEndpointBarDedupKey() {
    // printf 'ops|k' | sha256sum
    assertThat(WebhookSigner.eventId("ops", "k"))
        .isEqualTo("7965c8a1ff9cc66071f3c2d25e3d1ac83cec6973923123d129713af4dcc0762e");
  }

  @Test
  void eventIdIsStablePerEndpointAndKey() {
    assertThat(WebhookSigner.eventId("ops", "alert/ethereum/a1/high"))
        .isEqualTo(WebhookSigner.eventId("ops", "alert/ethereum/a1/high"))
        .isNotEqualTo(WebhookSigner.eventId("other", "alert/ethereum/a1/high"))
        .isNotEqualTo(WebhookSigner.eventId("ops", "alert/ethereum/a1/medium"));
  }

  @Test
  void headersCarryTimestampSignatureEventIdAndContentType() {
    Map<String, String> h = WebhookSigner.headers(SECRET, TS, "e1", BODY);
    assertThat(h)
        .containsEntry("Content-Type", "application/json")
        .containsEntry(WebhookSigner.TIMESTAMP_HEADER, Long.toString(TS))
        .containsEntry(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signature(SECRET, TS, BODY))
        .containsEntry(WebhookSigner.EVENT_ID_HEADER, "e1");
  }

  @Test
  void verifyAcceptsWhatWasSigned() {
    String sig = WebhookSigner.signature(SECRET, TS, BODY);
    assertThat(WebhookSigner.verify(SECRET, Long.toString(TS), sig, BODY, NOW, TOLERANCE)).isTrue();
    // upper-case hex and surrounding spaces are tolerated
    assertThat(
            WebhookSigner.verify(
                SECRET,
                " " + TS + " ",
                "v1=" + sig.substring(3).toUpperCase(),
                BODY,
                NOW,
                TOLERANCE))
        .isTrue();
  }

  @Test
  void verifyRejectsATamperedBody() {
    String sig = WebhookSigner.signature(SECRET, TS, BODY);
    String tampered = BODY.replace("0.97", "0.10");
    assertThat(WebhookSigner.verify(SECRET, Long.toString(TS), sig, tampered, NOW, TOLERANCE))
        .isFalse();
    assertThat(WebhookSigner.verify(SECRET, Long.toString(TS), sig, BODY + " ", NOW, TOLERANCE))
        .isFalse();
  }

  @Test
  void verifyRejectsAWrongSecret() {
    String sig = WebhookSigner.signature("another-secret", TS, BODY);
    assertThat(WebhookSigner.verify(SECRET, Long.toString(TS), sig, BODY, NOW, TOLERANCE))
        .isFalse();
  }

  @Test
  void verifyRejectsATamperedTimestamp() {
    String sig = WebhookSigner.signature(SECRET, TS, BODY);
    assertThat(WebhookSigner.verify(SECRET, Long.toString(TS + 1), sig, BODY, NOW, TOLERANCE))
        .isFalse();
  }

  @Test
  void verifyRejectsStaleAndFarFutureTimestamps() {
    String sig = WebhookSigner.signature(SECRET, TS, BODY);
    String ts = Long.toString(TS);
    assertThat(
            WebhookSigner.verify(SECRET, ts, sig, BODY, Instant.ofEpochSecond(TS + 300), TOLERANCE))
        .isTrue();
    assertThat(
            WebhookSigner.verify(SECRET, ts, sig, BODY, Instant.ofEpochSecond(TS + 301), TOLERANCE))
        .isFalse();
    assertThat(
            WebhookSigner.verify(SECRET, ts, sig, BODY, Instant.ofEpochSecond(TS - 301), TOLERANCE))
        .isFalse();
  }

  @Test
  void verifyRejectsMalformedHeadersWithoutThrowing() {
    String sig = WebhookSigner.signature(SECRET, TS, BODY);
    String ts = Long.toString(TS);
    assertThat(WebhookSigner.verify(SECRET, "yesterday", sig, BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSigner.verify(SECRET, null, sig, BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSigner.verify(SECRET, ts, null, BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSigner.verify(SECRET, ts, sig.substring(3), BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSigner.verify(SECRET, ts, "v1=", BODY, NOW, TOLERANCE)).isFalse();
    assertThat(WebhookSigner.verify(SECRET, ts, "v2=" + sig.substring(3), BODY, NOW, TOLERANCE))
        .isFalse();
    assertThat(WebhookSigner.verify("", ts, sig, BODY, NOW, TOLERANCE)).isFalse();
  }

  @Test
  void verifyAcceptsOneValidSignatureAmongSeveral() {
    String old = WebhookSigner.signature("old-secret", TS, BODY);
    String current = WebhookSigner.signature(SECRET, TS, BODY);
    assertThat(
            WebhookSigner.verify(
                SECRET, Long.toString(TS), old + ", " + current, BODY, NOW, TOLERANCE))
        .isTrue();
  }
}
