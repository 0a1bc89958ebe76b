/**
 * The delivery ledger: what each endpoint has already been told, stored so that it survives
 * restarts. {@link io.alertscoring.webhooks.ledger.ClickHouseDeliveryLedger} keeps it in the
 * catalogue table {@code webhook_deliveries} (ReplacingMergeTree by version, one row per endpoint
 * and dedup key); the dispatcher loads every settled key at start and records each outcome before
 * the Kafka offset that covers it is committed.
 */
package io.alertscoring.webhooks.ledger;
