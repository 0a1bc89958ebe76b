/**
 * The {@code bin/alert-scoring} command line. {@code local} runs the whole system on this machine:
 * a KRaft Kafka broker, a ClickHouse server, the Flink job on its embedded local environment and
 * the query API, fed with a small generated dataset. {@link
 * io.alertscoring.launcher.AlertScoringCli} registers every sub-command (generate, replay, train,
 * validate, bench, ...) on one picocli command line.
 */
package io.alertscoring.launcher;
