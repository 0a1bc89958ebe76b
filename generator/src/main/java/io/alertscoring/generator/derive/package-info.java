/**
 * From transfers to SOT records, shared by the synthetic economy and the AMLSim replay source: a
 * {@link io.alertscoring.generator.derive.TransferBuffer} holds one window's transfers, the rule
 * analyzers raise alerts within a daily budget, and features, money flows and clusters are computed
 * from the same transfers. Everything is single-threaded per window and ordered by dense ids or
 * addresses, never by hash-map iteration, so output is reproducible bit for bit.
 */
package io.alertscoring.generator.derive;
