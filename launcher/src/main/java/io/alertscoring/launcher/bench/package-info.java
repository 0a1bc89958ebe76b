/**
 * {@code alert-scoring bench}: end-to-end benchmarks of the running system. {@link
 * io.alertscoring.launcher.bench.PipelineBench} generates (or reuses) a processing date, starts the
 * servers and the job exactly as {@code local} does, replays the date, and measures publish and
 * consume rates, time to COMPLETED and to queryable, per-stage times, checkpoint durations (from
 * Flink's REST endpoint), heap, RSS and RocksDB memory; then a "consume + decode only" job over the
 * same records gives the rate the whole job is compared with.
 */
package io.alertscoring.launcher.bench;
