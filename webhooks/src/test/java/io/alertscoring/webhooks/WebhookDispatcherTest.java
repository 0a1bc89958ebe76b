package io.alertscoring.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertscoring.schemas.output.WebhookDelivery;
import io.alertscoring.webhooks.config.Subscriptions;
import io.alertscoring.webhooks.http.WebhookTransport;
import io.alertscoring.webhooks.ledger.DeliveryLedger;
import io.alertscoring.webhooks.metrics.DeliveryStats;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dispatcher does without Kafka: refuse to start blind. */
class WebhookDispatcherTest {

  @Test
  void refusesToStartWhenTheLedgerCannotBeRead() {
    DeliveryLedger unreadable =
        new DeliveryLedger() {
          @Override
          public List<Settled> loadSettled() throws SQLException {
            throw new SQLException("Connection refused");
          }

          @Override
          public void record(WebhookDelivery row, Runnable onDurable) {}

          @Override
          public void flush() {}

          @Override
          public int pending() {
            return 0;
          }

          @Override
          public void close() {}
        };
    WebhookTransport never =
        (url, headers, body) -> {
          throw new AssertionError("nothing may be sent");
        };
    WebhookDispatcher d =
        new WebhookDispatcher(
            DispatcherConfig.defaults("127.0.0.1:1"),
            Subscriptions.parse(
                "{\"endpoints\":[{\"id\":\"ops\",\"url\":\"http://h/x\",\"secret\":\"k\"}]}", "t"),
            unreadable,
            never,
            new DeliveryStats());
    // without the settled keys every restart would notify everything again
    assertThatThrownBy(d::start).isInstanceOf(SQLException.class).hasMessage("Connection refused");
    assertThat(d.isRunning()).isFalse();
    d.close();
  }
}
