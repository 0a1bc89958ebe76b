/**
 * On-demand scoring and model information, served beside the stored reads as {@link
 * io.alertscoring.api.RouteGroup}s.
 *
 * <p>{@link io.alertscoring.api.scoring.OnDemandScoringRoutes} answers {@code POST /score/alerts}:
 * a posted batch is decoded record by record with the job's strict decoder ({@code SotJson}), each
 * record from its own bytes exactly as the job reads a Kafka message, assembled into the same
 * {@code AssembledBatch} and scored by the same {@code BatchScorer}, so an answer equals, bit for
 * bit, what the job stores for that batch. {@link io.alertscoring.api.scoring.ModelRoutes} answers
 * {@code GET /models} with every loaded model's manifest and the training report, and adds the
 * models to {@code /health} and {@code /version}. Both read one {@link
 * io.alertscoring.api.scoring.LoadedModels}, which may be empty (an API started without a models
 * directory): scoring then answers 503.
 */
package io.alertscoring.api.scoring;
