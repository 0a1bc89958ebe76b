/**
 * The query API's only view of storage: {@link io.alertscoring.api.store.ScoreRepository} and its
 * ClickHouse implementation over a pool of connections. Reads go through prepared statements with
 * bound parameters only, every read of rows of a ReplacingMergeTree table uses {@code FINAL} so a
 * replayed batch or a re-scored live alert is seen once (only the list of networks, a set of key
 * values, is read without it), dates are compared with {@code toDate(?)} and read back as {@code
 * YYYY-MM-DD} strings, and when a processing date holds several analysis windows the smallest one
 * is served unless a window is asked for.
 */
package io.alertscoring.api.store;
