package io.alertscoring.webhooks.delivery;

import io.alertscoring.schemas.output.NotificationEvent;
import io.alertscoring.webhooks.config.Subscription;
import io.alertscoring.webhooks.policy.OffsetTracker.Ticket;
import java.util.ArrayList;
import java.util.List;

/**
 * One notification to one endpoint, and the Kafka records waiting for its outcome: the record that
 * started it and every later record with the same (endpoint, dedup key) that joined it while it was
 * in flight. Their offsets are released together, once the outcome is stored.
 */
public final class Delivery {
  private final Subscription endpoint;
  private final NotificationEvent event;
  private final String key;
  private final String eventId;
  private final String body;
  private final List<Ticket> waiting = new ArrayList<>(1);
  private boolean finished;

  public Delivery(
      Subscription endpoint, NotificationEvent event, String key, String eventId, String body) {
    this.endpoint = endpoint;
    this.event = event;
    this.key = key;
    this.eventId = eventId;
    this.body = body;
  }

  public Subscription endpoint() {
    return endpoint;
  }

  public NotificationEvent event() {
    return event;
  }

  /** The registry key (endpoint and dedup key). */
  public String key() {
    return key;
  }

  public String eventId() {
    return eventId;
  }

  public String body() {
    return body;
  }

  /**
   * Makes {@code ticket}'s record wait for this delivery (one hold on it).
   *
   * @return false when the outcome is already stored: the record need not wait
   */
  public synchronized boolean join(Ticket ticket) {
    if (finished) {
      return false;
    }
    ticket.hold();
    waiting.add(ticket);
    return true;
  }

  /**
   * Gives up a join made before the delivery was handed to a worker (the endpoint queue was full).
   */
  public synchronized void unjoin(Ticket ticket) {
    if (waiting.remove(ticket)) {
      ticket.release();
    }
  }

  /** The outcome is stored: releases every waiting record. */
  public void finish() {
    List<Ticket> release;
    synchronized (this) {
      finished = true;
      release = new ArrayList<>(waiting);
      waiting.clear();
    }
    for (Ticket t : release) {
      t.release();
    }
  }

  @Override
  public String toString() {
    return "Delivery[" + endpoint.id() + " " + event.dedupKey() + "]";
  }
}
