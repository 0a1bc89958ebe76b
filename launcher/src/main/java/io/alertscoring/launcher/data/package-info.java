/**
 * Data tools of the command line: {@code generate} (the deterministic synthetic SOT generator) and
 * {@code replay} (publish processing dates to the SOT Kafka topics from generated files, a SOT
 * ClickHouse database, the Ethereum illicit accounts CSV or an IBM AMLSim archive, with progress,
 * pacing and a batch-control record holding the counts actually published).
 */
package io.alertscoring.launcher.data;
