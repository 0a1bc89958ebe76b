/** Production connectors of the job: Kafka sources and dead-letter sink, ClickHouse JDBC sinks. */
package io.alertscoring.job.io;
