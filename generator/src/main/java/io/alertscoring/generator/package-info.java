/**
 * The deterministic synthetic data generator: {@link io.alertscoring.generator.DatasetGenerator}
 * writes SOT batches (alerts, features, clusters, money flows, batch control) and delayed labels
 * for networks x processing dates, from a sharded synthetic economy. Depends on {@code schemas}
 * only (the AMLSim archives are read with a small built-in tar reader): no Flink, no Kafka.
 */
package io.alertscoring.generator;
