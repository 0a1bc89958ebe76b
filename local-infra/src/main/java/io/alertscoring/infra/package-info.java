/**
 * Real infrastructure servers for integration tests and the one-command local run: an in-process
 * Apache Kafka broker running in KRaft combined mode ({@link
 * io.alertscoring.infra.EmbeddedKafkaBroker}) and a {@code clickhouse-server} child process ({@link
 * io.alertscoring.infra.ClickHouseServer}), each bound to free ports on 127.0.0.1 with its own
 * temporary data directory that is removed on close. No Docker, Testcontainers or mocks are
 * involved: callers get genuine servers speaking the genuine protocols, plus small helpers to find
 * free ports ({@link io.alertscoring.infra.FreePorts}) and to install the Debian ClickHouse
 * packages when they are missing ({@link io.alertscoring.infra.ClickHouseInstaller}).
 */
package io.alertscoring.infra;
