package io.alertscoring.schemas.output;

import java.io.Serializable;

/**
 * The pointer to the current run of a batch: written only after every row of the run has been
 * stored, so readers that filter the output tables on its {@code runId} see one whole run. The
 * newest publication wins by {@code version}; a failed run never gets a pointer.
 *
 * @param runId the run whose rows readers serve
 * @param alertScores rows of the run in {@code alert_scores}
 * @param rankings rows of the run in {@code alert_rankings}
 * @param clusterScores rows of the run in {@code cluster_scores}
 * @param closedAt when the job closed the run (epoch ms)
 * @param publishedAt when the pointer was written, after the rows were stored (epoch ms)
 * @param version the run's publication order (its batch-control {@code published_at} * 10 + 1): a
 *     later publication replaces an earlier one, whichever closes last
 */
public record PublishedRun(
    String network,
    String processingDate,
    int windowDays,
    String runId,
    long alertScores,
    long rankings,
    long clusterScores,
    String modelVersions,
    long closedAt,
    long publishedAt,
    long version)
    implements Serializable {}
