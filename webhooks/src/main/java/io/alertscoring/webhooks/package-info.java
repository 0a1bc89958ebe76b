/**
 * The webhook delivery service: {@link io.alertscoring.webhooks.WebhookDispatcher} reads the
 * scoring job's notification events ({@code scoring.notifications}) and POSTs each, signed, to
 * every subscribed endpoint that wants it ({@link io.alertscoring.webhooks.config}); {@link
 * io.alertscoring.webhooks.WebhooksMain} is its command line.
 *
 * <h2>At most once per (endpoint, dedup key)</h2>
 *
 * The unit of notification is the {@link
 * io.alertscoring.schemas.output.NotificationEvent#dedupKey() dedup key}: entity type, network,
 * entity id and priority, without run, source or score. Three mechanisms together keep a key from
 * reaching an endpoint twice:
 *
 * <ol>
 *   <li>The <b>ledger</b> (ClickHouse {@code webhook_deliveries}, one row per endpoint and key):
 *       loaded into memory at start; a key with a stored DELIVERED or FAILED row is never sent
 *       again. This covers a restart of the dispatcher, a replay of a date (a new run id, the same
 *       alerts), the job re-emitting events after its own restore, and a second event of the same
 *       key (live, then final with the same priority) arriving later.
 *   <li>The <b>in-flight registry</b>: an event whose key is being delivered joins that delivery
 *       instead of starting another. This covers duplicates arriving close together (a live and a
 *       final score in the same second, duplicate messages), before the first one's row exists.
 *   <li>The <b>commit rule</b>: a partition's offset is committed only up to the lowest record
 *       whose deliveries are not yet stored in the ledger. A record read again after a restart is
 *       therefore either covered by a stored row (and skipped) or was never settled (and is
 *       delivered, for the first time as far as the ledger knows).
 * </ol>
 *
 * <h2>The residual window</h2>
 *
 * A crash (kill -9, power loss) after the receiver answered 2xx but before the ledger row was
 * stored redelivers that event once after the restart: nothing on our side recorded the 2xx. The
 * window is one ledger flush interval (100 ms by default) plus the insert, per event in it. The
 * redelivery carries the same {@code X-Alert-Scoring-Event-Id} (a hash of endpoint id and dedup
 * key, identical on every attempt), so a receiver that remembers event ids for a day drops it.
 * Closing it on our side would need the receiver to take part in a two-phase protocol; no webhook
 * receiver does. A graceful stop (SIGTERM, {@link java.lang.AutoCloseable#close()}) has no window:
 * POSTs under way finish and their rows are stored before the last commit.
 *
 * <p>The same holds for two dispatchers in one consumer group: the registry is per process, so a
 * rebalance while deliveries are in flight on the old owner can make the new owner (which reloads
 * the ledger on assignment) send those few again, with the same event id. One active dispatcher per
 * group is the intended deployment; a second is a warm standby.
 *
 * <h2>Failures</h2>
 *
 * An undecodable message goes to {@code scoring.webhook_dead_letter} with the reason and its origin
 * (topic, partition, offset) and never stops the consumer. A delivery that exhausts its attempts
 * goes there too (endpoint, event, attempts, last status) and is recorded FAILED, which is
 * terminal: a replay does not retry it.
 */
package io.alertscoring.webhooks;
