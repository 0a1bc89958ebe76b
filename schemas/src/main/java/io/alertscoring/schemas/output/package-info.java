/**
 * Rows the product stores in ClickHouse and serves over HTTP, plus the dead-letter record. Every
 * stored row carries a {@code version}: ClickHouse's ReplacingMergeTree keeps the row with the
 * highest version per key, so a replay replaces what an earlier run wrote.
 */
package io.alertscoring.schemas.output;
