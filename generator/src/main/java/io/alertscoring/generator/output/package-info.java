/**
 * Writing generated batches: one JSON-lines file per record kind, network and date (optionally
 * gzip), each hashed while written, and a deterministic manifest (parameters, counts, hashes; no
 * timestamps, so two runs with the same parameters produce byte-identical manifests).
 */
package io.alertscoring.generator.output;
