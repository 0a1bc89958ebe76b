/**
 * The {@code bin/alert-scoring} command line. {@code local} runs the whole system on this machine:
 * a KRaft Kafka broker, a ClickHouse server, the Flink job on its embedded local environment and
 * the query API, fed with a small generated dataset. Later sub-commands (generate, replay, train,
 * validate) plug in here.
 */
package io.alertscoring.launcher;
