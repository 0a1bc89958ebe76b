/**
 * Input records of the upstream source of truth (SOT), one per Kafka message. Field names follow
 * the SOT ClickHouse tables (snake_case on the wire). Every record carries its {@link
 * io.alertscoring.schemas.BatchKey}. Missing numeric features are {@code NaN}, never zero.
 */
package io.alertscoring.schemas.input;
