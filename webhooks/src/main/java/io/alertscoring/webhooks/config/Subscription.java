package io.alertscoring.webhooks.config;

import io.alertscoring.schemas.output.NotificationEvent;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One webhook endpoint and its filter and delivery policy. An empty filter set means "any". The
 * filters are exact, case-insensitive for priorities and entity types (wire names are lower case),
 * exact for networks and typologies (they are ids).
 *
 * <p>The typology filter constrains alerts only: a cluster has no typology, and an endpoint that
 * wants only mixer alerts and no clusters says so with {@code "entity_types": ["alert"]}. The
 * alternative (a typology filter rejecting every cluster) would make the default entity types a lie
 * for every endpoint that filters on typology.
 *
 * @param id unique id, part of the event id and the ledger key: renaming an endpoint makes it a new
 *     endpoint that has been told nothing
 * @param url where events are POSTed (http or https)
 * @param secret HMAC-SHA256 key of the signature header
 * @param ratePerSecond sustained POSTs per second, retries included
 * @param burst POSTs that may go out back to back after a quiet period
 * @param maxAttempts POSTs of one event before it is FAILED and dead-lettered
 * @param initialBackoffMs cap of the first retry delay (full jitter below it)
 * @param maxBackoffMs cap of every retry delay
 */
public record Subscription(
    String id,
    URI url,
    String secret,
    Set<String> networks,
    Set<String> priorities,
    Set<String> entityTypes,
    Set<String> typologies,
    double ratePerSecond,
    int burst,
    int maxAttempts,
    long initialBackoffMs,
    long maxBackoffMs) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    networks = Set.copyOf(networks);
    priorities = Set.copyOf(priorities);
    entityTypes = Set.copyOf(entityTypes);
    typologies = Set.copyOf(typologies);
  }

  /** True when this endpoint wants {@code event}. */
  public boolean matches(NotificationEvent event) {
    if (!networks.isEmpty() && !networks.contains(event.network())) {
      return false;
    }
    if (!priorities.isEmpty() && !priorities.contains(lower(event.priority()))) {
      return false;
    }
    String type = lower(event.entityType());
    if (!entityTypes.isEmpty() && !entityTypes.contains(type)) {
      return false;
    }
    if (!typologies.isEmpty()
        && NotificationEvent.ALERT.equals(type)
        && !typologies.contains(event.typologyType())) {
      return false;
    }
    return true;
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }

  /** The secret is never printed. */
  @Override
  public String toString() {
    return "Subscription[" + id + " -> " + url + "]";
  }
}
