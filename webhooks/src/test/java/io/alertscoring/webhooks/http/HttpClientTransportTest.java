package io.alertscoring.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpClientTransportTest {
  @Test
  void retryAfterSecondsBecomeMillisAndAnythingElseIsZero() {
    assertThat(HttpClientTransport.retryAfterMs(Optional.of("3"))).isEqualTo(3000);
    assertThat(HttpClientTransport.retryAfterMs(Optional.of(" 1 "))).isEqualTo(1000);
    assertThat(HttpClientTransport.retryAfterMs(Optional.empty())).isZero();
    assertThat(HttpClientTransport.retryAfterMs(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT")))
        .isZero();
    assertThat(HttpClientTransport.retryAfterMs(Optional.of("-5"))).isZero();
    assertThat(HttpClientTransport.retryAfterMs(Optional.of("99999999999999999"))).isZero();
  }

  @Test
  void onlyTwoHundredsAreSuccess() {
    assertThat(new WebhookTransport.Response(200, 0).isSuccess()).isTrue();
    assertThat(new WebhookTransport.Response(204, 0).isSuccess()).isTrue();
    assertThat(new WebhookTransport.Response(299, 0).isSuccess()).isTrue();
    assertThat(new WebhookTransport.Response(301, 0).isSuccess()).isFalse();
    assertThat(new WebhookTransport.Response(199, 0).isSuccess()).isFalse();
    assertThat(new WebhookTransport.Response(500, 0).isSuccess()).isFalse();
  }
}
