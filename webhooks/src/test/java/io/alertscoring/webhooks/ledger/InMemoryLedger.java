package io.alertscoring.webhooks.ledger;

import io.alertscoring.schemas.output.WebhookDelivery;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger in memory for unit tests: rows are stored when {@link #flush()} runs (or at once, when
 * {@code immediate}), so tests control when outcomes become durable.
 */
public final class InMemoryLedger implements DeliveryLedger {
  private final boolean immediate;
  private final List<WebhookDelivery> stored = new ArrayList<>();
  private final List<Runnable> callbacks = new ArrayList<>();
  private final List<WebhookDelivery> waiting = new ArrayList<>();

  public InMemoryLedger(boolean immediate) {
    this.immediate = immediate;
  }

  @Override
  public synchronized List<Settled> loadSettled() {
    return stored.stream().map(r -> new Settled(r.endpointId(), r.dedupKey(), r.status())).toList();
  }

  @Override
  public void record(WebhookDelivery row, Runnable onDurable) {
    synchronized (this) {
      if (!immediate) {
        waiting.add(row);
        callbacks.add(onDurable);
        return;
      }
      stored.add(row);
    }
    onDurable.run();
  }

  @Override
  public void flush() {
    List<Runnable> run;
    synchronized (this) {
      stored.addAll(waiting);
      waiting.clear();
      run = new ArrayList<>(callbacks);
      callbacks.clear();
    }
    run.forEach(Runnable::run);
  }

  @Override
  public synchronized int pending() {
    return waiting.size();
  }

  public synchronized List<WebhookDelivery> stored() {
    return List.copyOf(stored);
  }

  @Override
  public void close() {}
}
