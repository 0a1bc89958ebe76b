/**
 * The Apache Flink scoring job. {@link io.alertscoring.job.ScoringJob} builds the graph from
 * sources and sinks it is given, so tests run the real graph on bounded inputs; {@link
 * io.alertscoring.job.ScoringJobMain} only wires Kafka and ClickHouse.
 */
package io.alertscoring.job;
