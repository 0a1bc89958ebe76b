package io.alertscoring.webhooks.ledger;

import io.alertscoring.schemas.output.WebhookDelivery;
import java.util.List;

/** Where settled deliveries are stored. */
public interface DeliveryLedger extends AutoCloseable {

  /** A stored outcome: an (endpoint, dedup key) pair that must never be notified again. */
  record Settled(String endpointId, String dedupKey, String status) {}

  /** Every settled (endpoint, dedup key), read from storage. */
  List<Settled> loadSettled() throws Exception;

  /**
   * Queues {@code row} for storage; {@code onDurable} runs (on a ledger thread) once the row is
   * stored. May block while too many rows wait for storage (storage down), which back-pressures the
   * delivery workers instead of growing memory.
   *
   * @throws IllegalStateException when the ledger is closed
   */
  void record(WebhookDelivery row, Runnable onDurable) throws InterruptedException;

  /** Stores everything recorded so far, on the calling thread; throws if storage fails. */
  void flush() throws Exception;

  /** Rows recorded and not yet stored. */
  int pending();

  @Override
  void close();
}
