/**
 * The query API's only view of storage: {@link io.alertscoring.api.store.ScoreRepository}, its
 * {@link io.alertscoring.api.store.Catalogue} of published runs, and the ClickHouse implementation
 * over a pool of connections. Reads go through prepared statements with bound parameters only;
 * every read of rows names one published run by the key prefix (network, processing_date,
 * window_days, run_id) and collapses the run's at-least-once duplicates with {@code LIMIT 1 BY} (no
 * FINAL over the big tables; the two small catalogue tables and the live table are read with
 * FINAL); dates are compared with {@code toDate(?)}; when a processing date holds several analysis
 * windows the smallest published one is served unless a window is asked for.
 */
package io.alertscoring.api.store;
